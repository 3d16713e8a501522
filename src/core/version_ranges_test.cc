// Tests of version ordering, OSV SEMVER/ECOSYSTEM ranges and CVE 5's
// version-status algorithm.
#include "core/version_ranges.h"

#include <gtest/gtest.h>

namespace psirt {
namespace {

TEST(CompareVersions, OrdersVersionsAsCProjectsWriteThem) {
  EXPECT_LT(CompareVersions("2.28.1", "2.28.10"), 0);  // numbers, not text
  EXPECT_EQ(CompareVersions("v3.6.0", "mbedtls-3.6.0"), 0);  // leading words dropped
  EXPECT_EQ(CompareVersions("3.6", "3.06"), 0);
  EXPECT_LT(CompareVersions("1.0.0-rc1", "1.0.0"), 0);  // a pre-release first
  EXPECT_LT(CompareVersions("1.0rc1", "1.0"), 0);
  EXPECT_LT(CompareVersions("1.0", "1.0.1"), 0);
  EXPECT_GT(CompareVersions("1.0.1", "1.0.rc"), 0);
  EXPECT_LT(CompareVersions("1.0.0-alpha", "1.0.0-beta"), 0);
  EXPECT_EQ(CompareVersions("TF-Mv2.1.0", "v2.1.0"), 0);
  EXPECT_GT(CompareVersions("12", "9"), 0);
}

VulnRange Range(std::string type, std::vector<std::pair<RangeEvent::Kind, std::string>> ev) {
  VulnRange r{std::move(type), "", {}};
  for (auto& [k, v] : ev) r.events.push_back({k, v});
  return r;
}

TEST(OsvVersionRange, IntroducedFixedLastAffectedAndUnsortedEvents) {
  using K = RangeEvent::Kind;
  VulnRange r = Range("SEMVER", {{K::kIntroduced, "2.0.0"}, {K::kFixed, "2.28.8"}, {K::kIntroduced, "3.0.0"},
                                 {K::kLastAffected, "3.6.0"}, {K::kIntroduced, "0"}, {K::kFixed, "1.3.2"}});
  EXPECT_TRUE(InOsvVersionRange(r, "0.9"));
  EXPECT_FALSE(InOsvVersionRange(r, "1.3.2"));   // fixed: not included
  EXPECT_FALSE(InOsvVersionRange(r, "1.9"));
  EXPECT_TRUE(InOsvVersionRange(r, "2.0.0"));
  EXPECT_TRUE(InOsvVersionRange(r, "2.28.7"));
  EXPECT_FALSE(InOsvVersionRange(r, "2.28.8"));
  EXPECT_TRUE(InOsvVersionRange(r, "3.6.0"));    // last_affected: included
  EXPECT_FALSE(InOsvVersionRange(r, "3.6.1"));
  EXPECT_FALSE(InOsvVersionRange(Range("GIT", {{K::kIntroduced, "0"}}), "1.0"));  // not a version range
  VulnAffected a;
  a.versions = {"v0.5"};
  EXPECT_TRUE(OsvAffectsVersion(a, "0.5"));
  EXPECT_FALSE(OsvAffectsVersion(a, "0.6"));
}

TEST(Cve5VersionStatus, TheSchemasAdvancedExample) {
  // CVEv5_advanced-example.json: 1.0.0 <1.0.6 affected; 2.1.0 <2.1.*
  // unaffected, changing to affected at 2.1.6 and back at 2.1.9; 3.0.0 <*
  // unaffected; default unaffected.
  VulnAffected a;
  a.default_status = "unaffected";
  a.version_entries = {{"1.0.0", "affected", "semver", "1.0.6", "", {}},
                       {"2.1.0", "unaffected", "semver", "2.1.*", "", {{"2.1.6", "affected"}, {"2.1.9", "unaffected"}}},
                       {"3.0.0", "unaffected", "semver", "*", "", {}}};
  EXPECT_EQ(Cve5VersionStatus(a, "0.9"), "unaffected");
  EXPECT_EQ(Cve5VersionStatus(a, "1.0.3"), "affected");
  EXPECT_EQ(Cve5VersionStatus(a, "1.0.6"), "unaffected");
  EXPECT_EQ(Cve5VersionStatus(a, "2.1.5"), "unaffected");
  EXPECT_EQ(Cve5VersionStatus(a, "2.1.7"), "affected");
  EXPECT_EQ(Cve5VersionStatus(a, "2.1.10"), "unaffected");
  EXPECT_EQ(Cve5VersionStatus(a, "3.5"), "unaffected");
  // lessThanOrEqual and "0"; the default when nothing matches.
  VulnAffected z;
  z.version_entries = {{"0", "affected", "custom", "", "3.4", {}}, {"3.5.1", "affected", "", "", "", {}}};
  EXPECT_EQ(Cve5VersionStatus(z, "3.4"), "affected");
  EXPECT_EQ(Cve5VersionStatus(z, "3.5"), "unknown");
  EXPECT_EQ(Cve5VersionStatus(z, "v3.5.1"), "affected");
  // git-typed entries between commits are GIT ranges, not versions; typed
  // git but holding release numbers (CVE-2023-4264, Zephyr): versions.
  VulnAffected g;
  g.default_status = "unaffected";
  g.version_entries = {{"0", "affected", "git", "", "3.4", {}},
                       {"8284a79136c384059e85e278da2210b809730287", "affected", "git", "c60d252949caf9aba537525195edae6bbabc35eb", "", {}}};
  EXPECT_EQ(Cve5VersionStatus(g, "3.0"), "affected");
  EXPECT_EQ(Cve5VersionStatus(g, "3.5"), "unaffected");
  EXPECT_FALSE(IsGitCommitEntry(g.version_entries[0]));
  EXPECT_TRUE(IsGitCommitEntry(g.version_entries[1]));
}

}  // namespace
}  // namespace psirt
