// Tests of deadline arithmetic.
#include "core/policy.h"

#include <gtest/gtest.h>

namespace psirt {
namespace {

TEST(PolicyTest, DefaultClocksOfTheProcess) {
  Deadlines d = ComputeDeadlines(Policy{}, *Date::Parse("2026-11-24"), std::nullopt);
  EXPECT_EQ(DateOr(d.acknowledge_by), "2026-12-01");
  EXPECT_EQ(DateOr(d.fix_due), "2026-12-24");
  EXPECT_EQ(DateOr(d.embargo_ends), "2027-02-22");
}

TEST(PolicyTest, ExplicitEmbargoAndCustomDays) {
  Policy p;
  p.embargo_days = 45;
  p.fix_target_days = 14;
  p.acknowledge_days = 2;
  Date on = *Date::Parse("2024-02-28");
  Deadlines d = ComputeDeadlines(p, on, std::nullopt);
  EXPECT_EQ(DateOr(d.acknowledge_by), "2024-03-01");
  EXPECT_EQ(DateOr(d.fix_due), "2024-03-13");
  EXPECT_EQ(DateOr(d.embargo_ends), "2024-04-13");
  EXPECT_EQ(DateOr(ComputeDeadlines(p, on, *Date::Parse("2024-06-01")).embargo_ends),
            "2024-06-01");
}

TEST(PolicyTest, UnknownReportDateLeavesClocksUnknown) {
  Deadlines d = ComputeDeadlines(Policy{}, std::nullopt, std::nullopt);
  EXPECT_FALSE(d.acknowledge_by);
  EXPECT_FALSE(d.fix_due);
  EXPECT_FALSE(d.embargo_ends);
  EXPECT_EQ(DateOr(d.embargo_ends), "unknown");
  // An explicit embargo end is known even without a report date.
  d = ComputeDeadlines(Policy{}, std::nullopt, *Date::Parse("2027-01-01"));
  EXPECT_EQ(DateOr(d.embargo_ends), "2027-01-01");
  EXPECT_FALSE(d.fix_due);
}

}  // namespace
}  // namespace psirt
