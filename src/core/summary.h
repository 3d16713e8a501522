// AdvisorySummary: the few fields lists and the agenda need, kept by the
// store as a projection row so neither has to fold 100,000 histories.
#pragma once

#include <optional>
#include <string>

#include "base/time.h"
#include "core/advisory.h"
#include "core/need_to_know.h"

namespace psirt {

// An advisory's projection row: what lists, filters and access need.
struct AdvisorySummary {
  std::string id;
  int year = 0;
  int seq = 0;
  State state = State::kNew;
  std::string title;
  std::string assignee;
  std::string cvss;
  std::optional<double> cvss_score;
  std::string cvss_severity;
  std::string cve_id;
  std::string ghsa_id;
  std::optional<Date> reported_on;
  std::optional<Date> embargo_override;
  std::optional<Date> accepted_on;
  bool acknowledged = false;
  bool has_fix = false;
  std::vector<std::string> backports_missing;
  std::vector<std::string> unreleased;
  std::vector<ProbableBackport> backports_probable;
  Timestamp updated_at;
  int version = 0;
  // Who may see it (state and assignee are the fields above).
  std::string reporter_email;
  std::vector<std::string> need_to_know;
  std::vector<std::string> backport_branches;
  // MAINTAINERS.yml areas of the affected code (list filters).
  std::vector<std::string> areas;
  // Numbers of the pull requests linked as fixes (a webhook's look-up).
  std::vector<std::string> pull_requests;
  // The module the advisory concerns and its upstream coordination (the
  // agenda's module tasks and the effective embargo).
  ModuleLink module;
  // Branches the current embargoed fix series does not apply to (psirt patch check).
  std::vector<std::string> patch_conflicts;
  // Branches where the project's tests fail with that series (psirt patch test).
  std::vector<std::string> patch_test_failures;

  Visibility visibility() const {
    return {state, assignee, reporter_email, need_to_know, backport_branches};
  }
};

AdvisorySummary Summarize(const Advisory& a);

}  // namespace psirt
