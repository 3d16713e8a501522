// Policy: the process's clocks (acknowledge, fix, embargo) turned into dates.
// Pure: the numbers come from psirt.yml, the dates from the advisory.
#pragma once

#include <optional>

#include "base/time.h"

namespace psirt {

struct Policy {
  int acknowledge_days = 7;      // reports are acknowledged and analysed within a week
  int fix_target_days = 30;      // the project's own time to fix
  int embargo_days = 90;         // at most 90 days to publication
  int embargo_warning_days = 14; // agenda lead time before an embargo ends
  int fix_warning_days = 7;      // agenda lead time before a fix is due
  int cve_request_days = 7;      // time from Accepted to having a CVE id
};

struct Deadlines {
  Date acknowledge_by;
  Date fix_due;
  Date embargo_ends;
};

// Deadlines of a report made on `reported_on`, with an optional explicit embargo end.
Deadlines ComputeDeadlines(const Policy& p, Date reported_on,
                           std::optional<Date> embargo_override);

}  // namespace psirt
