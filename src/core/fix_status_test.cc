// Tests of the per-branch status rules.
#include "core/fix_status.h"

#include <gtest/gtest.h>

namespace psirt {
namespace {

TEST(FixStatusTest, Rules) {
  BranchFacts f{"v3.7-branch", true, true, {}, std::nullopt, std::nullopt};
  EXPECT_EQ(DecideBranchStatus(f), BranchStatus::kMissing);
  f.required = false;
  EXPECT_EQ(DecideBranchStatus(f), BranchStatus::kNotRequired);
  f.affected = false;
  EXPECT_EQ(DecideBranchStatus(f), BranchStatus::kNotAffected);
  f.commits = {"abc"};  // found anyway: facts beat the introduced-by guess
  EXPECT_EQ(DecideBranchStatus(f), BranchStatus::kMerged);
  f.release = "v3.7.1";
  EXPECT_EQ(DecideBranchStatus(f), BranchStatus::kFixed);
  EXPECT_EQ(BranchStatusName(BranchStatus::kNotAffected), "not-affected");
}

TEST(FixStatusTest, WhenSyncMaySkipAnAdvisory) {
  // Never synced, or changed since: always recomputed.
  EXPECT_FALSE(SyncStatusStillHolds(false, false, true, true, RefChange::kNone));
  EXPECT_FALSE(SyncStatusStillHolds(true, true, true, true, RefChange::kNone));
  EXPECT_TRUE(SyncStatusStillHolds(false, true, false, false, RefChange::kNone));
  // Main moved forward: only a fully merged, resolved status still holds.
  EXPECT_TRUE(SyncStatusStillHolds(false, true, true, true, RefChange::kMainFastForward));
  EXPECT_FALSE(SyncStatusStillHolds(false, true, false, true, RefChange::kMainFastForward));
  EXPECT_FALSE(SyncStatusStillHolds(false, true, true, false, RefChange::kMainFastForward));
  EXPECT_FALSE(SyncStatusStillHolds(false, true, true, true, RefChange::kOther));
}

}  // namespace
}  // namespace psirt
