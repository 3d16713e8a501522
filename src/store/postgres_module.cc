// The entry point of psirt-postgres.so: the table of the PostgreSQL
// backend's functions (see postgres_api.h). Nothing else is exported.
#include "store/postgres_api.h"

extern "C" __attribute__((visibility("default"))) const psirt::PostgresApi* psirt_postgres_api() {
  static const psirt::PostgresApi api = {psirt::kPostgresApiAbi, &psirt::OpenPostgresStore,
                                         &psirt::WatchPostgresChanges};
  return &api;
}
