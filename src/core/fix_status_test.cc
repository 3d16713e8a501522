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

// The typed facts of a sync: the JSON form round-trips, malformed payloads
// are errors, and the derived lists come from the branch statuses.
TEST(FixStatusTest, FixFactsAreAValue) {
  FixFacts f;
  f.fix_commits = {"aaaa"};
  f.main_merged = true;
  f.main_first_release = "v3.7.0";
  auto branch = [](std::string name, BranchStatus st, bool required) {
    FixFacts::Branch b;
    b.facts.branch = std::move(name);
    b.facts.required = required;
    b.status = st;
    return b;
  };
  FixFacts::Branch fixed = branch("v3.6-branch", BranchStatus::kFixed, true);
  fixed.facts.commits = {"bbbb"};
  fixed.facts.method = BackportMethod::kTrailer;
  fixed.facts.release = "v3.6.2";
  FixFacts::Branch probable = branch("v3.5-branch", BranchStatus::kProbable, true);
  probable.facts.probable = ProbableMatch{"cccc", 83};
  FixFacts::Branch merged = branch("v3.4-branch", BranchStatus::kMerged, true);
  merged.facts.commits = {"dddd"};
  merged.facts.method = BackportMethod::kPatchId;
  FixFacts::Branch na = branch("v2.7-branch", BranchStatus::kNotAffected, true);
  na.facts.affected = false;
  f.branches = {branch("v3.3-branch", BranchStatus::kMissing, true), merged, probable, fixed, na,
                branch("v3.2-branch", BranchStatus::kNotRequired, false)};
  nlohmann::json j = FixFactsToJson(f);
  EXPECT_EQ(j["main"]["first_release"], "v3.7.0");
  EXPECT_EQ(j["branches"][2]["probable"]["percent"], 83);
  auto back = FixFactsFromJson(j);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, f);
  EXPECT_EQ(f.BackportsMissing(), std::vector<std::string>{"v3.3-branch"});
  EXPECT_EQ(f.Unreleased(), std::vector<std::string>{"v3.4-branch"});
  EXPECT_EQ(f.FixedIn(), (std::vector<std::string>{"v3.7.0", "v3.6.2"}));
  EXPECT_FALSE(f.IsFinal());
  f.branches = {fixed, na, branch("v3.2-branch", BranchStatus::kNotRequired, false)};
  EXPECT_TRUE(f.IsFinal());
  f.unresolved = {"PR #12"};
  EXPECT_FALSE(f.IsFinal());
  FixFacts unmerged;
  unmerged.branches = {branch("v3.3-branch", BranchStatus::kMissing, true)};
  EXPECT_TRUE(unmerged.BackportsMissing().empty());  // not due before the fix is on main
  // Malformed payloads: errors, never guesses.
  for (const char* bad : {R"([])", R"({"fix_commits": "x"})", R"({"main_merged": "yes"})",
                          R"({"branches": [{"branch": "b"}]})", R"({"branches": [{"branch": "b", "status": "done"}]})",
                          R"({"branches": [{"branch": "b", "status": "fixed", "method": "magic"}]})",
                          R"({"branches": [{"branch": "b", "status": "probable", "probable": {"commit": 1}}]})"})
    EXPECT_FALSE(FixFactsFromJson(nlohmann::json::parse(bad)).ok()) << bad;
}

}  // namespace
}  // namespace psirt
