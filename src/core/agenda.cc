// Agenda rules.
#include "core/agenda.h"

#include <algorithm>
#include <tuple>

namespace psirt {

std::string_view TaskKindName(TaskKind k) {
  switch (k) {
    case TaskKind::kAcknowledge: return "acknowledge";
    case TaskKind::kTriage: return "triage";
    case TaskKind::kFixDue: return "fix_due";
    case TaskKind::kEmbargoEnding: return "embargo_ending";
    case TaskKind::kEmbargoEnded: return "embargo_ended";
    case TaskKind::kRequestCve: return "request_cve";
    case TaskKind::kBackportMissing: return "backport_missing";
    case TaskKind::kUnreleased: return "unreleased";
    case TaskKind::kConfirmBackport: return "confirm_backport";
  }
  return "?";
}

bool AwaitsFix(State s) {
  return s == State::kNew || s == State::kTriage || s == State::kAssigned || s == State::kReview;
}

std::vector<Task> BuildAgenda(std::span<const AdvisorySummary> advisories, const Policy& policy,
                              Date as_of) {
  std::vector<Task> tasks;
  auto add = [&](const AdvisorySummary& a, TaskKind k, std::optional<Date> due, std::string text) {
    tasks.push_back(Task{a.id, k, std::move(text), due, due && *due < as_of});
  };
  auto from = [](std::optional<Date> d, int days) { return d ? std::optional<Date>(d->AddDays(days)) : d; };
  for (const AdvisorySummary& a : advisories) {
    if (IsClosed(a.state)) continue;
    Deadlines d = DeadlinesOf(policy, a);
    bool untriaged = a.state == State::kNew || a.state == State::kTriage;
    if (untriaged && !a.acknowledged)
      add(a, TaskKind::kAcknowledge, d.acknowledge_by, "acknowledge the report to the reporter");
    if (untriaged)
      add(a, TaskKind::kTriage, d.acknowledge_by,
          a.state == State::kNew ? "triage the new report (move to Triage, set severity, area)"
                                 : "finish triage: severity, affected code, assignee");
    bool fixing = AwaitsFix(a.state);
    // Unknown fix target (no report date): the fix is due now, as far as anyone knows.
    if (fixing && (!d.fix_due || as_of >= d.fix_due->AddDays(-policy.fix_warning_days)))
      add(a, TaskKind::kFixDue, d.fix_due,
          a.has_fix ? "get the linked fix reviewed and merged" : "fix needed: no fix linked yet");
    if (!d.embargo_ends)
      add(a, TaskKind::kEmbargoEnding, std::nullopt,
          "embargo end unknown: set the embargo end date (edit, with the reason)");
    else if (as_of >= *d.embargo_ends)
      add(a, TaskKind::kEmbargoEnded, d.embargo_ends,
          "embargo has ended: publish (move to Public) or record why not");
    else if (as_of >= d.embargo_ends->AddDays(-policy.embargo_warning_days))
      add(a, TaskKind::kEmbargoEnding, d.embargo_ends,
          "embargo ends soon: prepare the CVE record, advisory and notifications");
    for (const std::string& b : a.backports_missing)
      add(a, TaskKind::kBackportMissing, d.fix_due,
          "backport missing on " + b + " (backport policy)");
    for (const ProbableBackport& p : a.backports_probable)
      add(a, TaskKind::kConfirmBackport, d.fix_due,
          "confirm the probable backport on " + p.branch + ": commit " + p.commit.substr(0, 12) + " (" +
              std::to_string(p.percent) + "% of the fix's changed lines; linking it as the fix on " + p.branch +
              " makes it certain)");
    for (const std::string& b : a.unreleased)
      add(a, TaskKind::kUnreleased, d.embargo_ends,
          "fixed in an unreleased branch: " + b + " needs a release before publication");
    if (a.state == State::kAccepted && a.cve_id.empty()) {
      std::optional<Date> since = a.accepted_on ? a.accepted_on : a.reported_on;
      std::optional<Date> due = from(since, policy.cve_request_days);
      if (due && d.embargo_ends) due = std::min(*due, *d.embargo_ends);
      add(a, TaskKind::kRequestCve, due, "request a CVE id and record it");
    }
  }
  std::sort(tasks.begin(), tasks.end(), [](const Task& x, const Task& y) {
    return std::tie(x.due, x.advisory, x.kind) < std::tie(y.due, y.advisory, y.kind);
  });
  return tasks;
}

}  // namespace psirt
