// Calendar dates and UTC timestamps: strict parsing and ISO 8601 formatting.
// Pure values; the only clock is the one a caller passes in.
#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace psirt {

// A civil (proleptic Gregorian) date without time zone, e.g. 2026-11-24.
class Date {
 public:
  Date() = default;
  static Date FromDays(std::int64_t days_since_epoch) { return Date(days_since_epoch); }
  // Returns an error for anything that is not exactly YYYY-MM-DD naming a real day.
  static Result<Date> Parse(std::string_view text);
  static Result<Date> FromYmd(int y, unsigned m, unsigned d);

  std::int64_t days() const { return days_; }
  int year() const;
  unsigned month() const;
  unsigned day() const;
  Date AddDays(std::int64_t n) const { return Date(days_ + n); }
  std::int64_t DaysUntil(Date other) const { return other.days_ - days_; }
  std::string ToString() const;  // YYYY-MM-DD

  auto operator<=>(const Date&) const = default;

 private:
  explicit Date(std::int64_t d) : days_(d) {}
  std::int64_t days_ = 0;
};

// A point in time, whole seconds since the Unix epoch, always UTC.
class Timestamp {
 public:
  Timestamp() = default;
  static Timestamp FromUnix(std::int64_t s) { return Timestamp(s); }
  static Timestamp StartOf(Date d) { return Timestamp(d.days() * 86400); }
  // Accepts YYYY-MM-DDTHH:MM:SSZ (the form ToString writes).
  static Result<Timestamp> Parse(std::string_view text);

  std::int64_t unix_seconds() const { return s_; }
  Date date() const;  // the UTC calendar date
  std::string ToString() const;  // YYYY-MM-DDTHH:MM:SSZ

  auto operator<=>(const Timestamp&) const = default;

 private:
  explicit Timestamp(std::int64_t s) : s_(s) {}
  std::int64_t s_ = 0;
};

// The source of "now". Services take one so tests and the demo can set time.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
};

// The system's real-time clock.
class SystemClock : public Clock {
 public:
  Timestamp Now() const override;
};

// A clock that says what it is told; for tests and generated example data.
class FixedClock : public Clock {
 public:
  explicit FixedClock(Timestamp t) : t_(t) {}
  Timestamp Now() const override { return t_; }
  void Set(Timestamp t) { t_ = t; }

 private:
  Timestamp t_;
};

}  // namespace psirt
