// Per-test PostgreSQL schemas.
#include "testing/pg_database.h"

#include <libpq-fe.h>

#include <cstdlib>
#include <random>

namespace psirt::testing {
namespace {

bool Exec(const std::string& server, const std::string& sql) {
  PGconn* c = PQconnectdb(server.c_str());
  PQsetNoticeProcessor(c, [](void*, const char*) {}, nullptr);
  bool ok = PQstatus(c) == CONNECTION_OK;
  if (ok) {
    PGresult* r = PQexec(c, sql.c_str());
    ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
    PQclear(r);
  }
  PQfinish(c);
  return ok;
}

}  // namespace

std::string PgDatabase::Server() {
  const char* s = std::getenv("PSIRT_TEST_PG");
  return s ? s : "";
}

PgDatabase::PgDatabase() : server_(Server()) {
  std::mt19937_64 rng(std::random_device{}());
  schema_ = "t" + std::to_string(rng() % 1000000000000ULL);
  Exec(server_, "CREATE SCHEMA " + schema_);
  url_ = server_ + (server_.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema_;
}

PgDatabase::~PgDatabase() { Exec(server_, "DROP SCHEMA " + schema_ + " CASCADE"); }

bool PgDatabase::Sql(const std::string& sql) const { return Exec(server_, "SET search_path = " + schema_ + "; " + sql); }

}  // namespace psirt::testing
