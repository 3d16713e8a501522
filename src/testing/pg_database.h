// A PostgreSQL database for one test: a schema of its own on the server
// PSIRT_TEST_PG names (the CI starts a throw-away cluster on loopback),
// dropped afterwards. Tests that need one skip when no server is given.
#pragma once

#include <string>

namespace psirt::testing {

// A throw-away PostgreSQL database for one test.
class PgDatabase {
 public:
  // The server from PSIRT_TEST_PG, or "" when none is configured.
  static std::string Server();
  PgDatabase();
  ~PgDatabase();
  // A postgresql:// URL whose connections use this schema.
  const std::string& url() const { return url_; }
  // Runs SQL in the schema as another client would; false when refused.
  bool Sql(const std::string& sql) const;

 private:
  std::string server_, schema_, url_;
};

}  // namespace psirt::testing
