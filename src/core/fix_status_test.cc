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

}  // namespace
}  // namespace psirt
