// Workspace discovery, loading and creation.
#include "app/workspace.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "formats/config_yaml.h"

namespace psirt {

namespace fs = std::filesystem;

std::string Workspace::Resolve(const std::string& relative) const {
  if (relative.empty()) return "";
  fs::path p(relative);
  return (p.is_absolute() ? p : fs::path(root) / p).lexically_normal().string();
}

AdvisoryService Workspace::Advisories(const Clock& clock) {
  AdvisoryService svc(*store, config, clock);
  svc.set_owners([this]() { return Owners(); });
  return svc;
}

AgendaService Workspace::Agenda() {
  AgendaService a(*store, config);
  a.set_modules(ModulesManifest(), WestDir(), ModulesConstraints());
  return a;
}

PublishService Workspace::Publish(const Clock& clock) { return PublishService(*store, config, clock, RepositoryDir()); }

NotifyService Workspace::Notify(const Clock& clock) { return NotifyService(*store, config, clock); }

Result<SyncService> Workspace::Sync(const Clock& clock) {
  PSIRT_RETURN_IF_ERROR(RequireRepository(config));
  return SyncService(*store, config, RepositoryDir(), clock);
}

Result<const OwnersService*> Workspace::Owners() {
  if (!owners_loaded_ && !config.maintainers.empty()) {
    PSIRT_ASSIGN_OR_RETURN(owners_, OwnersService::Load(Resolve(config.maintainers)));
  }
  owners_loaded_ = true;
  return static_cast<const OwnersService*>(owners_.get());
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

std::string Workspace::DatabaseLocation() const {
  return config.database.empty() ? "sqlite:" + (fs::path(root) / kDatabaseFileName).string() : config.database;
}

Result<Workspace> OpenWorkspace(const std::string& root) {
  Workspace ws;
  ws.root = root;
  ws.config_path = (fs::path(root) / kConfigFileName).string();
  PSIRT_ASSIGN_OR_RETURN(std::string text, ReadFileText(ws.config_path));
  PSIRT_ASSIGN_OR_RETURN(ws.config, ParseConfigYaml(text, ws.config_path));
  std::string db = (fs::path(root) / kDatabaseFileName).string();
  if (!ws.config.database.empty()) {  // a team's PostgreSQL database
    PSIRT_ASSIGN_OR_RETURN(ws.store, OpenPostgresStore(ws.config.database));
    PSIRT_RETURN_IF_ERROR(ReprojectIfNeeded(*ws.store));
    return ws;
  }
  std::error_code ec;
  if (!fs::exists(db, ec))
    return Status::NotFound(db + " is missing: restore it from a backup, or run 'psirt init " + root +
                            "' to start an empty database with the existing psirt.yml");
  PSIRT_ASSIGN_OR_RETURN(ws.store, OpenSqliteStore(db, OpenMode::kExisting));
  PSIRT_RETURN_IF_ERROR(ReprojectIfNeeded(*ws.store));
  ws.warnings = PermissionWarnings({root, db, ws.config_path});
  return ws;
}

std::vector<std::string> PermissionWarnings(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const std::string& p : paths) {
    struct stat sb;
    if (::stat(p.c_str(), &sb) == 0 && (sb.st_mode & 0077)) {
      char mode[8];
      std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(sb.st_mode & 07777));
      out.push_back(p + " is accessible to other users (mode " + mode +
                    "): embargoed reports should be private; chmod go-rwx " + p);
    }
  }
  return out;
}

bool InitAddsDatabaseOnly(const std::string& dir) {
  std::error_code ec;
  fs::path d = fs::absolute(dir, ec).lexically_normal();
  return fs::exists(d / kConfigFileName, ec) && !fs::exists(d / kDatabaseFileName, ec);
}

Result<Workspace> InitWorkspace(const std::string& dir_arg, const InitOptions& options) {
  std::error_code ec;
  fs::path dir = fs::absolute(dir_arg, ec).lexically_normal();
  fs::path cfg = dir / kConfigFileName;
  fs::path db = dir / kDatabaseFileName;
  if (InitAddsDatabaseOnly(dir.string())) {
    // psirt.yml is there, its database is not: a new, empty one for it.
    PSIRT_ASSIGN_OR_RETURN(std::string text, ReadFileText(cfg.string()));
    PSIRT_ASSIGN_OR_RETURN(WorkspaceConfig config, ParseConfigYaml(text, cfg.string()));
    int fd = ::open(db.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) return Status::Io(db.string() + ": cannot create: " + std::strerror(errno));
    ::close(fd);
    auto store = OpenSqliteStore(db.string(), OpenMode::kCreate);
    if (!store.ok()) {
      fs::remove(db, ec);
      return store.status();
    }
    Workspace ws;
    ws.root = dir.string();
    ws.config_path = cfg.string();
    ws.config = std::move(config);
    ws.store = std::move(store).value();
    return ws;
  }
  if (fs::exists(cfg, ec) || fs::exists(db, ec))
    return Status::Conflict(dir.string() + " is already a psirt workspace");
  bool made_dir = !fs::exists(dir, ec);
  if (made_dir && !fs::create_directories(dir, ec))
    return Status::Io(dir.string() + ": cannot create directory: " + ec.message());
  if (made_dir) fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
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
  // The database file is created private before SQLite opens it; SQLite
  // gives its -wal and -shm files the database's permissions.
  int fd = ::open(db.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    cleanup();
    return Status::Io(db.string() + ": cannot create: " + std::strerror(errno));
  }
  ::close(fd);
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
  // A directory that existed keeps its mode: say so when others can read it.
  if (!made_dir) ws.warnings = PermissionWarnings({dir.string()});
  return ws;
}

}  // namespace psirt
