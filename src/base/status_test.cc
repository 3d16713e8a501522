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

}  // namespace
}  // namespace psirt
