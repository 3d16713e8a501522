// Tests of `psirt sync` over a real repository: status events only when
// something changed, Review -> Accepted once merged, agenda tasks for
// missing backports, and an incremental second sync that reads only new
// commits and reuses cached patch-ids.
#include "app/sync_service.h"

#include <gtest/gtest.h>

#include "app/advisory_service.h"
#include "app/agenda_service.h"
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
  EXPECT_TRUE(advisories_->Get(pending)->last_sync.value("main_merged", false));

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
  EXPECT_TRUE(advisories_->Get(id)->last_sync.value("main_merged", false));
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

}  // namespace
}  // namespace psirt
