// The PostgreSQL backend (libpq) as one table of functions, built into the
// loadable module psirt-postgres.so. libpq and what it pulls in (GSSAPI,
// Kerberos, LDAP, SASL, GnuTLS and its helpers: 20 of the binary's 47
// shared objects) were mapped and relocated at every start of psirt, also
// by the many commands that work on the embedded SQLite database: the
// binary loads them only when a store location is a postgresql:// URL.
// Tests, benchmarks and fuzzers link the backend directly; the psirt
// binary reaches it through postgres_loader.cc.
#pragma once

#include <memory>
#include <string>

#include "base/status.h"
#include "store/store.h"

namespace psirt {

// The functions the PostgreSQL module exports.
struct PostgresApi {
  // Changes whenever a signature below or the Store interface changes: a
  // module from another build is refused rather than called.
  int abi;
  Result<std::unique_ptr<Store>> (*open_store)(const std::string& url, OpenMode mode);
  Result<std::unique_ptr<ChangeWatch>> (*watch_changes)(const std::string& url);
};

inline constexpr int kPostgresApiAbi = 1;
// The module's file name and its one exported function.
inline constexpr const char* kPostgresModuleFile = "psirt-postgres.so";
inline constexpr const char* kPostgresModuleEntry = "psirt_postgres_api";
// The PostgreSQL module's entry point.
using PostgresModuleEntry = const PostgresApi* (*)();

// Implemented in postgres_store.cc (the module, tests) and forwarded to
// the module by postgres_loader.cc (the psirt binary).
Result<std::unique_ptr<ChangeWatch>> WatchPostgresChanges(const std::string& url);

}  // namespace psirt
