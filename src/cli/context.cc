// Workspace opening and actor resolution for the CLI.
#include "cli/context.h"

#include <cstdlib>
#include <filesystem>

#include "app/actor.h"

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
