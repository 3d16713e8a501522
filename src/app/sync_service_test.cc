// Tests of `psirt sync` over a real repository: status events only when
// something changed, Review -> Accepted once merged, agenda tasks for
// missing backports, and an incremental second sync that reads only new
// commits and reuses cached patch-ids.
#include "app/account_service.h"
#include "app/sync_service.h"

#include <gtest/gtest.h>

#include "app/advisory_service.h"
#include "app/agenda_service.h"
#include "app/git_cache.h"
#include "app/workspace.h"
#include "testing/test_support.h"

namespace psirt {
namespace {

class SyncTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Commit("a.c", "a\n", "init");
    Git({"tag", "v1.0.0"});
    Git({"branch", "v1.0-branch"});
    Commit("b.c", "b\n", "feature");
    Git({"tag", "v1.1.0"});
    Git({"branch", "v1.1-branch"});
    InitOptions o;
    o.config.project = "p";
    o.config.repository = repo_;
    o.config.releases.lts_branches = {"v1.0-branch"};
    auto ws = InitWorkspace(dir_ / "ws", o);
    ASSERT_TRUE(ws.ok()) << ws.status().ToString();
    ws_ = std::make_unique<Workspace>(std::move(ws).value());
    advisories_ = std::make_unique<AdvisoryService>(*ws_->store, ws_->config, clock_);
    ASSERT_TRUE(AccountService(*ws_->store, clock_).Add({"dev", Role::kMaintainer, "", "", {}}).ok());
  }
  std::string Git(std::vector<std::string> args) { return git_.Git(std::move(args)); }
  std::string Commit(const std::string& f, const std::string& content, const std::string& msg) {
    return git_.Commit(f, content, msg);
  }
  Result<SyncReport> Sync() {
    SyncService s(*ws_->store, ws_->config, repo_, clock_);
    return s.Sync();
  }

  testing::TempDir dir_;
  testing::GitRepo git_;
  std::string repo_ = git_.dir();
  FixedClock clock_{Timestamp::StartOf(*Date::Parse("2026-03-01"))};
  std::unique_ptr<Workspace> ws_;
  std::unique_ptr<AdvisoryService> advisories_;
};

TEST_F(SyncTest, DrivesTheLifecycleAndTheAgendaAndIsIncremental) {
  ReportRequest r;
  r.title = "overflow";
  r.reported_on = *Date::Parse("2026-02-01");
  std::string id = advisories_->Report("a", r)->advisory.id;
  ASSERT_TRUE(advisories_->Move("a", id, MoveRequest{State::kTriage}).ok());
  ASSERT_TRUE(advisories_->Assign("a", id, "dev").ok());
  // The fix is written on a topic branch first and linked before it merges.
  Git({"checkout", "-q", "-b", "fix"});
  std::string fix = Commit("a.c", "a fixed\n", "a: fix overflow");
  Git({"checkout", "-q", "main"});
  ASSERT_TRUE(advisories_->LinkFix("a", id, Fix{Fix::Kind::kCommit, fix, "main"}).ok());
  ASSERT_TRUE(advisories_->Move("a", id, MoveRequest{State::kReview}).ok());

  auto s1 = Sync();
  ASSERT_TRUE(s1.ok()) << s1.status().ToString();
  EXPECT_EQ(s1->advisories, 1);
  EXPECT_EQ(s1->accepted, 0);  // not on main yet
  EXPECT_EQ(advisories_->Get(id)->state, State::kReview);

  Git({"merge", "-q", "--ff-only", "fix"});
  auto s2 = Sync();
  ASSERT_TRUE(s2.ok());
  EXPECT_EQ(s2->accepted, 1);
  Advisory a = *advisories_->Get(id);
  EXPECT_EQ(a.state, State::kAccepted);
  EXPECT_EQ(a.backports_missing, (std::vector<std::string>{"v1.0-branch", "v1.1-branch"}));
  auto history = *advisories_->History(id);
  EXPECT_EQ(history.back().actor, kSyncActor);
  AgendaService agenda(*ws_->store, ws_->config);
  auto tasks = *agenda.Todo(*Date::Parse("2026-03-01"));
  int missing = 0;
  for (const Task& t : tasks) missing += t.kind == TaskKind::kBackportMissing;
  EXPECT_EQ(missing, 2);

  // Nothing changed: no events, nothing re-read.
  size_t events = history.size();
  auto s3 = Sync();
  ASSERT_TRUE(s3.ok());
  EXPECT_EQ(s3->changed, 0);
  EXPECT_EQ(s3->commits_read, 0u);
  EXPECT_EQ(s3->patch_ids_computed, 0u);
  EXPECT_EQ(advisories_->History(id)->size(), events);

  // A backport lands on v1.1 (cherry-pick without -x) and is released.
  Git({"checkout", "-q", "v1.1-branch"});
  Commit("notes.txt", "1.1 notes\n", "release notes");  // the branch has moved on
  Git({"cherry-pick", fix});
  Git({"tag", "v1.1.1"});
  Git({"checkout", "-q", "main"});
  auto s4 = Sync();
  ASSERT_TRUE(s4.ok());
  EXPECT_EQ(s4->changed, 1);
  EXPECT_EQ(s4->commits_read, 2u);  // only the two new commits
  EXPECT_GT(s4->commits_cached, 0u);
  a = *advisories_->Get(id);
  EXPECT_EQ(a.backports_missing, std::vector<std::string>{"v1.0-branch"});
  EXPECT_NE(std::find(a.fixed_in.begin(), a.fixed_in.end(), "v1.1.1"), a.fixed_in.end());
}

TEST_F(SyncTest, SkipsWhatCannotHaveChanged) {
  ReportRequest r;
  r.reported_on = *Date::Parse("2026-02-01");
  r.title = "merged";
  std::string merged = advisories_->Report("a", r)->advisory.id;
  r.title = "pending";
  std::string pending = advisories_->Report("a", r)->advisory.id;
  std::string fix = Commit("a.c", "a fixed\n", "a: fix overflow");
  Git({"checkout", "-q", "-b", "topic"});
  std::string later = Commit("b.c", "b fixed\n", "b: fix");
  Git({"checkout", "-q", "main"});
  ASSERT_TRUE(advisories_->LinkFix("a", merged, Fix{Fix::Kind::kCommit, fix, "main"}).ok());
  ASSERT_TRUE(advisories_->LinkFix("a", pending, Fix{Fix::Kind::kCommit, later, "main"}).ok());
  auto s1 = Sync();
  ASSERT_TRUE(s1.ok()) << s1.status().ToString();
  EXPECT_EQ(s1->unchanged_refs, 0);

  // Nothing moved: neither is recomputed and the graph is not loaded.
  auto s2 = Sync();
  ASSERT_TRUE(s2.ok());
  EXPECT_EQ(s2->unchanged_refs, 2);
  EXPECT_EQ(s2->commits_read + s2->commits_cached, 0u);

  // Main moves forward: the merged fix stays merged; the pending one is
  // looked at again (and is now merged).
  Git({"merge", "-q", "--no-ff", "-m", "merge topic", "topic"});
  Commit("c.c", "c\n", "more work");
  auto s3 = Sync();
  ASSERT_TRUE(s3.ok());
  EXPECT_EQ(s3->unchanged_refs, 1);
  EXPECT_EQ(s3->changed, 1);
  EXPECT_TRUE(advisories_->Get(pending)->fix_facts->main_merged);

  // A release branch moves: everything is recomputed.
  Git({"checkout", "-q", "v1.1-branch"});
  Git({"cherry-pick", "-x", fix});
  Git({"checkout", "-q", "main"});
  auto s4 = Sync();
  ASSERT_TRUE(s4.ok());
  EXPECT_EQ(s4->unchanged_refs, 0);
  EXPECT_EQ(s4->changed, 1);  // the merged fix now has its v1.1 backport

  // Main rewritten (not a fast-forward): everything is recomputed.
  Git({"reset", "-q", "--hard", "HEAD~1"});
  Commit("d.c", "d\n", "other work");
  auto s5 = Sync();
  ASSERT_TRUE(s5.ok());
  EXPECT_EQ(s5->unchanged_refs, 0);

  // A newly linked fix makes that advisory stale even if nothing moved.
  ASSERT_TRUE(advisories_->LinkFix("a", merged, Fix{Fix::Kind::kCommit, later, "main"}).ok());
  auto s6 = Sync();
  ASSERT_TRUE(s6.ok());
  EXPECT_EQ(s6->unchanged_refs, 1);
}

TEST_F(SyncTest, UsesGitsCommitGraphFile) {
  ReportRequest r;
  r.reported_on = *Date::Parse("2026-02-01");
  r.title = "x";
  std::string id = advisories_->Report("a", r)->advisory.id;
  std::string fix = Commit("a.c", "a fixed\n", "a: fix overflow");
  ASSERT_TRUE(advisories_->LinkFix("a", id, Fix{Fix::Kind::kCommit, fix, "main"}).ok());
  Git({"commit-graph", "write", "--reachable"});
  Commit("e.c", "e\n", "after the commit-graph was written");
  auto s = Sync();
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->commits_from_commit_graph, 3u);
  EXPECT_EQ(s->commits_read, 1u);
  EXPECT_EQ(s->commits_cached, 0u);
  EXPECT_TRUE(advisories_->Get(id)->fix_facts->main_merged);
}

TEST_F(SyncTest, BadRepositoryRecordsNothing) {
  ReportRequest r;
  r.title = "x";
  r.reported_on = *Date::Parse("2026-02-01");
  std::string id = advisories_->Report("a", r)->advisory.id;
  ASSERT_TRUE(advisories_->LinkFix("a", id, Fix{Fix::Kind::kCommit, "abcdef1", "main"}).ok());
  size_t events = advisories_->History(id)->size();
  SyncService bad(*ws_->store, ws_->config, dir_ / "nope", clock_);
  auto s = bad.Sync();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("not a git repository"), std::string::npos);
  EXPECT_EQ(advisories_->History(id)->size(), events);
}

// A backport made by hand whose diff had to change (no trailer, another
// patch-id): reported as probable with a score, never as found; the agenda
// asks a person; `psirt fix --commit --branch` makes it certain.
TEST_F(SyncTest, ProbableBackportsAwaitAPerson) {
  ReportRequest r;
  r.title = "overflow";
  r.reported_on = *Date::Parse("2026-02-01");
  std::string id = advisories_->Report("a", r)->advisory.id;
  testing::WriteFile(repo_ + "/parse.c", "int parse(int n) {\n  int buf[8];\n  if (n > 8)\n    return -1;\n  return buf[n];\n}\n");
  Commit("parse.c", testing::ReadFile(repo_ + "/parse.c"), "parse: add parser");
  Git({"branch", "-f", "v1.1-branch"});  // the branch has the bug too
  std::string fix = Commit("parse.c",
                           "int parse(int n) {\n  int buf[8];\n  if (n >= 8 || n < 0)\n    return -1;\n  return buf[n];\n}\n",
                           "parse: reject out-of-range index");
  // On v1.1 the surrounding code differs, so the same change has another patch-id.
  Git({"checkout", "-q", "v1.1-branch"});
  Commit("parse.c", "int parse(int n) {\n  int buf[8];  /* v1.1 */\n  if (n > 8)\n    return -1;\n  return buf[n];\n}\n",
         "parse: comment");
  std::string by_hand = Commit(
      "parse.c", "int parse(int n) {\n  int buf[8];  /* v1.1 */\n  if (n >= 8 || n < 0)\n    return -1;\n  return buf[n];\n}\n",
      "parse: reject out-of-range index");
  Git({"checkout", "-q", "main"});
  ASSERT_TRUE(advisories_->LinkFix("a", id, Fix{Fix::Kind::kCommit, fix, "main"}).ok());
  ASSERT_TRUE(Sync().ok());
  Advisory a = *advisories_->Get(id);
  ASSERT_EQ(a.backports_probable.size(), 1u);
  EXPECT_EQ(a.backports_probable[0].branch, "v1.1-branch");
  EXPECT_EQ(a.backports_probable[0].commit, by_hand);
  EXPECT_EQ(a.backports_probable[0].percent, 100);  // the changed lines are the same, the context is not
  // Never "found": the branch is neither fixed nor merged, nor just missing.
  std::string status;
  for (const auto& b : a.fix_facts->branches)
    if (b.facts.branch == "v1.1-branch") status = BranchStatusName(b.status);
  EXPECT_EQ(status, "probable");
  EXPECT_EQ(a.backports_missing, std::vector<std::string>{"v1.0-branch"});
  AgendaService agenda(*ws_->store, ws_->config);
  int confirm = 0;
  std::vector<Task> tasks = *agenda.Todo(*Date::Parse("2026-03-01"));
  for (const Task& t : tasks)
    if (t.kind == TaskKind::kConfirmBackport) {
      ++confirm;
      EXPECT_NE(t.text.find("commit " + by_hand.substr(0, 12)), std::string::npos) << t.text;
      EXPECT_NE(t.text.find("linking it as the fix on v1.1-branch"), std::string::npos) << t.text;
      EXPECT_EQ(t.text.find("psirt "), std::string::npos) << "worded for every front end, not as a CLI command";
    }
  EXPECT_EQ(confirm, 1);
  // A person confirms it: a certain link, the task is gone.
  ASSERT_TRUE(advisories_->LinkFix("a", id, Fix{Fix::Kind::kCommit, by_hand, "v1.1-branch"}).ok());
  ASSERT_TRUE(Sync().ok());
  a = *advisories_->Get(id);
  EXPECT_TRUE(a.backports_probable.empty());
  EXPECT_EQ(a.unreleased, std::vector<std::string>{"v1.1-branch"});  // merged there, not released yet
  tasks = *agenda.Todo(*Date::Parse("2026-03-01"));
  for (const Task& t : tasks) EXPECT_NE(t.kind, TaskKind::kConfirmBackport);
  // A commit with the same subject but a different change is not probable.
  Git({"checkout", "-q", "v1.0-branch"});
  Commit("other.c", "unrelated\n", "parse: reject out-of-range index");
  Git({"checkout", "-q", "main"});
  ASSERT_TRUE(Sync().ok());
  EXPECT_EQ(advisories_->Get(id)->backports_missing, std::vector<std::string>{"v1.0-branch"});
}

// A PR whose base is a release branch is a backport: found on that branch
// (its merge commit there), not looked for on main.
TEST_F(SyncTest, PullRequestsOnReleaseBranchesAreFoundThere) {
  ReportRequest r;
  r.title = "overflow";
  r.reported_on = *Date::Parse("2026-02-01");
  std::string id = advisories_->Report("a", r)->advisory.id;
  Git({"checkout", "-q", "-b", "fix"});
  std::string fix = Commit("a.c", "a fixed\n", "a: fix overflow");
  Git({"checkout", "-q", "main"});
  Git({"merge", "-q", "--no-ff", "-m", "Merge pull request #101 from dev/fix", "fix"});
  Git({"checkout", "-q", "-b", "backport", "v1.1-branch"});
  Git({"cherry-pick", fix});
  Git({"checkout", "-q", "v1.1-branch"});
  Git({"merge", "-q", "--no-ff", "-m", "Merge pull request #102 from dev/backport", "backport"});
  Git({"tag", "v1.1.1"});
  Git({"checkout", "-q", "main"});
  ASSERT_TRUE(advisories_->LinkFix("a", id, Fix{Fix::Kind::kPr, "101", "main"}).ok());
  ASSERT_TRUE(advisories_->LinkFix("a", id, Fix{Fix::Kind::kPr, "102", "v1.1-branch"}).ok());
  ASSERT_TRUE(Sync().ok());
  Advisory a = *advisories_->Get(id);
  EXPECT_TRUE(a.fix_facts->unresolved.empty()) << FixFactsToJson(*a.fix_facts).dump();
  std::string v11;
  for (const auto& b : a.fix_facts->branches)
    if (b.facts.branch == "v1.1-branch") v11 = std::string(BranchStatusName(b.status)) + " " + b.facts.release.value_or("");
  EXPECT_EQ(v11, "fixed v1.1.1");
  // An unmerged backport PR is unresolved, named with its branch.
  ASSERT_TRUE(advisories_->LinkFix("a", id, Fix{Fix::Kind::kPr, "103", "v1.0-branch"}).ok());
  ASSERT_TRUE(Sync().ok());
  EXPECT_EQ(advisories_->Get(id)->fix_facts->unresolved, std::vector<std::string>{"PR #103 (v1.0-branch)"});
}

// Public advisories keep being refreshed until their fix status is final,
// so their published records gain versions as releases happen.
TEST_F(SyncTest, PublicAdvisoriesStayCurrentUntilFinal) {
  ReportRequest r;
  r.title = "overflow";
  r.reported_on = *Date::Parse("2025-10-01");
  std::string id = advisories_->Report("a", r)->advisory.id;
  std::string fix = Commit("a.c", "a fixed\n", "a: fix overflow");
  ASSERT_TRUE(advisories_->LinkFix("a", id, Fix{Fix::Kind::kCommit, fix, "main"}).ok());
  ASSERT_TRUE(advisories_->SetCve("a", id, "CVE-2025-1111").ok());
  for (State s : {State::kTriage})
    ASSERT_TRUE(advisories_->Move("a", id, MoveRequest{s}).ok());
  ASSERT_TRUE(advisories_->Assign("a", id, "dev").ok());
  ASSERT_TRUE(advisories_->Move("a", id, MoveRequest{State::kReview}).ok());
  ASSERT_TRUE(advisories_->Move("a", id, MoveRequest{State::kAccepted}).ok());
  ASSERT_TRUE(advisories_->Move("a", id, MoveRequest{State::kPublic}).ok());  // embargo over (2025-12-30)
  auto s1 = Sync();
  ASSERT_TRUE(s1.ok()) << s1.status().ToString();
  EXPECT_EQ(s1->public_advisories, 1);
  EXPECT_TRUE(advisories_->Get(id)->fixed_in.empty());  // merged, not released yet
  // A release on main, and backports released on both branches.
  Git({"tag", "v1.2.0"});
  for (const char* b : {"v1.0-branch", "v1.1-branch"}) {
    Git({"checkout", "-q", b});
    Git({"cherry-pick", "-x", fix});
    Git({"tag", std::string(b) == "v1.0-branch" ? "v1.0.1" : "v1.1.1"});
  }
  Git({"checkout", "-q", "main"});
  auto s2 = Sync();
  ASSERT_TRUE(s2.ok());
  EXPECT_EQ(s2->changed, 1);
  Advisory a = *advisories_->Get(id);
  EXPECT_EQ(a.state, State::kPublic);
  EXPECT_EQ(a.fixed_in, (std::vector<std::string>{"v1.2.0", "v1.0.1", "v1.1.1"}));
  EXPECT_TRUE(a.fix_facts->IsFinal());
  // Final: no longer looked at, even when refs move.
  Commit("f.c", "f\n", "later work");
  Git({"tag", "v1.3.0"});
  auto s3 = Sync();
  ASSERT_TRUE(s3.ok());
  EXPECT_EQ(s3->advisories, 0);
}

// `psirt status` uses the same graph cache as sync: the second call reads
// no commit from the repository.
TEST_F(SyncTest, StatusUsesTheGraphCache) {
  auto first = GitCacheSession::Open(*ws_->store, repo_, ws_->config.releases);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ((*first)->git().graph_source().walked, 2u);
  ASSERT_TRUE((*first)->Save().ok());
  auto second = GitCacheSession::Open(*ws_->store, repo_, ws_->config.releases);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ((*second)->git().graph_source().walked, 0u);
  EXPECT_EQ((*second)->cache().loaded_commits, 2u);
  Commit("g.c", "g\n", "new");
  auto third = GitCacheSession::Open(*ws_->store, repo_, ws_->config.releases);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ((*third)->git().graph_source().walked, 1u);  // only the new commit
}

}  // namespace
}  // namespace psirt
