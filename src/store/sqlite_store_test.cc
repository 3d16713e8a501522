// Tests of the SQLite store: events, projection, append-only log,
// migrations, bad files, and a process killed inside a transaction.
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

Event Ev(const std::string& adv, int seq, EventKind k = EventKind::kNoted) {
  Event e;
  e.advisory = adv;
  e.seq = seq;
  e.actor = "t";
  e.time = Timestamp::FromUnix(1700000000 + seq);
  e.kind = k;
  e.payload = {{"text", "n" + std::to_string(seq)}};
  return e;
}

int Count(Store& s, const std::string& adv) {
  int n = -1;
  EXPECT_TRUE(s.Read([&](StoreTx& tx) -> Status {
                 auto ev = tx.LoadEvents(adv);
                 if (!ev.ok()) return ev.status();
                 n = static_cast<int>(ev->size());
                 return Status::Ok();
               }).ok());
  return n;
}

TEST(SqliteStoreTest, AppendsLoadsAndProjects) {
  TempDir dir;
  auto store = OpenSqliteStore(dir / "p.db", OpenMode::kCreate);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Store& s = **store;
  ASSERT_TRUE(s.Write([&](StoreTx& tx) -> Status {
                 for (int i = 1; i <= 3; ++i) PSIRT_RETURN_IF_ERROR(tx.AppendEvent(Ev("A-2026-0001", i)));
                 AdvisorySummary sum;
                 sum.id = "A-2026-0001";
                 sum.year = 2026;
                 sum.seq = 1;
                 sum.state = State::kReview;
                 sum.title = "t";
                 sum.cve_id = "CVE-2026-9999";
                 sum.reported_on = *Date::Parse("2026-01-02");
                 sum.embargo_override = *Date::Parse("2026-03-01");
                 return tx.PutSummary(sum);
               }).ok());
  EXPECT_EQ(Count(s, "A-2026-0001"), 3);
  EXPECT_EQ(Count(s, "A-2026-0002"), 0);
  ASSERT_TRUE(s.Read([&](StoreTx& tx) -> Status {
                 auto rows = tx.ListSummaries({});
                 EXPECT_EQ(rows->size(), 1u);
                 EXPECT_EQ((*rows)[0].state, State::kReview);
                 EXPECT_EQ((*rows)[0].embargo_override->ToString(), "2026-03-01");
                 EXPECT_EQ(*tx.LastSequence(2026), 1);
                 EXPECT_EQ(*tx.LastSequence(2025), 0);
                 EXPECT_EQ(tx.FindByCve("CVE-2026-9999")->value(), "A-2026-0001");
                 SummaryFilter open;
                 open.open_only = true;
                 EXPECT_EQ(tx.ListSummaries(open)->size(), 1u);
                 SummaryFilter pub;
                 pub.state = State::kPublic;
                 EXPECT_EQ(tx.ListSummaries(pub)->size(), 0u);
                 return Status::Ok();
               }).ok());
}

TEST(SqliteStoreTest, DuplicateSeqIsAConflictAndRollsBackTheWholeTransaction) {
  TempDir dir;
  auto store = OpenSqliteStore(dir / "p.db", OpenMode::kCreate);
  ASSERT_TRUE(store.ok());
  Store& s = **store;
  ASSERT_TRUE(s.Write([&](StoreTx& tx) { return tx.AppendEvent(Ev("A-2026-0001", 1)); }).ok());
  Status st = s.Write([&](StoreTx& tx) -> Status {
    PSIRT_RETURN_IF_ERROR(tx.AppendEvent(Ev("A-2026-0001", 2)));
    return tx.AppendEvent(Ev("A-2026-0001", 1));
  });
  EXPECT_EQ(st.code(), Status::Code::kConflict);
  EXPECT_EQ(Count(s, "A-2026-0001"), 1);  // event 2 was rolled back too
}

TEST(SqliteStoreTest, EventLogIsAppendOnlyEvenForOtherTools) {
  TempDir dir;
  {
    auto store = OpenSqliteStore(dir / "p.db", OpenMode::kCreate);
    ASSERT_TRUE((*store)->Write([&](StoreTx& tx) { return tx.AppendEvent(Ev("A-2026-0001", 1)); }).ok());
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir / "p.db").c_str(), &db), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "UPDATE events SET actor = 'mallory'", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM events", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

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
TEST(SqliteStoreTest, ProcessKilledInsideATransactionLeavesTheDatabaseConsistent) {
  TempDir dir;
  {
    auto store = OpenSqliteStore(dir / "p.db", OpenMode::kCreate);
    ASSERT_TRUE((*store)->Write([&](StoreTx& tx) { return tx.AppendEvent(Ev("A-2026-0001", 1)); }).ok());
  }
  pid_t pid = fork();
  if (pid == 0) {
    auto store = OpenSqliteStore(dir / "p.db", OpenMode::kExisting);
    (void)(*store)->Write([&](StoreTx& tx) -> Status {
      for (int i = 2; i <= 50; ++i) (void)tx.AppendEvent(Ev("A-2026-0001", i));
      raise(SIGKILL);  // dies holding the write lock, before COMMIT
      return Status::Ok();
    });
    _exit(3);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  auto store = OpenSqliteStore(dir / "p.db", OpenMode::kExisting);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ(Count(**store, "A-2026-0001"), 1);
  // ... and the lock is free again.
  EXPECT_TRUE((*store)->Write([&](StoreTx& tx) { return tx.AppendEvent(Ev("A-2026-0001", 2)); }).ok());
  sqlite3* db = nullptr;
  sqlite3_open((dir / "p.db").c_str(), &db);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "ok");
  sqlite3_finalize(st);
  sqlite3_close(db);
}

}  // namespace
}  // namespace psirt

namespace psirt {
namespace {

// A database made by an earlier psirt (schema 1) is upgraded on open.
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
