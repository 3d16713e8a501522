// Tests of the version constraint syntax: every comparator, ^ ~ and
// wildcards expanded, unions, pre-release order, short spellings, and
// malformed constraints refused with the column.
#include "core/version_constraint.h"

#include <gtest/gtest.h>

namespace psirt {
namespace {

bool Allows(const char* c, const char* v) {
  auto p = VersionConstraint::Parse(c);
  EXPECT_TRUE(p.ok()) << c << ": " << p.status().ToString();
  return p.ok() && p->Allows(v);
}

TEST(VersionConstraint, Comparators) {
  EXPECT_TRUE(Allows(">=3.6.0, <3.7.0", "3.6.3"));
  EXPECT_FALSE(Allows(">=3.6.0, <3.7.0", "3.7.0"));
  EXPECT_FALSE(Allows(">=3.6.0 <3.7.0", "3.5.2"));
  EXPECT_TRUE(Allows(">=3.6.0 <3.7.0", "3.6"));  // 3.6 is 3.6.0
  EXPECT_TRUE(Allows("3.1.0", "v3.1.0"));
  EXPECT_TRUE(Allows("=3.1", "3.1.0"));
  EXPECT_FALSE(Allows("!=3.6.1", "3.6.1"));
  EXPECT_TRUE(Allows(">2.28", "3.0.0"));
  EXPECT_FALSE(Allows(">2.28", "2.28.0"));
  EXPECT_TRUE(Allows("<=2.28.8", "2.28.8"));
  EXPECT_TRUE(Allows("*", "0.0.1"));
  EXPECT_TRUE(Allows(">= 3.10", "3.10.0"));
  EXPECT_FALSE(Allows(">= 3.10", "3.9.9"));  // numbers, not text
}

TEST(VersionConstraint, CaretTildeWildcardsAndUnions) {
  EXPECT_TRUE(Allows("^3.1.0", "3.9.0"));
  EXPECT_FALSE(Allows("^3.1.0", "4.0.0"));
  EXPECT_FALSE(Allows("^0.2.3", "0.3.0"));
  EXPECT_TRUE(Allows("^0.2.3", "0.2.9"));
  EXPECT_FALSE(Allows("^0.0.3", "0.0.4"));
  EXPECT_TRUE(Allows("~3.6.0", "3.6.9"));
  EXPECT_FALSE(Allows("~3.6.0", "3.7.0"));
  EXPECT_FALSE(Allows("~3", "4.0"));
  EXPECT_TRUE(Allows("3.6.*", "3.6.12"));
  EXPECT_FALSE(Allows("3.6.x", "3.7.0"));
  EXPECT_TRUE(Allows("3.1.* || 3.2.*", "3.2.1"));
  EXPECT_FALSE(Allows("3.1.* || 3.2.*", "3.3.0"));
  auto c = VersionConstraint::Parse("^3.1.0 || =2.26.0");
  ASSERT_TRUE(c.ok());
  ASSERT_EQ(c->sets().size(), 2u);
  EXPECT_EQ(c->sets()[0][1].version, "4");
}

TEST(VersionConstraint, PreReleasesOrderBeforeTheirRelease) {
  EXPECT_TRUE(Allows("<3.6.0", "3.6.0-rc1"));
  EXPECT_FALSE(Allows(">=3.6.0", "3.6.0-rc1"));
  EXPECT_TRUE(Allows(">=3.6.0-rc1", "3.6.0-rc2"));
  EXPECT_TRUE(Allows(">=3.6.0-rc1", "3.6.0"));
}

TEST(VersionConstraint, MalformedConstraintsNameTheColumn) {
  struct Case {
    const char* text;
    const char* expected;
  };
  for (const Case& c : std::vector<Case>{{"", "a constraint, not nothing"},
                                         {"   ", "a constraint, not nothing"},
                                         {">=", "a version after '>=' at column 3"},
                                         {">= x1", "a version after '>=' at column 4"},
                                         {"3.6 ||", "a comparator after '||'"},
                                         {"|| 3.6", "a comparator before '||' at column 1"},
                                         {"3.6 || || 3.7", "a comparator before '||'"},
                                         {">=3.6<3.7", "',', ' ' or '||' between comparators at column 6"},
                                         {"^3.*", "no operator before a wildcard"},
                                         {"=>3.6", "a version after '=' at column 2"},
                                         {"latest", "a comparator (>=, <, ^, ~, =, !=, *) or a version at column 1"}}) {
    auto p = VersionConstraint::Parse(c.text);
    ASSERT_FALSE(p.ok()) << c.text;
    EXPECT_NE(p.status().message().find(c.expected), std::string::npos) << c.text << " -> " << p.status().message();
  }
  EXPECT_FALSE(VersionConstraint::Parse(std::string(2000, '1')).ok());
}

}  // namespace
}  // namespace psirt
