// Deadline arithmetic.
#include "core/policy.h"

namespace psirt {

Deadlines ComputeDeadlines(const Policy& p, std::optional<Date> reported_on,
                           std::optional<Date> embargo_override, std::optional<Date> upstream_embargo) {
  Deadlines d;
  if (reported_on) {
    d.acknowledge_by = reported_on->AddDays(p.acknowledge_days);
    d.fix_due = reported_on->AddDays(p.fix_target_days);
    d.embargo_ends = reported_on->AddDays(p.embargo_days);
  }
  if (embargo_override) d.embargo_ends = *embargo_override;
  if (upstream_embargo && (!d.embargo_ends || *upstream_embargo < *d.embargo_ends)) d.embargo_ends = *upstream_embargo;
  return d;
}

std::string DateOr(const std::optional<Date>& d, const char* unknown) {
  return d ? d->ToString() : std::string(unknown);
}

}  // namespace psirt
