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

namespace psirt {
namespace {

TEST(TextRules, BidirectionalControlsAreRefusedLikeOtherControls) {
  for (const char* bidi : {"\xE2\x80\xAE", "\xE2\x80\xAA", "\xE2\x81\xA6", "\xE2\x81\xA9", "\xE2\x80\x8F", "\xD8\x9C"}) {
    Status st = CheckText(text::kTitle, std::string("file") + bidi + "txt.exe");
    ASSERT_FALSE(st.ok()) << static_cast<unsigned>(static_cast<unsigned char>(bidi[1]));
    EXPECT_NE(st.message().find("bidirectional control character at byte 5"), std::string::npos) << st.message();
  }
  EXPECT_TRUE(CheckText(text::kTitle, "Überlauf \xE2\x80\x94 dash and \xE2\x80\x8B zero width").ok()) << "other punctuation is text";
}

TEST(TextRules, NeutralizedTextKeepsEveryCharacterVisibly) {
  EXPECT_EQ(NeutralizeText("a\r\nb\rc\x1b[0m\x07\t", true), "a\nb\nc<U+001B>[0m<U+0007>\t");
  EXPECT_EQ(NeutralizeText(std::string("nul\0byte", 8), true), "nul<U+0000>byte");
  EXPECT_EQ(NeutralizeText("evil\xE2\x80\xAEtxt.exe", false), "evil<U+202E>txt.exe");
  EXPECT_EQ(NeutralizeText("two\nlines\there", false), "two lines here");
  EXPECT_EQ(NeutralizeText("c1 \xC2\x85 next line", true), "c1 <U+0085> next line");
  EXPECT_EQ(NeutralizeText("bad \xff utf8", true), "bad \xEF\xBF\xBD utf8");
  for (std::string s : {std::string("x\x01\xE2\x80\xAE\r\n\xC2\x9B"), std::string(300, '\x02')})
    EXPECT_TRUE(CheckText(TextRule{"t", true, 0}, NeutralizeText(s, true)).ok()) << s.size();
}

}  // namespace
}  // namespace psirt
