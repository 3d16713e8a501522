// Workspace: a directory holding psirt.yml and psirt.db. Finds it (from a
// directory upward, --workspace or PSIRT_WORKSPACE), opens it, creates it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/account_service.h"
#include "app/advisory_service.h"
#include "app/agenda_service.h"
#include "app/file_io.h"
#include "app/notify_service.h"
#include "app/owners_service.h"
#include "app/publish_service.h"
#include "app/sync_service.h"
#include "base/status.h"
#include "core/config.h"
#include "store/store.h"

namespace psirt {

inline constexpr const char* kConfigFileName = "psirt.yml";
inline constexpr const char* kDatabaseFileName = "psirt.db";

// An opened workspace: psirt.yml, its store and the paths it names.
struct Workspace {
  std::string root;         // absolute directory
  std::string config_path;  // root/psirt.yml
  WorkspaceConfig config;
  std::unique_ptr<Store> store;
  // Problems worth a warning that do not stop a command: the workspace or
  // its database readable by other users (embargoed data should be private).
  std::vector<std::string> warnings;

  // A path from psirt.yml made absolute against the workspace root.
  std::string Resolve(const std::string& relative) const;
  // The database: "sqlite:<root>/psirt.db", or psirt.yml's postgresql:// URL.
  std::string DatabaseLocation() const;
  // The project's clone ("" when none is configured).
  std::string RepositoryDir() const { return Resolve(config.repository); }
  // The west manifest and topdir psirt.yml names ("" when not set).
  std::string ModulesManifest() const { return config.modules.manifest.empty() ? "" : Resolve(config.modules.manifest); }
  std::string ModulesConstraints() const { return config.modules.constraints.empty() ? "" : Resolve(config.modules.constraints); }
  std::string WestDir() const { return config.modules.west_dir.empty() ? "" : Resolve(config.modules.west_dir); }
  // psirt.yml's github.token_file ("" when none: GITHUB_TOKEN is used).
  std::string GithubTokenFile() const { return Resolve(config.github.token_file); }

  // Ready services over this workspace: the CLI and the server call these
  // and never wire dependencies themselves. Each borrows the workspace,
  // which must outlive it.
  AdvisoryService Advisories(const Clock& clock);  // triage --file knows areas (MAINTAINERS.yml)
  AgendaService Agenda();
  AccountService Accounts(const Clock& clock) { return AccountService(*store, clock); }
  PublishService Publish(const Clock& clock);
  NotifyService Notify(const Clock& clock);
  // Sync needs a clone: an error saying so when psirt.yml names none.
  Result<SyncService> Sync(const Clock& clock);
  // The workspace's MAINTAINERS.yml, loaded once; nullptr when none is configured.
  Result<const OwnersService*> Owners();

 private:
  std::unique_ptr<OwnersService> owners_;
  bool owners_loaded_ = false;
};

// The workspace root: `explicit_dir` when given (must contain psirt.yml),
// else the nearest directory at or above `start_dir` with a psirt.yml.
Result<std::string> FindWorkspaceRoot(const std::optional<std::string>& explicit_dir,
                                      const std::string& start_dir);

// Loads and validates psirt.yml and opens the database.
Result<Workspace> OpenWorkspace(const std::string& root);
// One warning for each path other users may read or write.
std::vector<std::string> PermissionWarnings(const std::vector<std::string>& paths);

// What `psirt init` writes into a new workspace.
struct InitOptions {
  WorkspaceConfig config;  // project name etc.; defaults are the process's
};

// Creates psirt.yml and psirt.db in `dir` (created 0700 if needed; the
// files 0600 whatever the umask). Refuses when a workspace is already
// there; leaves nothing behind when it fails. A directory with a psirt.yml
// but no psirt.db gets a new, empty database for that configuration.
Result<Workspace> InitWorkspace(const std::string& dir, const InitOptions& options);
// Whether InitWorkspace only added a database to an existing psirt.yml.
bool InitAddsDatabaseOnly(const std::string& dir);


}  // namespace psirt
