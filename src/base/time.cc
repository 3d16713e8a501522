// Date/Timestamp arithmetic on std::chrono's calendar types.
#include "base/time.h"
#include "base/strings.h"

#include <cstdio>

namespace psirt {
namespace {

using std::chrono::sys_days;
using std::chrono::year_month_day;

year_month_day Ymd(std::int64_t days) {
  return year_month_day{sys_days{std::chrono::days{days}}};
}

bool AllDigits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

Result<Date> Date::FromYmd(int y, unsigned m, unsigned d) {
  year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!ymd.ok() || y < 1900 || y > 9999) return Status::Invalid("not a calendar date");
  return Date(sys_days{ymd}.time_since_epoch().count());
}

Result<Date> Date::Parse(std::string_view t) {
  auto bad = [&] {
    return Status::Invalid("bad date '" + Shown(t) + "': expected YYYY-MM-DD");
  };
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return bad();
  auto ys = t.substr(0, 4), ms = t.substr(5, 2), ds = t.substr(8, 2);
  if (!AllDigits(ys) || !AllDigits(ms) || !AllDigits(ds)) return bad();
  auto r = FromYmd(ToInt(ys), ToInt(ms), ToInt(ds));
  if (!r.ok()) {
    return Status::Invalid("bad date '" + Shown(t) + "': no such day");
  }
  return r;
}

int Date::year() const { return static_cast<int>(Ymd(days_).year()); }
unsigned Date::month() const { return static_cast<unsigned>(Ymd(days_).month()); }
unsigned Date::day() const { return static_cast<unsigned>(Ymd(days_).day()); }

std::string Date::ToString() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year(), month(), day());
  return buf;
}

Date Timestamp::date() const {
  std::int64_t d = s_ / 86400;
  if (s_ % 86400 < 0) --d;
  return Date::FromDays(d);
}

std::string Timestamp::ToString() const {
  Date d = date();
  std::int64_t sec = s_ - d.days() * 86400;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", d.ToString().c_str(),
                static_cast<int>(sec / 3600), static_cast<int>(sec / 60 % 60),
                static_cast<int>(sec % 60));
  return buf;
}

Result<Timestamp> Timestamp::Parse(std::string_view t) {
  auto bad = [&] {
    return Status::Invalid("bad time '" + Shown(t) + "': expected YYYY-MM-DDTHH:MM:SSZ");
  };
  if (t.size() != 20 || t[10] != 'T' || t[13] != ':' || t[16] != ':' || t[19] != 'Z') return bad();
  auto d = Date::Parse(t.substr(0, 10));
  if (!d.ok()) return bad();
  auto hs = t.substr(11, 2), ms = t.substr(14, 2), ss = t.substr(17, 2);
  if (!AllDigits(hs) || !AllDigits(ms) || !AllDigits(ss)) return bad();
  int h = ToInt(hs), m = ToInt(ms), s = ToInt(ss);
  if (h > 23 || m > 59 || s > 60) return bad();
  return Timestamp(d->days() * 86400 + h * 3600 + m * 60 + s);
}

Timestamp SystemClock::Now() const {
  auto now = std::chrono::system_clock::now();
  return Timestamp::FromUnix(
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count());
}

}  // namespace psirt
