// JobLedger: one instance holds a job's lease at a time; finishing records
// the run and frees the lease; runs are listed newest first.
#include "app/job_ledger.h"

#include <gtest/gtest.h>

#include "app/workspace.h"
#include "testing/test_support.h"
#include "testing/workspace_fixture.h"

namespace psirt {
namespace {

TEST(JobLedgerTest, OneHolderAtATimeAndEveryRunRecorded) {
  testing::TempDir dir;
  auto ws = testing::NewTestWorkspace(dir / "ws");
  ASSERT_TRUE(ws.ok());
  FixedClock clock(Timestamp::StartOf(*Date::Parse("2026-11-18")));
  JobLedger a(*ws->store, clock, "a:1"), b(*ws->store, clock, "b:1");
  ASSERT_EQ(*a.Take("sync"), true);
  EXPECT_EQ(*b.Take("sync"), false) << "a holds it";
  EXPECT_EQ(*b.Take("notify"), true) << "another job's lease is another lease";
  JobRun run;
  run.job = "sync";
  run.instance = "a:1";
  run.started_at = clock.Now();
  run.finished_at = clock.Now();
  run.ok = true;
  run.message = "3 advisories checked";
  ASSERT_TRUE(a.Finish(run).ok());
  EXPECT_EQ(*b.Take("sync"), true) << "released when a finished";
  auto runs = a.Recent();
  ASSERT_TRUE(runs.ok());
  ASSERT_EQ(runs->size(), 1u);
  EXPECT_EQ((*runs)[0].message, "3 advisories checked");
  EXPECT_EQ((*runs)[0].instance, "a:1");
}

}  // namespace
}  // namespace psirt
