// Tests of Status rendering, exit codes and Result.
#include "base/status.h"
#include "base/strings.h"

#include <gtest/gtest.h>

namespace psirt {
namespace {

TEST(StatusTest, RendersLocationFieldAndMessage) {
  Status s = Status::Invalid("expected a number").Field("policy.embargo_days").At("psirt.yml", 7);
  EXPECT_EQ(s.ToString(), "psirt.yml:7: policy.embargo_days: expected a number");
  EXPECT_EQ(Status::NotFound("no advisory X").ToString(), "no advisory X");
  EXPECT_EQ(Status::Ok().ToString(), "ok");
}

TEST(StatusTest, ExitCodes) {
  EXPECT_EQ(Status::Ok().ExitCode(), 0);
  EXPECT_EQ(Status::Usage("x").ExitCode(), 2);
  EXPECT_EQ(Status::Invalid("x").ExitCode(), 1);
  EXPECT_EQ(Status::Io("x").ExitCode(), 1);
}

Result<int> Half(int x) {
  if (x % 2) return Status::Invalid("odd");
  return x / 2;
}

Status UseHalf(int x, int& out) {
  PSIRT_ASSIGN_OR_RETURN(out, Half(x));
  return Status::Ok();
}

TEST(ResultTest, ValueOrStatus) {
  EXPECT_EQ(*Half(4), 2);
  EXPECT_FALSE(Half(3).ok());
  EXPECT_EQ(Half(3).status().message(), "odd");
  int out = 0;
  EXPECT_TRUE(UseHalf(8, out).ok());
  EXPECT_EQ(out, 4);
  EXPECT_EQ(UseHalf(7, out).message(), "odd");
}

TEST(StringsTest, Utf8Validity) {
  EXPECT_TRUE(IsValidUtf8("plain ascii"));
  EXPECT_TRUE(IsValidUtf8("Gr\xc3\xbc\xc3\x9f \xe2\x82\xac \xf0\x9f\x94\x92"));
  EXPECT_FALSE(IsValidUtf8("\xa4"));              // stray continuation byte
  EXPECT_FALSE(IsValidUtf8("\xc3"));              // truncated
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // beyond U+10FFFF
}

TEST(StringsTest, EscapesWhatCouldDriveATerminal) {
  EXPECT_EQ(EscapeControls("plain text\nnext\tline"), "plain text\nnext\tline");
  EXPECT_EQ(EscapeControls("red \x1b[31m bell \a"), "red \\x1b[31m bell \\x07");
  EXPECT_EQ(EscapeControls("one\ntwo", /*keep_newlines=*/false), "one\\x0atwo");
  EXPECT_EQ(EscapeControls("c1 \xc2\x9b csi"), "c1 \\u009b csi");
  EXPECT_EQ(EscapeControls("bad \xff byte"), "bad \\xff byte");
  EXPECT_EQ(EscapeControls("Grüße €"), "Grüße €");
  EXPECT_EQ(SanitizeUtf8("a\xff" "b\xc3"), "a\xef\xbf\xbd" "b\xef\xbf\xbd");
  EXPECT_EQ(SanitizeUtf8("ok é"), "ok é");
  EXPECT_EQ(Utf8Length("é€😀x"), 4u);
  EXPECT_EQ(FirstInvalidUtf8("ab\xffz"), 2u);
  EXPECT_EQ(FirstInvalidUtf8("fine"), std::string_view::npos);
}

}  // namespace
}  // namespace psirt
