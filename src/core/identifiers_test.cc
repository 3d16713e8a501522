// Tests of identifier validation.
#include "core/identifiers.h"

#include <gtest/gtest.h>

namespace psirt {
namespace {

TEST(IdentifiersTest, AdvisoryIds) {
  EXPECT_EQ(FormatAdvisoryId("PSIRT", 2026, 1), "PSIRT-2026-0001");
  EXPECT_EQ(FormatAdvisoryId("ZEPSEC", 2026, 12345), "ZEPSEC-2026-12345");
  auto p = ParseAdvisoryId("PSIRT-2026-0042");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->year, 2026);
  EXPECT_EQ(p->seq, 42);
  EXPECT_TRUE(ParseAdvisoryId("MY-ORG-2026-0001"));
  for (const char* bad : {"PSIRT-26-0001", "PSIRT-2026-01", "2026-0001", "PSIRT-2026-00x1", ""})
    EXPECT_FALSE(ParseAdvisoryId(bad)) << bad;
  EXPECT_FALSE(IsValidAdvisoryPrefix("1ABC"));
  EXPECT_FALSE(IsValidAdvisoryPrefix("A B"));
  EXPECT_FALSE(IsValidAdvisoryPrefix("ABC-"));
}

TEST(IdentifiersTest, CveGhsaCwe) {
  EXPECT_TRUE(CheckCveId("CVE-2024-5754").ok());
  EXPECT_TRUE(CheckCveId("CVE-2024-123456").ok());
  EXPECT_FALSE(CheckCveId("CVE-2024-123").ok());
  EXPECT_FALSE(CheckCveId("cve-2024-1234").ok());
  EXPECT_FALSE(CheckCveId("CVE-24-1234").ok());
  EXPECT_TRUE(CheckGhsaId("GHSA-xcr5-5g98-mchm").ok());
  EXPECT_FALSE(CheckGhsaId("GHSA-xcr5-5g98-mchM").ok());
  EXPECT_FALSE(CheckGhsaId("GHSA-abcd-5g98-mchm").ok());  // a, b, d are not in the alphabet
  EXPECT_TRUE(CheckCweId("CWE-787").ok());
  EXPECT_FALSE(CheckCweId("787").ok());
  EXPECT_FALSE(CheckCweId("CWE-").ok());
}

TEST(IdentifiersTest, ShasPrsAndCreditTypes) {
  EXPECT_EQ(*NormalizeSha("ABCDEF1"), "abcdef1");
  EXPECT_FALSE(NormalizeSha("abc").ok());
  EXPECT_FALSE(NormalizeSha("xyz1234").ok());
  EXPECT_EQ(*NormalizePr("#123"), "123");
  EXPECT_FALSE(NormalizePr("0").ok());
  EXPECT_FALSE(NormalizePr("12a").ok());
  EXPECT_EQ(*NormalizeCreditType("remediation-developer"), "remediation developer");
  EXPECT_EQ(*NormalizeCreditType("Finder"), "finder");
  EXPECT_FALSE(NormalizeCreditType("hero").ok());
}

TEST(IdentifiersTest, BranchNamesFollowGitsRules) {
  for (const char* ok : {"main", "v3.7-branch", "release/3.7", "feature_x", "a.b", "@x"})
    EXPECT_TRUE(CheckBranchName(ok).ok()) << ok;
  for (const char* bad : {"", "@", "-x", "/x", "x/", "x.", "a..b", "a//b", "a@{b", "a b", "a~b", "a^b", "a:b",
                          "a?b", "a*b", "a[b", "a\\b", ".hidden", "x/.y", "x.lock", "a/b.lock/c", "tab\there"})
    EXPECT_FALSE(CheckBranchName(bad).ok()) << bad;
  EXPECT_FALSE(CheckBranchName(std::string(256, 'x')).ok());
  EXPECT_EQ(CheckBranchName("a\x1b[2J").message(), "bad branch name 'a\\x1b[2J': must not contain spaces, control characters or any of ~ ^ : ? * [ \\");
  // CWE ids: N > 0 without leading zeros (the CVE 5 pattern).
  EXPECT_TRUE(CheckCweId("CWE-787").ok());
  EXPECT_FALSE(CheckCweId("CWE-0").ok());
  EXPECT_FALSE(CheckCweId("CWE-0787").ok());
}

}  // namespace
}  // namespace psirt
