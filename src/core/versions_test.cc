// Tests of release tag/branch patterns, ordering and the backport policy.
#include "core/versions.h"

#include <gtest/gtest.h>

namespace psirt {
namespace {

TEST(VersionsTest, PatternsAndPreReleases) {
  auto v = MatchVersionPattern("v{major}.{minor}.{patch}", "v3.7.1", true);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->major, 3);
  EXPECT_EQ(v->minor, 7);
  EXPECT_EQ(v->patch, 1);
  auto rc = MatchVersionPattern("v{major}.{minor}.{patch}", "v4.0.0-rc2", true);
  ASSERT_TRUE(rc);
  EXPECT_EQ(rc->pre, "rc2");
  EXPECT_FALSE(MatchVersionPattern("v{major}.{minor}.{patch}", "v4.0.0-rc2", false));
  EXPECT_FALSE(MatchVersionPattern("v{major}.{minor}.{patch}", "v4.0", true));
  EXPECT_FALSE(MatchVersionPattern("v{major}.{minor}.{patch}", "zephyr-v4.0.0", true));
  EXPECT_FALSE(MatchVersionPattern("v{major}.{minor}.{patch}", "v4.0.0-", true));
  auto b = MatchVersionPattern("v{major}.{minor}-branch", "v3.7-branch", false);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->minor, 7);
  EXPECT_FALSE(MatchVersionPattern("v{major}.{minor}-branch", "v3.7-branch-x", false));
  EXPECT_TRUE(MatchVersionPattern("release/{major}.{minor}", "release/10.20", false));
}

TEST(VersionsTest, Ordering) {
  auto V = [](const char* s) { return *MatchVersionPattern("v{major}.{minor}.{patch}", s, true); };
  EXPECT_LT(V("v4.0.0-rc1"), V("v4.0.0-rc2"));
  EXPECT_LT(V("v4.0.0-rc2"), V("v4.0.0-rc10"));
  EXPECT_LT(V("v4.0.0-rc10"), V("v4.0.0"));
  EXPECT_LT(V("v3.7.10"), V("v4.0.0-rc1"));
  EXPECT_LT(V("v3.7.2"), V("v3.7.10"));
  EXPECT_LT(V("v4.0.0-alpha1"), V("v4.0.0-rc1"));
}

TEST(VersionsTest, TagsAndPolicyBranches) {
  ReleaseModel m;
  m.lts_branches = {"v2.7-branch", "v3.7-branch"};
  std::vector<std::string> tags = {"v3.7.0", "v4.0.0", "v4.0.0-rc1", "random", "v3.6.0", "v3.7.1"};
  auto t = ReleaseTags(m, tags);
  ASSERT_EQ(t.size(), 5u);
  EXPECT_EQ(t.front().name, "v3.6.0");
  EXPECT_EQ(t[3].name, "v4.0.0-rc1");
  EXPECT_EQ(t.back().name, "v4.0.0");
  std::vector<std::string> branches = {"main", "v2.7-branch", "v3.6-branch", "v3.7-branch",
                                       "v4.0-branch", "v4.1-branch", "collab-x"};
  auto b = ReleaseBranches(m, branches);
  ASSERT_EQ(b.size(), 5u);
  std::vector<std::string> required;
  for (const auto& x : b)
    if (x.required) required.push_back(x.name);
  // Current LTS (v3.7, not the older v2.7) + latest 2.
  EXPECT_EQ(required, (std::vector<std::string>{"v3.7-branch", "v4.0-branch", "v4.1-branch"}));
  m.backport_to_lts = false;
  m.backport_latest = 1;
  b = ReleaseBranches(m, branches);
  EXPECT_FALSE(b[2].required);
  EXPECT_TRUE(b.back().required);
}

TEST(VersionsTest, ReleaseTagsAndBranchesByThePatterns) {
  ReleaseModel m;
  EXPECT_TRUE(CheckReleaseTag(m, "v3.7.0").ok());
  EXPECT_TRUE(CheckReleaseTag(m, "v3.7.0-rc1").ok());
  EXPECT_EQ(CheckReleaseTag(m, "3.7").message(),
            "'3.7' is not a release: expected a name like v3.7.0 (releases.tag_pattern v{major}.{minor}.{patch})");
  EXPECT_TRUE(CheckReleaseBranch(m, "v3.7-branch").ok());
  EXPECT_FALSE(CheckReleaseBranch(m, "main").ok());
  m.branch_pattern = "mbedtls-{major}.{minor}";
  EXPECT_TRUE(CheckReleaseBranch(m, "mbedtls-3.6").ok());
  EXPECT_FALSE(CheckReleaseBranch(m, "v3.6-branch").ok());
}

}  // namespace
}  // namespace psirt
