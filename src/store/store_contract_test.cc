// The Store contract, run against every backend: SQLite always, and
// PostgreSQL when PSIRT_TEST_PG names a server (the CI starts one on
// loopback), each test in a schema of its own. Events, the projection,
// conflicts rolling back whole transactions, the append-only log, accounts,
// secrets, attachments with binary data, the intake index, leases, job
// runs, caches, and a process killed inside a transaction.
#include <set>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <thread>

#include "store/store.h"
#include "testing/pg_database.h"
#include "testing/test_support.h"

namespace psirt {
namespace {

using testing::TempDir;

// A fresh, empty database of one backend.
class Backend {
 public:
  virtual ~Backend() = default;
  virtual std::string location() const = 0;
  // Runs raw SQL as another tool would; false when the database refuses it.
  virtual bool RawSql(const std::string& sql) = 0;
  Result<std::unique_ptr<Store>> Open() { return OpenStore(location()); }
};

class SqliteBackend : public Backend {
 public:
  SqliteBackend() { (void)OpenSqliteStore(path_, OpenMode::kCreate); }
  std::string location() const override { return "sqlite:" + path_; }
  bool RawSql(const std::string& sql) override {
    auto s = OpenSqliteStore(path_, OpenMode::kExisting);
    (void)s;
    std::string cmd = sql;
    testing::RunResult r = testing::Run({"sqlite3", path_, cmd});
    return r.exit_code == 0 && r.err.empty();
  }

 private:
  TempDir dir_;
  std::string path_ = dir_ / "store.db";
};

class PostgresBackend : public Backend {
 public:
  std::string location() const override { return db_.url(); }
  bool RawSql(const std::string& sql) override { return db_.Sql(sql); }

 private:
  testing::PgDatabase db_;
};

std::vector<std::string> Backends() {
  std::vector<std::string> b = {"sqlite"};
  if (!testing::PgDatabase::Server().empty()) b.push_back("postgresql");
  return b;
}

class StoreContractTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "sqlite") backend_ = std::make_unique<SqliteBackend>();
    else backend_ = std::make_unique<PostgresBackend>();
    auto s = backend_->Open();
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
  }
  Store& store() { return *store_; }
  std::unique_ptr<Backend> backend_;
  std::unique_ptr<Store> store_;
};

Event ContractEvent(const std::string& adv, int seq) {
  Event e;
  e.advisory = adv;
  e.seq = seq;
  e.actor = "t";
  e.time = Timestamp::FromUnix(1700000000 + seq);
  e.kind = EventKind::kNoted;
  e.payload = {{"text", "n" + std::to_string(seq) + " \xc3\xa9 \"quoted\""}};
  return e;
}

TEST_P(StoreContractTest, EventsProjectionAndChangeCounter) {
  std::int64_t c0 = -1, c1 = -1;
  ASSERT_TRUE(store().Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(c0, tx.ChangeCounter());
    return Status::Ok();
  }).ok());
  ASSERT_TRUE(store().Write([&](StoreTx& tx) -> Status {
    for (int i = 1; i <= 3; ++i) PSIRT_RETURN_IF_ERROR(tx.AppendEvent(ContractEvent("A-2026-0001", i)));
    AdvisorySummary s;
    s.id = "A-2026-0001";
    s.year = 2026;
    s.seq = 1;
    s.state = State::kReview;
    s.title = "t \xc3\xa9";
    s.cvss_score = 7.5;
    s.reported_on = *Date::Parse("2026-01-02");
    s.embargo_override = *Date::Parse("2026-03-01");
    s.backports_missing = {"v3.6-branch", "v3.7-branch"};
    s.backports_probable = {{"v3.6-branch", "abc", 80}};
    s.reporter_email = "r@x.example";
    s.need_to_know = {"m1", "m2"};
    s.backport_branches = {"v3.6-branch"};
    s.cve_id = "CVE-2026-0042";
    s.ghsa_id = "GHSA-abcd-efgh-ijkl";
    s.areas = {"Bluetooth, Host", "USB"};
    s.pull_requests = {"77", "78"};
    s.module.module = "mbedtls";
    s.module.status = "vulnerable";
    s.module.fixed_upstream = {"3.6.3", "abc"};
    s.module.upstream_embargo = *Date::Parse("2026-02-15");
    s.updated_at = Timestamp::FromUnix(1700000100);
    s.version = 3;
    PSIRT_RETURN_IF_ERROR(tx.PutSummary(s));
    s.title = "replaced";  // same id: replaced, not duplicated
    s.pull_requests = {"78", "79"};
    return tx.PutSummary(s);
  }).ok());
  ASSERT_TRUE(store().Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(auto ev, tx.LoadEvents("A-2026-0001"));
    EXPECT_EQ(ev.size(), 3u);
    EXPECT_EQ(ev[2].payload["text"], "n3 \xc3\xa9 \"quoted\"");
    EXPECT_EQ(ev[1].time.unix_seconds(), 1700000002);
    PSIRT_ASSIGN_OR_RETURN(auto rows, tx.ListSummaries({}));
    EXPECT_EQ(rows.size(), 1u);
    // Ids another advisory may not take: found by CVE and by GHSA.
    PSIRT_ASSIGN_OR_RETURN(auto by_cve, tx.FindByCve("CVE-2026-0042"));
    PSIRT_ASSIGN_OR_RETURN(auto by_ghsa, tx.FindByGhsa("GHSA-abcd-efgh-ijkl"));
    PSIRT_ASSIGN_OR_RETURN(auto no_ghsa, tx.FindByGhsa("GHSA-zzzz-zzzz-zzzz"));
    EXPECT_EQ(by_cve.value_or(""), "A-2026-0001");
    EXPECT_EQ(by_ghsa.value_or(""), "A-2026-0001");
    EXPECT_FALSE(no_ghsa.has_value());
    const AdvisorySummary& r = rows[0];
    EXPECT_EQ(r.title, "replaced");
    EXPECT_EQ(r.ghsa_id, "GHSA-abcd-efgh-ijkl") << "read back in lists (search finds it)";
    EXPECT_EQ(r.state, State::kReview);
    EXPECT_EQ(*r.cvss_score, 7.5);
    EXPECT_EQ(r.reported_on->ToString(), "2026-01-02");
    EXPECT_EQ(r.embargo_override->ToString(), "2026-03-01");
    EXPECT_FALSE(r.accepted_on);
    EXPECT_EQ(r.backports_missing, (std::vector<std::string>{"v3.6-branch", "v3.7-branch"}));
    EXPECT_EQ(r.backports_probable.size(), 1u);
    EXPECT_EQ(r.need_to_know, (std::vector<std::string>{"m1", "m2"}));
    EXPECT_EQ(r.reporter_email, "r@x.example");
    EXPECT_EQ(r.backport_branches, (std::vector<std::string>{"v3.6-branch"}));
    EXPECT_EQ(r.areas, (std::vector<std::string>{"Bluetooth, Host", "USB"})) << "an area name may hold a comma";
    EXPECT_EQ(r.pull_requests, (std::vector<std::string>{"78", "79"}));
    EXPECT_EQ(r.module.module, "mbedtls");
    EXPECT_EQ(r.module.status, "vulnerable");
    EXPECT_EQ(r.module.fixed_upstream, (std::vector<std::string>{"3.6.3", "abc"}));
    EXPECT_EQ(DateOr(r.module.upstream_embargo), "2026-02-15") << "the effective embargo needs it";
    EXPECT_FALSE(r.module.forwarded_on);
    // The pull request index follows the projection: 77 was unlinked.
    PSIRT_ASSIGN_OR_RETURN(auto by_77, tx.FindByPullRequest("77"));
    PSIRT_ASSIGN_OR_RETURN(auto by_78, tx.FindByPullRequest("78"));
    PSIRT_ASSIGN_OR_RETURN(auto by_79, tx.FindByPullRequest("79"));
    EXPECT_TRUE(by_77.empty());
    EXPECT_EQ(by_78, std::vector<std::string>{"A-2026-0001"}) << "a PR listed before and after stays indexed";
    EXPECT_EQ(by_79, std::vector<std::string>{"A-2026-0001"});
    PSIRT_ASSIGN_OR_RETURN(int last, tx.LastSequence(2026));
    EXPECT_EQ(last, 1);
    PSIRT_ASSIGN_OR_RETURN(auto open, tx.ListSummaries({std::nullopt, true}));
    EXPECT_EQ(open.size(), 1u);
    PSIRT_ASSIGN_OR_RETURN(auto pub, tx.ListSummaries({State::kPublic, false}));
    EXPECT_TRUE(pub.empty());
    PSIRT_ASSIGN_OR_RETURN(auto ids, tx.AdvisoryIds());
    EXPECT_EQ(ids, std::vector<std::string>{"A-2026-0001"});
    PSIRT_ASSIGN_OR_RETURN(c1, tx.ChangeCounter());
    return Status::Ok();
  }).ok());
  EXPECT_GT(c1, c0);
}

TEST_P(StoreContractTest, ConflictRollsBackTheWholeTransaction) {
  ASSERT_TRUE(store().Write([&](StoreTx& tx) { return tx.AppendEvent(ContractEvent("A-2026-0001", 1)); }).ok());
  Status st = store().Write([&](StoreTx& tx) -> Status {
    PSIRT_RETURN_IF_ERROR(tx.AppendEvent(ContractEvent("A-2026-0002", 1)));
    return tx.AppendEvent(ContractEvent("A-2026-0001", 1));
  });
  EXPECT_EQ(st.code(), Status::Code::kConflict);
  ASSERT_TRUE(store().Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(auto ev, tx.LoadEvents("A-2026-0002"));
    EXPECT_TRUE(ev.empty()) << "rolled back";
    return Status::Ok();
  }).ok());
  // A failing callback rolls back too.
  EXPECT_FALSE(store().Write([&](StoreTx& tx) -> Status {
    PSIRT_RETURN_IF_ERROR(tx.AppendEvent(ContractEvent("A-2026-0003", 1)));
    return Status::Invalid("changed my mind");
  }).ok());
  ASSERT_TRUE(store().Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(auto ev, tx.LoadEvents("A-2026-0003"));
    EXPECT_TRUE(ev.empty());
    return Status::Ok();
  }).ok());
}

TEST_P(StoreContractTest, AReadIsOneSnapshotFromItsFirstQuery) {
  // PostgreSQL sends a read's BEGIN with its first query: the snapshot must
  // still hold from that query on, whatever another connection commits.
  auto other = backend_->Open();
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  ASSERT_TRUE(store().Write([&](StoreTx& tx) { return tx.AppendEvent(ContractEvent("A-2026-0001", 1)); }).ok());
  size_t first = 0, second = 0;
  std::int64_t counter_before = 0, counter_after = 0;
  ASSERT_TRUE(store().Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(counter_before, tx.ChangeCounter());
    PSIRT_ASSIGN_OR_RETURN(auto ev, tx.LoadEvents("A-2026-0001"));
    first = ev.size();
    PSIRT_RETURN_IF_ERROR((*other)->Write([&](StoreTx& w) { return w.AppendEvent(ContractEvent("A-2026-0001", 2)); }));
    PSIRT_ASSIGN_OR_RETURN(ev, tx.LoadEvents("A-2026-0001"));
    second = ev.size();
    PSIRT_ASSIGN_OR_RETURN(counter_after, tx.ChangeCounter());
    return Status::Ok();
  }).ok());
  EXPECT_EQ(first, 1u);
  EXPECT_EQ(second, 1u) << "the other connection's commit is not seen inside the snapshot";
  EXPECT_EQ(counter_after, counter_before);
  // The next read sees it, and so do many reads in a row on one connection
  // (each read's end is read back before the next one starts).
  for (int i = 0; i < 50; ++i)
    ASSERT_TRUE(store().Read([&](StoreTx& tx) -> Status {
      PSIRT_ASSIGN_OR_RETURN(auto ev, tx.LoadEvents("A-2026-0001"));
      EXPECT_EQ(ev.size(), 2u);
      return Status::Ok();
    }).ok());
  // A read that fails leaves the connection usable, also when no query ran.
  EXPECT_FALSE(store().Read([](StoreTx&) { return Status::Invalid("nothing read"); }).ok());
  EXPECT_FALSE(store().Read([](StoreTx& tx) -> Status {
    PSIRT_RETURN_IF_ERROR(tx.LoadEvents("A-2026-0001").status());
    return Status::Invalid("read, then failed");
  }).ok());
  ASSERT_TRUE(store().Write([&](StoreTx& tx) { return tx.AppendEvent(ContractEvent("A-2026-0001", 3)); }).ok());
  ASSERT_TRUE(store().Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(auto ev, tx.LoadEvents("A-2026-0001"));
    EXPECT_EQ(ev.size(), 3u);
    return Status::Ok();
  }).ok());
}

TEST_P(StoreContractTest, WriteEachUndoesAFailingWriteAlone) {
  std::function<Status(StoreTx&)> a = [](StoreTx& tx) { return tx.AppendEvent(ContractEvent("A-2026-0001", 1)); };
  std::function<Status(StoreTx&)> bad = [](StoreTx& tx) -> Status {
    PSIRT_RETURN_IF_ERROR(tx.AppendEvent(ContractEvent("A-2026-0002", 1)));
    return Status::Invalid("changed my mind");
  };
  std::function<Status(StoreTx&)> dup = [](StoreTx& tx) { return tx.AppendEvent(ContractEvent("A-2026-0001", 1)); };
  std::function<Status(StoreTx&)> c = [](StoreTx& tx) { return tx.AppendEvent(ContractEvent("A-2026-0003", 1)); };
  std::vector<const std::function<Status(StoreTx&)>*> fns = {&a, &bad, &dup, &c};
  std::vector<Status> results(fns.size(), Status::Ok());
  ASSERT_TRUE(store().WriteEach(fns, results).ok());
  EXPECT_TRUE(results[0].ok());
  EXPECT_EQ(results[1].code(), Status::Code::kInvalid);
  EXPECT_EQ(results[2].code(), Status::Code::kConflict) << "sees the write before it in the same transaction";
  EXPECT_TRUE(results[3].ok());
  ASSERT_TRUE(store().Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(auto ids, tx.AdvisoryIds());
    EXPECT_EQ(ids, (std::vector<std::string>{"A-2026-0001", "A-2026-0003"}));
    return Status::Ok();
  }).ok());
}

TEST_P(StoreContractTest, AChangeWatchSeesOtherWritersWithoutAQuery) {
  auto watch = WatchChanges(backend_->location());
  ASSERT_TRUE(watch.ok()) << watch.status().ToString();
  if (GetParam() == "sqlite") {
    EXPECT_EQ(*watch, nullptr) << "SQLite reads its change counter instead";
    return;
  }
  ASSERT_NE(*watch, nullptr);
  ChangeWatch& w = **watch;
  EXPECT_TRUE(w.MaybeChanged()) << "a new watch knows nothing yet";
  EXPECT_FALSE(w.MaybeChanged());
  // Another connection (another server, a CLI process) appends an event.
  auto other = backend_->Open();
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE((*other)->Write([](StoreTx& tx) { return tx.AppendEvent(ContractEvent("A-2026-0001", 1)); }).ok());
  bool seen = false;
  for (int i = 0; i < 200 && !seen; ++i) {
    seen = w.MaybeChanged();
    if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_TRUE(seen) << "the notification arrived";
  EXPECT_FALSE(w.MaybeChanged()) << "once";
  // A write that appends nothing notifies nothing; this process's own
  // writes mark the watch through WatchedStore.
  ASSERT_TRUE((*other)->Write([](StoreTx& tx) { return tx.PutState("k", "v"); }).ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(w.MaybeChanged());
  std::shared_ptr<ChangeWatch> shared = std::move(*watch);
  std::unique_ptr<Store> watched = WatchedStore(std::move(*other), shared);
  ASSERT_TRUE(watched->Write([](StoreTx& tx) { return tx.PutState("k", "w"); }).ok());
  EXPECT_TRUE(shared->MaybeChanged());
}

TEST_P(StoreContractTest, EventLogIsAppendOnlyEvenForOtherTools) {
  ASSERT_TRUE(store().Write([&](StoreTx& tx) { return tx.AppendEvent(ContractEvent("A-2026-0001", 1)); }).ok());
  EXPECT_FALSE(backend_->RawSql("UPDATE events SET actor = 'mallory'"));
  EXPECT_FALSE(backend_->RawSql("DELETE FROM events"));
  ASSERT_TRUE(store().Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(auto ev, tx.LoadEvents("A-2026-0001"));
    EXPECT_EQ(ev.at(0).actor, "t");
    return Status::Ok();
  }).ok());
}

TEST_P(StoreContractTest, AccountsSecretsAttachmentsMailLeasesJobsCaches) {
  std::string binary("\x00\x01\xff\xfe poc \x00 end", 14);
  std::int64_t att = 0;
  ASSERT_TRUE(store().Write([&](StoreTx& tx) -> Status {
    UserRecord u;
    u.name = "rm";
    u.role = Role::kReleaseManager;
    u.branches = {"v3.6-branch", "v4.0-branch"};
    u.locked_until = Timestamp::FromUnix(1800000000);
    u.created_at = Timestamp::FromUnix(1700000000);
    PSIRT_RETURN_IF_ERROR(tx.PutUser(u));
    u.failed_logins = 2;
    PSIRT_RETURN_IF_ERROR(tx.PutUser(u));  // replaced
    PSIRT_RETURN_IF_ERROR(tx.PutSecret({"h1", "token", "rm", "", std::nullopt, Timestamp::FromUnix(1)}));
    PSIRT_RETURN_IF_ERROR(tx.PutSecret({"h2", "session", "rm", "csrf", Timestamp::FromUnix(99), Timestamp::FromUnix(1)}));
    PSIRT_RETURN_IF_ERROR(tx.PutSecret({"h3", "session", "other", "x", Timestamp::FromUnix(99), Timestamp::FromUnix(1)}));
    AttachmentRecord a;
    a.advisory = "A-2026-0001";
    a.name = "poc.bin";
    a.content_type = "application/octet-stream";
    a.data = binary;
    PSIRT_ASSIGN_OR_RETURN(att, tx.PutAttachment(a));
    PSIRT_RETURN_IF_ERROR(tx.PutMessage("m1@x", "A-2026-0001"));
    PSIRT_RETURN_IF_ERROR(tx.PutMessage("m1@x", "A-2026-0009"));  // first one stays
    PSIRT_RETURN_IF_ERROR(tx.PutState("k", "v"));
    PSIRT_RETURN_IF_ERROR(tx.PutBlob("graph", binary));
    PSIRT_RETURN_IF_ERROR(tx.PutPatchIds(std::vector<std::pair<std::string, std::string>>{{"aa", "pp"}, {"bb", ""}}));
    return tx.AddJobRun({0, "sync", "i1", Timestamp::FromUnix(10), Timestamp::FromUnix(20), true, "ok"});
  }).ok());
  ASSERT_TRUE(store().Write([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(auto u, tx.GetUser("rm"));
    EXPECT_TRUE(u);
    EXPECT_EQ(u->role, Role::kReleaseManager);
    EXPECT_EQ(u->branches, (std::vector<std::string>{"v3.6-branch", "v4.0-branch"}));
    EXPECT_EQ(u->failed_logins, 2);
    EXPECT_EQ(u->locked_until->unix_seconds(), 1800000000);
    PSIRT_ASSIGN_OR_RETURN(auto users, tx.ListUsers());
    EXPECT_EQ(users.size(), 1u);
    PSIRT_ASSIGN_OR_RETURN(auto s, tx.FindSecret("h2"));
    EXPECT_EQ(s->data, "csrf");
    EXPECT_EQ(s->expires_at->unix_seconds(), 99);
    // The secret with its account in one query; none for an account that does not exist.
    PSIRT_ASSIGN_OR_RETURN(auto with_user, tx.FindSecretWithUser("h2"));
    EXPECT_TRUE(with_user);
    if (with_user) {
      EXPECT_EQ(with_user->first.kind, "session");
      EXPECT_EQ(with_user->first.data, "csrf");
      EXPECT_EQ(with_user->first.expires_at->unix_seconds(), 99);
      EXPECT_EQ(with_user->second.name, "rm");
      EXPECT_EQ(with_user->second.branches, (std::vector<std::string>{"v3.6-branch", "v4.0-branch"}));
      EXPECT_EQ(with_user->second.locked_until->unix_seconds(), 1800000000);
    }
    PSIRT_ASSIGN_OR_RETURN(auto orphan, tx.FindSecretWithUser("h3"));
    EXPECT_FALSE(orphan);
    PSIRT_RETURN_IF_ERROR(tx.DeleteSecrets("session", "rm"));
    PSIRT_ASSIGN_OR_RETURN(auto gone, tx.FindSecret("h2"));
    EXPECT_FALSE(gone);
    PSIRT_ASSIGN_OR_RETURN(auto other, tx.FindSecret("h3"));
    EXPECT_TRUE(other);
    PSIRT_RETURN_IF_ERROR(tx.DeleteSecret("h1"));
    PSIRT_ASSIGN_OR_RETURN(auto all, tx.AllSecrets());
    EXPECT_EQ(all.size(), 1u);
    PSIRT_ASSIGN_OR_RETURN(auto got, tx.GetAttachment(att));
    EXPECT_EQ(got->data, binary) << "binary data intact";
    EXPECT_EQ(got->size, 14);
    PSIRT_ASSIGN_OR_RETURN(auto list, tx.ListAttachments("A-2026-0001"));
    EXPECT_EQ(list.size(), 1u);
    EXPECT_TRUE(list[0].data.empty());
    PSIRT_ASSIGN_OR_RETURN(auto none, tx.GetAttachment(att + 1000));
    EXPECT_FALSE(none);
    PSIRT_ASSIGN_OR_RETURN(auto m, tx.FindMessage("m1@x"));
    EXPECT_EQ(*m, "A-2026-0001");
    PSIRT_ASSIGN_OR_RETURN(auto blob, tx.GetBlob("graph"));
    EXPECT_EQ(*blob, binary);
    PSIRT_ASSIGN_OR_RETURN(auto blobs, tx.AllBlobs());
    EXPECT_EQ(blobs.at(0).second, binary);
    PSIRT_ASSIGN_OR_RETURN(auto ids, tx.LoadPatchIds());
    EXPECT_EQ(ids.size(), 2u);
    PSIRT_ASSIGN_OR_RETURN(auto state, tx.AllState());
    bool has_k = false;
    for (auto& [k, v] : state) has_k = has_k || (k == "k" && v == "v");
    EXPECT_TRUE(has_k);
    // Leases: free, ours again, someone else's until it expires.
    Timestamp now = Timestamp::FromUnix(1000);
    PSIRT_ASSIGN_OR_RETURN(bool a1, tx.TakeLease("job:sync", "i1", now, Timestamp::FromUnix(2000)));
    PSIRT_ASSIGN_OR_RETURN(bool a2, tx.TakeLease("job:sync", "i1", now, Timestamp::FromUnix(2000)));
    PSIRT_ASSIGN_OR_RETURN(bool b1, tx.TakeLease("job:sync", "i2", now, Timestamp::FromUnix(2000)));
    PSIRT_ASSIGN_OR_RETURN(bool b2, tx.TakeLease("job:sync", "i2", Timestamp::FromUnix(2001), Timestamp::FromUnix(3000)));
    EXPECT_TRUE(a1);
    EXPECT_TRUE(a2);
    EXPECT_FALSE(b1);
    EXPECT_TRUE(b2) << "an expired lease is taken over";
    PSIRT_RETURN_IF_ERROR(tx.ReleaseLease("job:sync", "i1"));  // not i1's any more: no effect
    PSIRT_ASSIGN_OR_RETURN(bool a3, tx.TakeLease("job:sync", "i1", Timestamp::FromUnix(2002), Timestamp::FromUnix(3000)));
    EXPECT_FALSE(a3);
    PSIRT_ASSIGN_OR_RETURN(auto runs, tx.ListJobRuns(10));
    EXPECT_EQ(runs.size(), 1u);
    EXPECT_EQ(runs[0].job, "sync");
    EXPECT_TRUE(runs[0].ok);
    return Status::Ok();
  }).ok());
}

TEST_P(StoreContractTest, VulnerabilityRecordsReplacedByIdAndFoundByKeys) {
  ASSERT_TRUE(store().Write([&](StoreTx& tx) -> Status {
    PSIRT_RETURN_IF_ERROR(tx.PutVuln({"OSV-1", "osv", "2024-01-01T00:00:00Z", "{\"v\":1}",
                                      {{"repo", "github.com/a/b"}, {"commit", "c1"}, {"commit", "c2"}}}));
    PSIRT_RETURN_IF_ERROR(tx.PutVuln({"CVE-2024-1", "cve5", "2024-02-01T00:00:00Z", "{}",
                                      {{"cpe", "arm:mbed_tls"}, {"repo", "github.com/a/b"}, {"alias", "GHSA-x"}}}));
    // Replaced by id: its old keys go with it.
    return tx.PutVuln({"OSV-1", "osv", "2024-03-01T00:00:00Z", "{\"v\":2}", {{"repo", "github.com/a/b"}, {"commit", "c3"}}});
  }).ok());
  ASSERT_TRUE(store().Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(std::int64_t n, tx.CountVulns());
    EXPECT_EQ(n, 2);
    PSIRT_ASSIGN_OR_RETURN(auto m, tx.VulnModified("OSV-1"));
    EXPECT_EQ(m, std::optional<std::string>("2024-03-01T00:00:00Z"));
    PSIRT_ASSIGN_OR_RETURN(auto none, tx.VulnModified("OSV-9"));
    EXPECT_FALSE(none);
    std::vector<std::string> repo{"github.com/a/b", "github.com/x/y"};
    PSIRT_ASSIGN_OR_RETURN(auto byRepo, tx.FindVulns("repo", repo));
    std::set<std::string> ids;
    for (const VulnRow& r : byRepo) ids.insert(r.id);
    EXPECT_EQ(ids, (std::set<std::string>{"OSV-1", "CVE-2024-1"}));
    EXPECT_EQ(byRepo.size(), 2u);  // each record once
    std::vector<std::string> cpe{"arm:mbed_tls"};
    PSIRT_ASSIGN_OR_RETURN(auto byCpe, tx.FindVulns("cpe", cpe));
    EXPECT_EQ(byCpe.size(), 1u);
    if (!byCpe.empty()) EXPECT_EQ(byCpe[0].source, "cve5");
    PSIRT_ASSIGN_OR_RETURN(auto commits, tx.VulnKeys("commit"));
    EXPECT_EQ(commits, (std::vector<std::pair<std::string, std::string>>{{"c3", "OSV-1"}}));
    std::vector<std::string> old{"c1"};
    PSIRT_ASSIGN_OR_RETURN(auto gone, tx.FindVulns("commit", old));
    EXPECT_TRUE(gone.empty());
    std::vector<std::string> c3{"c3"};
    PSIRT_ASSIGN_OR_RETURN(auto now, tx.FindVulns("commit", c3));
    EXPECT_EQ(now.size(), 1u);
    if (!now.empty()) EXPECT_EQ(now[0].record, "{\"v\":2}");
    return Status::Ok();
  }).ok());
  // VEX decisions are kept as made, oldest first.
  ASSERT_TRUE(store().Write([&](StoreTx& tx) -> Status {
    PSIRT_RETURN_IF_ERROR(tx.AddVexDecision({"mbedtls", "CVE-1", "under_investigation", "", "", "a", "2026-01-01T00:00:00Z"}));
    return tx.AddVexDecision({"mbedtls", "CVE-1", "not_affected", "component_not_present", "n", "b", "2026-01-02T00:00:00Z"});
  }).ok());
  ASSERT_TRUE(store().Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(auto vex, tx.ListVexDecisions());
    EXPECT_EQ(vex.size(), 2u);
    if (vex.size() == 2) {
      EXPECT_EQ(vex[0].status, "under_investigation");
      EXPECT_EQ(vex[1].justification, "component_not_present");
      EXPECT_EQ(vex[1].note, "n");
      EXPECT_EQ(vex[1].author, "b");
    }
    return Status::Ok();
  }).ok());
}

TEST_P(StoreContractTest, ProcessKilledInsideATransactionLeavesNothing) {
  ASSERT_TRUE(store().Write([&](StoreTx& tx) { return tx.AppendEvent(ContractEvent("A-2026-0001", 1)); }).ok());
  std::string loc = backend_->location();
  int ready[2];
  ASSERT_EQ(pipe(ready), 0);
  pid_t pid = fork();
  if (pid == 0) {
    auto s = OpenStore(loc);
    if (!s.ok()) _exit(3);
    (void)(*s)->Write([&](StoreTx& tx) -> Status {
      for (int i = 2; i <= 50; ++i) (void)tx.AppendEvent(ContractEvent("A-2026-0001", i));
      (void)!write(ready[1], "x", 1);
      pause();  // killed here, inside the transaction
      return Status::Ok();
    });
    _exit(0);
  }
  char c;
  ASSERT_EQ(read(ready[0], &c, 1), 1);
  kill(pid, SIGKILL);
  int status;
  waitpid(pid, &status, 0);
  auto again = backend_->Open();
  ASSERT_TRUE(again.ok());
  ASSERT_TRUE((*again)->Write([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(auto ev, tx.LoadEvents("A-2026-0001"));
    EXPECT_EQ(ev.size(), 1u) << "none of the killed transaction's events";
    return tx.AppendEvent(ContractEvent("A-2026-0001", 2));
  }).ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContractTest, ::testing::ValuesIn(Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace psirt
