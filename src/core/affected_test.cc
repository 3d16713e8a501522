// Version ranges from git's per-release statuses: runs in version order,
// each up to the first release after it, pre-releases covered by ranges,
// one status per version.
#include "core/affected.h"

#include <gtest/gtest.h>

namespace psirt {
namespace {

TagStatus T(const std::string& tag, bool affected) {
  ReleaseModel m;
  m.tag_pattern = "mbedtls-{major}.{minor}.{patch}";
  return {tag, *ReleaseTagVersion(m, tag, true), affected};
}

TEST(VersionRuns, EveryReleaseKeepsItsStatus) {
  // Mbed TLS's shape: 3.5.2 (a main-line patch release) has the fix, so do
  // 3.6.x and 4.1.0; the 2.28 LTS has it from 2.28.2 (a backport).
  auto runs = VersionRuns({T("mbedtls-4.1.0", false), T("mbedtls-3.5.2", false), T("mbedtls-2.28.0", true),
                           T("mbedtls-3.6.0", false), T("mbedtls-2.28.2", false), T("mbedtls-3.5.0", true),
                           T("mbedtls-3.5.1", true), T("mbedtls-2.28.1", true), T("mbedtls-3.6.0-rc1", true)});
  ASSERT_EQ(runs.size(), 4u);
  EXPECT_EQ(runs[0].first, "2.28.0");
  EXPECT_EQ(runs[0].last, "2.28.1");
  EXPECT_EQ(runs[0].next, "2.28.2");
  EXPECT_TRUE(runs[0].affected);
  EXPECT_EQ(runs[1].first, "2.28.2");
  EXPECT_EQ(runs[1].next, "3.5.0");
  EXPECT_FALSE(runs[1].affected);
  EXPECT_EQ(runs[2].first, "3.5.0");
  EXPECT_EQ(runs[2].next, "3.5.2") << "3.5.2 carries the fix: never inside an affected range";
  EXPECT_TRUE(runs[2].affected);
  EXPECT_EQ(runs[3].first, "3.5.2");
  EXPECT_EQ(runs[3].last, "4.1.0");
  EXPECT_EQ(runs[3].next, "");
  EXPECT_FALSE(runs[3].affected);
  EXPECT_TRUE(VersionRuns({}).empty());
}

TEST(VersionRuns, TwoTagsOfOneReleaseAreAffectedIfEitherIs) {
  ReleaseModel m;
  m.more_tag_patterns = {"zephyr-v{major}.{minor}.{patch}"};
  auto v = [&](const std::string& t, bool a) { return TagStatus{t, *ReleaseTagVersion(m, t, true), a}; };
  auto runs = VersionRuns({v("v1.14.0", false), v("zephyr-v1.14.0", true), v("v1.14.1", false)});
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_TRUE(runs[0].affected);
  EXPECT_EQ(runs[0].next, "1.14.1");
}

TEST(ReleaseModel, SeveralPatternsAndTheirFingerprint) {
  ReleaseModel m;
  m.tag_pattern = "mbedtls-{major}.{minor}.{patch}";
  m.branch_pattern = "mbedtls-{major}.{minor}";
  m.more_branch_patterns = {"archive/mbedtls-{major}.{minor}"};
  EXPECT_EQ(ReleaseBranchVersion(m, "archive/mbedtls-2.28")->minor, 28);
  EXPECT_EQ(ReleaseBranchVersion(m, "mbedtls-3.6")->minor, 6);
  EXPECT_FALSE(ReleaseBranchVersion(m, "development"));
  EXPECT_TRUE(CheckReleaseBranch(m, "archive/mbedtls-2.28").ok());
  std::vector<std::string> names = {"development", "mbedtls-3.6", "archive/mbedtls-2.28"};
  auto branches = ReleaseBranches(m, names);
  ASSERT_EQ(branches.size(), 2u);
  EXPECT_EQ(branches[0].name, "archive/mbedtls-2.28") << "oldest first, whatever its shape";
  EXPECT_EQ(LabelForBranch(m, "archive/mbedtls-2.28"), "2.28");
  std::string key = ReleaseModelKey(m);
  ReleaseModel other = m;
  other.more_branch_patterns.clear();
  EXPECT_NE(ReleaseModelKey(other), key);
  other = m;
  other.lts_branches = {"archive/mbedtls-2.28"};
  EXPECT_NE(ReleaseModelKey(other), key);
  EXPECT_EQ(ReleaseModelKey(m), key);
}

}  // namespace
}  // namespace psirt
