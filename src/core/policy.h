// Policy: the process's clocks (acknowledge, fix, embargo) turned into dates.
// Pure: the numbers come from psirt.yml, the dates from the advisory.
#pragma once

#include <optional>
#include <string>

#include "base/time.h"

namespace psirt {

// The embargo policy: days to acknowledge, to fix and to publish.
struct Policy {
  int acknowledge_days = 7;      // reports are acknowledged and analysed within a week
  int fix_target_days = 30;      // the project's own time to fix
  int embargo_days = 90;         // at most 90 days to publication
  int embargo_warning_days = 14; // agenda lead time before an embargo ends
  int fix_warning_days = 7;      // agenda lead time before a fix is due
  int cve_request_days = 7;      // time from Accepted to having a CVE id
};

// The process's dates for one advisory. A date is unknown (nullopt) when
// what it derives from is unknown: an advisory imported from a published
// page has no report date, so psirt never invents its clocks.
struct Deadlines {
  std::optional<Date> acknowledge_by;
  std::optional<Date> fix_due;
  std::optional<Date> embargo_ends;  // the explicit end, else reported + embargo_days
};

// Deadlines of a report made on `reported_on` (when known), with an
// optional explicit embargo end. An upstream project's embargo (a module's
// vulnerability coordinated with its upstream) ends it earlier when it ends
// first: the effective embargo is the earlier one.
Deadlines ComputeDeadlines(const Policy& p, std::optional<Date> reported_on,
                           std::optional<Date> embargo_override,
                           std::optional<Date> upstream_embargo = std::nullopt);
// The deadlines of anything reported with an optional embargo override -
// an advisory or a list row - so the rule is applied the same way everywhere.
template <typename Reported>
Deadlines DeadlinesOf(const Policy& p, const Reported& a) {
  return ComputeDeadlines(p, a.reported_on, a.embargo_override, a.module.upstream_embargo);
}

// "YYYY-MM-DD", or `unknown` for a date nobody knows.
std::string DateOr(const std::optional<Date>& d, const char* unknown = "unknown");

}  // namespace psirt
