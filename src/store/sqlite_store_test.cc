// SQLite-only tests of the store: migrations (user_version), bad files,
// upgrading an older schema. What every backend must do is in
// store_contract_test.cc.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

#include "store/migrations.h"
#include "store/store.h"
#include "testing/test_support.h"

namespace psirt {
namespace {

using testing::TempDir;

TEST(SqliteStoreTest, MigrationsRunOnceAndNewerSchemasAreRefused) {
  TempDir dir;
  ASSERT_TRUE(OpenSqliteStore(dir / "p.db", OpenMode::kCreate).ok());
  ASSERT_TRUE(OpenSqliteStore(dir / "p.db", OpenMode::kExisting).ok());  // no re-run
  sqlite3* db = nullptr;
  sqlite3_open((dir / "p.db").c_str(), &db);
  sqlite3_exec(db, "PRAGMA user_version = 999", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  auto again = OpenSqliteStore(dir / "p.db", OpenMode::kExisting);
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.status().ToString().find("newer than this psirt"), std::string::npos);
}

TEST(SqliteStoreTest, BadFilesGiveOneClearError) {
  TempDir dir;
  auto missing = OpenSqliteStore(dir / "nope.db", OpenMode::kExisting);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().ToString().find("nope.db"), std::string::npos);
  testing::WriteFile(dir / "junk.db", std::string(4096, 'x'));
  auto junk = OpenSqliteStore(dir / "junk.db", OpenMode::kExisting);
  ASSERT_FALSE(junk.ok());
  EXPECT_NE(junk.status().ToString().find("junk.db"), std::string::npos);
}

// A process killed between writing events and committing leaves nothing.
TEST(SqliteStoreTest, UpgradesAnOlderSchemaInPlace) {
  testing::TempDir dir;
  std::string path = dir / "old.db";
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  const auto migrations = Migrations(SqlDialect::kSqlite);
  for (const std::string& sql : migrations[0])
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sql;
  sqlite3_exec(db, "PRAGMA user_version = 1", nullptr, nullptr, nullptr);
  sqlite3_exec(db,
               "INSERT INTO advisories (id, year, seq, state, title, assignee, cvss, cve_id, "
               "reported_on, acknowledged, has_fix, updated_at, version) VALUES ('A-2026-0001', "
               "2026, 1, 'New', 't', '', '', '', '2026-01-01', 0, 0, '2026-01-01T00:00:00Z', 1)",
               nullptr, nullptr, nullptr);
  sqlite3_close(db);
  auto store = OpenSqliteStore(path, OpenMode::kExisting);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Status st = (*store)->Read([](StoreTx& tx) -> Status {
                auto rows = tx.ListSummaries({});
                if (!rows.ok()) return rows.status();
                EXPECT_EQ(rows->size(), 1u);
                EXPECT_FALSE((*rows)[0].cvss_score);
                return Status::Ok();
              });
  EXPECT_TRUE(st.ok()) << st.ToString();
}

}  // namespace
}  // namespace psirt
