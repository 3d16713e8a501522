// Sign-in throttling: free failures, then doubling delays up to a cap, per
// account (any case) and address; success forgets; unknown accounts alike.
#include "core/login_throttle.h"

#include <gtest/gtest.h>

namespace psirt {
namespace {

TEST(LoginThrottle, GrowingDelaysPerAccountAndAddress) {
  LoginThrottle t;
  Timestamp now = Timestamp::FromUnix(1'000'000);
  auto at = [&](std::int64_t s) { return Timestamp::FromUnix(now.unix_seconds() + s); };
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(t.WaitSeconds("lead", "198.51.100.1", now), 0);
    t.Failed("lead", "198.51.100.1", now);
  }
  EXPECT_EQ(t.WaitSeconds("lead", "198.51.100.1", now), 2);
  EXPECT_EQ(t.WaitSeconds("LEAD", "198.51.100.1", now), 2) << "account names in any case";
  EXPECT_EQ(t.WaitSeconds("lead", "203.0.113.7", now), 0) << "the owner elsewhere is not held";
  EXPECT_EQ(t.WaitSeconds("lead", "198.51.100.1", at(2)), 0);
  t.Failed("lead", "198.51.100.1", at(2));
  EXPECT_EQ(t.WaitSeconds("lead", "198.51.100.1", at(2)), 4);
  t.Failed("lead", "198.51.100.1", at(6));
  EXPECT_EQ(t.WaitSeconds("lead", "198.51.100.1", at(6)), 8);
  t.Succeeded("lead", "198.51.100.1");
  EXPECT_EQ(t.WaitSeconds("lead", "198.51.100.1", at(6)), 0);
  // Unknown names are throttled the same way.
  for (int i = 0; i < 3; ++i) t.Failed("nobody", "198.51.100.1", now);
  EXPECT_EQ(t.WaitSeconds("nobody", "198.51.100.1", now), 2);
}

TEST(LoginThrottle, CappedAndBounded) {
  LoginThrottle::Policy p;
  p.max_keys = 100;
  LoginThrottle t(p);
  EXPECT_EQ(t.DelayAfter(2), 0);
  EXPECT_EQ(t.DelayAfter(3), 2);
  EXPECT_EQ(t.DelayAfter(12), 900);
  EXPECT_EQ(t.DelayAfter(1000), 900) << "never more than 15 minutes";
  Timestamp now = Timestamp::FromUnix(5'000'000);
  for (int i = 0; i < 1000; ++i) t.Failed("user" + std::to_string(i), "a", now);  // a flood of names
  for (int i = 0; i < 3; ++i) t.Failed("lead", "a", now);
  EXPECT_EQ(t.WaitSeconds("lead", "a", now), 2) << "still counted after the flood";
  // A day of quiet forgets.
  t.Failed("quiet", "b", now);
  t.Failed("quiet", "b", now);
  t.Failed("quiet", "b", now);
  t.Failed("quiet", "b", Timestamp::FromUnix(now.unix_seconds() + 90000));
  EXPECT_EQ(t.WaitSeconds("quiet", "b", Timestamp::FromUnix(now.unix_seconds() + 90000)), 0);
}

}  // namespace
}  // namespace psirt
