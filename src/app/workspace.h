// Workspace: a directory holding psirt.yml and psirt.db. Finds it (from a
// directory upward, --workspace or PSIRT_WORKSPACE), opens it, creates it.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "app/file_io.h"
#include "base/status.h"
#include "core/config.h"
#include "store/store.h"

namespace psirt {

inline constexpr const char* kConfigFileName = "psirt.yml";
inline constexpr const char* kDatabaseFileName = "psirt.db";

struct Workspace {
  std::string root;         // absolute directory
  std::string config_path;  // root/psirt.yml
  WorkspaceConfig config;
  std::unique_ptr<Store> store;

  // A path from psirt.yml made absolute against the workspace root.
  std::string Resolve(const std::string& relative) const;
};

// The workspace root: `explicit_dir` when given (must contain psirt.yml),
// else the nearest directory at or above `start_dir` with a psirt.yml.
Result<std::string> FindWorkspaceRoot(const std::optional<std::string>& explicit_dir,
                                      const std::string& start_dir);

// Loads and validates psirt.yml and opens the database.
Result<Workspace> OpenWorkspace(const std::string& root);

struct InitOptions {
  WorkspaceConfig config;  // project name etc.; defaults are the process's
};

// Creates psirt.yml and psirt.db in `dir` (created if needed). Refuses when
// a workspace is already there; leaves nothing behind when it fails.
Result<Workspace> InitWorkspace(const std::string& dir, const InitOptions& options);


}  // namespace psirt
