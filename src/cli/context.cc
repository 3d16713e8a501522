// Workspace opening and actor resolution for the CLI.
#include "cli/context.h"
#include "base/secret_source.h"

#include <cstdlib>
#include <filesystem>

#include "app/actor.h"
#include "app/file_io.h"
#include "base/strings.h"
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

Result<RemoteClient*> CliContext::Remote() {
  if (!remote_checked_) {
    remote_checked_ = true;
    std::optional<std::string> url = options.server;
    if (!url) {
      const char* env = std::getenv("PSIRT_SERVER");
      if (env && *env) url = std::string(env);
    }
    if (!url) return static_cast<RemoteClient*>(nullptr);
    if (options.as)
      return Status::Usage("--as does not apply with --server: the server records the account of the token");
    PSIRT_ASSIGN_OR_RETURN(std::string token,
                           ReadSecret({options.token_file.value_or(""), "PSIRT_TOKEN", "the API token", "--token-file", 1}));
    PSIRT_ASSIGN_OR_RETURN(remote_, RemoteClient::Connect(*url, token));
  }
  return remote_.get();
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
