// Tests of the string helpers every layer shares.
#include "base/strings.h"

#include <gtest/gtest.h>

namespace psirt {
namespace {

TEST(Strings, CaseFoldingIsAsciiOnly) {
  EXPECT_EQ(ToLowerAscii("Rae@LAB.Example"), "rae@lab.example");
  EXPECT_EQ(ToLowerAscii("\xc3\x84"), "\xc3\x84") << "UTF-8 bytes are left alone";
  EXPECT_TRUE(EqualsIgnoreCaseAscii("Content-Type", "content-type"));
  EXPECT_FALSE(EqualsIgnoreCaseAscii("Content-Type", "content-typ"));
  EXPECT_FALSE(EqualsIgnoreCaseAscii("a", "b"));
}

TEST(Strings, PercentEncodingKeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(PercentEncode("ZEPSEC-2026-0001"), "ZEPSEC-2026-0001");
  EXPECT_EQ(PercentEncode("a b/c?d=e&f"), "a%20b%2Fc%3Fd%3De%26f");
  EXPECT_EQ(PercentEncode("\xc3\xa9~._"), "%C3%A9~._");
  EXPECT_EQ(PercentEncode(""), "");
}

TEST(Strings, JoinAndSplit) {
  EXPECT_EQ(Join({"a", "b", "c"}, ","), "a,b,c");
  EXPECT_EQ(Join({}), "");
  auto parts = SplitViews("a,,b", ',');
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[1], "");
}

}  // namespace
}  // namespace psirt
