// Deadline arithmetic.
#include "core/policy.h"

namespace psirt {

Deadlines ComputeDeadlines(const Policy& p, Date reported_on,
                           std::optional<Date> embargo_override) {
  Deadlines d;
  d.acknowledge_by = reported_on.AddDays(p.acknowledge_days);
  d.fix_due = reported_on.AddDays(p.fix_target_days);
  d.embargo_ends = embargo_override ? *embargo_override : reported_on.AddDays(p.embargo_days);
  return d;
}

}  // namespace psirt
