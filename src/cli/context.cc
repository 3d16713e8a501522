// Workspace opening and actor resolution for the CLI.
#include "cli/context.h"
#include "base/secret_source.h"

#include <cstdlib>
#include <filesystem>

#include "app/actor.h"
#include "app/file_io.h"
#include "base/strings.h"
#include "cli/local_client.h"
#include "cli/remote.h"

namespace psirt::cli {

Result<Workspace*> CliContext::OpenedWorkspace() {
  if (!workspace_) {
    std::optional<std::string> dir = options.workspace;
    if (!dir) {
      const char* env = std::getenv("PSIRT_WORKSPACE");
      if (env && *env) dir = std::string(env);
    }
    PSIRT_ASSIGN_OR_RETURN(std::string root,
                           FindWorkspaceRoot(dir, std::filesystem::current_path().string()));
    PSIRT_ASSIGN_OR_RETURN(Workspace ws, OpenWorkspace(root));
    for (const std::string& w : ws.warnings) std::cerr << "psirt: warning: " << w << "\n";
    workspace_ = std::move(ws);
  }
  return &*workspace_;
}

namespace {
std::optional<std::string> ServerUrl(const GlobalOptions& options) {
  if (options.server) return options.server;
  const char* env = std::getenv("PSIRT_SERVER");
  if (env && *env) return std::string(env);
  return std::nullopt;
}
}  // namespace

Status CliContext::LocalOnly(const std::string& command, const std::string& on_server) const {
  if (!ServerUrl(options)) return Status::Ok();
  return Status::Usage(command + " works on the local workspace, not through --server (a team server has it " + on_server + ")");
}

Result<Client*> CliContext::Client() {
  if (client_) return client_.get();
  if (std::optional<std::string> url = ServerUrl(options)) {
    if (options.as)
      return Status::Usage("--as does not apply with --server: the server records the account of the token");
    PSIRT_ASSIGN_OR_RETURN(std::string token,
                           ReadSecret({options.token_file.value_or(""), "PSIRT_TOKEN", "the API token", "--token-file", 1}));
    PSIRT_ASSIGN_OR_RETURN(std::unique_ptr<RemoteClient> remote, RemoteClient::Connect(*url, token));
    client_ = std::move(remote);
  } else {
    PSIRT_ASSIGN_OR_RETURN(Workspace * ws, OpenedWorkspace());
    client_ = std::make_unique<LocalClient>(*ws, clock, [this] { return Actor(); });
  }
  return client_.get();
}

CliContext::~CliContext() = default;
CliContext::CliContext() = default;

Result<std::string> CliContext::Actor() {
  std::string dir = std::filesystem::current_path().string();
  return ResolveActor(options.as, std::getenv("PSIRT_USER"), dir);
}

Result<Date> ParseDateOption(const std::string& option, const std::string& value) {
  auto d = Date::Parse(value);
  if (!d.ok()) return Status::Usage(option + ": " + d.status().message());
  return d;
}

}  // namespace psirt::cli
