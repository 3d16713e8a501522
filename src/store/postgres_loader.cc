// The psirt binary's side of psirt-postgres.so: OpenPostgresStore and
// WatchPostgresChanges forwarded to the module, which is loaded (once,
// thread-safely) the first time a PostgreSQL location is opened.
#include "base/module_loader.h"
#include "store/postgres_api.h"

namespace psirt {
namespace {

LazyModule<PostgresApi>& Postgres() {
  static LazyModule<PostgresApi> module(kPostgresModuleFile, kPostgresModuleEntry, "PostgreSQL support",
                                        kPostgresApiAbi);
  return module;
}

}  // namespace

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url, OpenMode mode) {
  if (!Postgres().api()) return Status::Internal(Postgres().error());
  return Postgres().api()->open_store(url, mode);
}

Result<std::unique_ptr<ChangeWatch>> WatchPostgresChanges(const std::string& url) {
  if (!Postgres().api()) return Status::Internal(Postgres().error());
  return Postgres().api()->watch_changes(url);
}

}  // namespace psirt
