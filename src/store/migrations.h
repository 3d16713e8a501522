// Numbered schema migrations, shared by every SQL store. Migration N brings
// the schema from version N-1 to N; dialect differences stay in this file.
#pragma once

#include <string>
#include <vector>

namespace psirt {

// The SQL dialects the migrations are written for.
enum class SqlDialect { kSqlite, kPostgres };

// The statements of every migration, index 0 = migration 1.
std::vector<std::vector<std::string>> Migrations(SqlDialect dialect);

}  // namespace psirt
