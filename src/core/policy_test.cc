// Tests of deadline arithmetic.
#include "core/policy.h"

#include <gtest/gtest.h>

namespace psirt {
namespace {

TEST(PolicyTest, DefaultClocksOfTheProcess) {
  Deadlines d = ComputeDeadlines(Policy{}, *Date::Parse("2026-11-24"), std::nullopt);
  EXPECT_EQ(d.acknowledge_by.ToString(), "2026-12-01");
  EXPECT_EQ(d.fix_due.ToString(), "2026-12-24");
  EXPECT_EQ(d.embargo_ends.ToString(), "2027-02-22");
}

TEST(PolicyTest, ExplicitEmbargoAndCustomDays) {
  Policy p;
  p.embargo_days = 45;
  p.fix_target_days = 14;
  p.acknowledge_days = 2;
  Date on = *Date::Parse("2024-02-28");
  Deadlines d = ComputeDeadlines(p, on, std::nullopt);
  EXPECT_EQ(d.acknowledge_by.ToString(), "2024-03-01");
  EXPECT_EQ(d.fix_due.ToString(), "2024-03-13");
  EXPECT_EQ(d.embargo_ends.ToString(), "2024-04-13");
  EXPECT_EQ(ComputeDeadlines(p, on, *Date::Parse("2024-06-01")).embargo_ends.ToString(),
            "2024-06-01");
}

}  // namespace
}  // namespace psirt
