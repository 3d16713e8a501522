// Tests of the text rules every intake applies.
#include "core/text_rules.h"

#include <gtest/gtest.h>

#include <string>

namespace psirt {
namespace {

TEST(TextRules, Utf8ControlsLinesAndLengths) {
  EXPECT_TRUE(CheckText(text::kTitle, "Überlauf im Parser — ok").ok());
  EXPECT_TRUE(CheckText(text::kTitle, "").ok());
  Status st = CheckText(text::kTitle, "bad \xff byte");
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message(), "title: not valid UTF-8 (byte 5): expected UTF-8 text");
  EXPECT_FALSE(CheckText(text::kTitle, "overlong \xc0\xaf").ok());
  EXPECT_FALSE(CheckText(text::kTitle, "surrogate \xed\xa0\x80").ok());
  EXPECT_EQ(CheckText(text::kTitle, "two\nlines").message(), "title: must be a single line");
  EXPECT_EQ(CheckText(text::kTitle, "bell\a").message(),
            "title: control character U+0007 at byte 5 (not allowed in text psirt stores)");
  EXPECT_FALSE(CheckText(text::kTitle, "esc \x1b[31m").ok());
  EXPECT_FALSE(CheckText(text::kTitle, "c1 \xc2\x9b").ok());  // CSI as a C1 character
  EXPECT_FALSE(CheckText(text::kTitle, "del \x7f").ok());
  EXPECT_FALSE(CheckText(text::kTitle, "tab\tin a title").ok());
  // Multi-line fields: line feeds and tabs, not carriage returns or other controls.
  EXPECT_TRUE(CheckText(text::kDescription, "para one\n\n\tindented").ok());
  EXPECT_FALSE(CheckText(text::kDescription, "dos\r\nline").ok());
  EXPECT_FALSE(CheckText(text::kDescription, std::string("nul\0x", 5)).ok());
  // Lengths in characters, as JSON schemas count them.
  std::string u256;
  for (int i = 0; i < 256; ++i) u256 += "é";  // 512 bytes, 256 characters
  EXPECT_TRUE(CheckText(text::kTitle, u256).ok());
  EXPECT_EQ(CheckText(text::kTitle, u256 + "x").message(),
            "title: 257 characters, at most 256 allowed (what published records carry)");
  EXPECT_TRUE(CheckText(text::kDescription, std::string(4096, 'x')).ok());
  EXPECT_FALSE(CheckText(text::kDescription, std::string(4097, 'x')).ok());
}

}  // namespace
}  // namespace psirt
