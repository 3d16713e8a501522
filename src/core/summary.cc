// Advisory -> AdvisorySummary.
#include "core/summary.h"

#include <algorithm>

namespace psirt {

AdvisorySummary Summarize(const Advisory& a) {
  AdvisorySummary s;
  s.id = a.id;
  s.year = a.year;
  s.seq = a.seq;
  s.state = a.state;
  s.title = a.title;
  s.assignee = a.assignee;
  s.cvss = a.cvss;
  s.cvss_score = a.cvss_score;
  s.cvss_severity = a.cvss_severity;
  s.cve_id = a.cve_id;
  s.reported_on = a.reported_on;
  s.embargo_override = a.embargo_override;
  s.module = a.module;
  for (const PatchCheckResult& r : a.patch_checks)
    if (r.fit == PatchFit::kConflicts) s.patch_conflicts.push_back(r.branch);
  for (const PatchTestResult& r : a.patch_tests)
    if (r.failed()) s.patch_test_failures.push_back(r.branch);
  s.accepted_on = a.accepted_on;
  s.acknowledged = a.acknowledged_at.has_value();
  s.has_fix = !a.fixes.empty();
  s.backports_missing = a.backports_missing;
  s.unreleased = a.unreleased;
  s.backports_probable = a.backports_probable;
  s.updated_at = a.updated_at;
  s.version = a.version;
  s.reporter_email = a.reporter_confirmed ? a.reporter.email : "";
  s.ghsa_id = a.ghsa_id;
  s.need_to_know = a.need_to_know;
  s.backport_branches = BranchesNeedingBackport(a);
  s.areas = a.areas;
  for (const Fix& f : a.fixes)
    if (f.kind == Fix::Kind::kPr && std::find(s.pull_requests.begin(), s.pull_requests.end(), f.ref) == s.pull_requests.end())
      s.pull_requests.push_back(f.ref);
  return s;
}

}  // namespace psirt
