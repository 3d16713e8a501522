// Workspace discovery, loading and creation.
#include "app/workspace.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "formats/config_yaml.h"

namespace psirt {

namespace fs = std::filesystem;

std::string Workspace::Resolve(const std::string& relative) const {
  if (relative.empty()) return "";
  fs::path p(relative);
  return (p.is_absolute() ? p : fs::path(root) / p).lexically_normal().string();
}

Result<std::string> FindWorkspaceRoot(const std::optional<std::string>& explicit_dir,
                                      const std::string& start_dir) {
  std::error_code ec;
  if (explicit_dir) {
    fs::path dir = fs::absolute(*explicit_dir, ec).lexically_normal();
    if (!fs::exists(dir / kConfigFileName, ec))
      return Status::NotFound(dir.string() + ": not a psirt workspace (no " + kConfigFileName +
                              "); create one with 'psirt init'");
    return dir.string();
  }
  fs::path dir = fs::absolute(start_dir, ec).lexically_normal();
  for (fs::path d = dir;; d = d.parent_path()) {
    if (fs::exists(d / kConfigFileName, ec)) return d.string();
    if (d == d.parent_path()) break;
  }
  return Status::NotFound("no psirt workspace in " + dir.string() +
                          " or above it: run 'psirt init', or pass --workspace DIR "
                          "(or set PSIRT_WORKSPACE)");
}

Result<Workspace> OpenWorkspace(const std::string& root) {
  Workspace ws;
  ws.root = root;
  ws.config_path = (fs::path(root) / kConfigFileName).string();
  PSIRT_ASSIGN_OR_RETURN(std::string text, ReadFileText(ws.config_path));
  PSIRT_ASSIGN_OR_RETURN(ws.config, ParseConfigYaml(text, ws.config_path));
  std::string db = (fs::path(root) / kDatabaseFileName).string();
  std::error_code ec;
  if (!fs::exists(db, ec))
    return Status::NotFound(db + ": the workspace has no database; run 'psirt init " + root + "'");
  PSIRT_ASSIGN_OR_RETURN(ws.store, OpenSqliteStore(db, OpenMode::kExisting));
  return ws;
}

Result<Workspace> InitWorkspace(const std::string& dir_arg, const InitOptions& options) {
  std::error_code ec;
  fs::path dir = fs::absolute(dir_arg, ec).lexically_normal();
  fs::path cfg = dir / kConfigFileName;
  fs::path db = dir / kDatabaseFileName;
  if (fs::exists(cfg, ec) || fs::exists(db, ec))
    return Status::Conflict(dir.string() + " is already a psirt workspace");
  bool made_dir = !fs::exists(dir, ec);
  if (made_dir && !fs::create_directories(dir, ec))
    return Status::Io(dir.string() + ": cannot create directory: " + ec.message());
  auto cleanup = [&] {
    fs::remove(cfg, ec);
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db.string() + suffix, ec);
    if (made_dir) fs::remove(dir, ec);
  };
  std::string text = DefaultConfigYaml(options.config);
  // What we write must be what we accept.
  auto check = ParseConfigYaml(text, cfg.string());
  if (!check.ok()) return check.status();
  Status st = WriteFileAtomic(cfg.string(), text);
  if (!st.ok()) {
    cleanup();
    return st;
  }
  auto store = OpenSqliteStore(db.string(), OpenMode::kCreate);
  if (!store.ok()) {
    cleanup();
    return store.status();
  }
  Workspace ws;
  ws.root = dir.string();
  ws.config_path = cfg.string();
  ws.config = std::move(check).value();
  ws.store = std::move(store).value();
  return ws;
}

}  // namespace psirt
