// Tests of Date/Timestamp parsing, arithmetic and formatting.
#include "base/time.h"

#include <gtest/gtest.h>

namespace psirt {
namespace {

TEST(DateTest, ParsesAndFormats) {
  auto d = Date::Parse("2024-02-29");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->year(), 2024);
  EXPECT_EQ(d->month(), 2u);
  EXPECT_EQ(d->day(), 29u);
  EXPECT_EQ(d->ToString(), "2024-02-29");
  EXPECT_EQ(d->AddDays(1).ToString(), "2024-03-01");
  EXPECT_EQ(d->AddDays(90).ToString(), "2024-05-29");
  EXPECT_EQ(Date::Parse("1970-01-01")->days(), 0);
}

TEST(DateTest, RejectsMalformedAndImpossibleDates) {
  for (const char* bad : {"2023-02-29", "2024-13-01", "2024-00-10", "2024-1-01", "24-01-01",
                          "2024/01/01", "2024-01-01x", "", "abcd-ef-gh", "2024-04-31",
                          " 2024-01-01"}) {
    auto d = Date::Parse(bad);
    EXPECT_FALSE(d.ok()) << bad;
    if (!d.ok()) {
      EXPECT_NE(d.status().message().find("bad date"), std::string::npos);
    }
  }
}

TEST(DateTest, DaysUntilAndOrdering) {
  Date a = *Date::Parse("2026-11-24"), b = *Date::Parse("2027-02-22");
  EXPECT_EQ(a.DaysUntil(b), 90);
  EXPECT_LT(a, b);
}

TEST(TimestampTest, RoundTripsIso8601) {
  auto t = Timestamp::Parse("2026-11-24T16:05:09Z");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->ToString(), "2026-11-24T16:05:09Z");
  EXPECT_EQ(t->date().ToString(), "2026-11-24");
  EXPECT_EQ(Timestamp::FromUnix(-1).ToString(), "1969-12-31T23:59:59Z");
  EXPECT_FALSE(Timestamp::Parse("2026-11-24 16:05:09").ok());
  EXPECT_FALSE(Timestamp::Parse("2026-11-24T25:05:09Z").ok());
}

TEST(ClockTest, FixedClockSaysWhatItIsTold) {
  FixedClock c(Timestamp::FromUnix(86400));
  EXPECT_EQ(c.Now().date().ToString(), "1970-01-02");
  c.Set(Timestamp::FromUnix(0));
  EXPECT_EQ(c.Now().unix_seconds(), 0);
  EXPECT_GT(SystemClock().Now().date().year(), 2020);
}

}  // namespace
}  // namespace psirt
