// Agenda rules.
#include "core/agenda.h"

#include <algorithm>
#include <tuple>

#include "base/strings.h"

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
    case TaskKind::kForwardUpstream: return "forward_upstream";
    case TaskKind::kModulePinned: return "module_pinned";
    case TaskKind::kModuleConstraint: return "module_constraint";
    case TaskKind::kPatchConflicts: return "patch_conflicts";
    case TaskKind::kPatchTestsFail: return "patch_tests_fail";
  }
  return "?";
}

namespace {

std::string ShortRef(const std::string& r) { return r.size() == 40 ? r.substr(0, 12) : r; }

// "module X pinned at a vulnerable revision (sha); fixed upstream in Y",
// with where the fix goes once that is decided.
std::string PinnedText(const ModuleLink& m) {
  std::vector<std::string> fixes;
  for (const std::string& f : m.fixed_upstream) fixes.push_back(ShortRef(f));
  std::string text = "module " + m.module + " pinned at a vulnerable revision" +
                     (m.pinned.empty() ? "" : " (" + ShortRef(m.pinned) + ")") + "; " +
                     (fixes.empty() ? "no upstream fix known yet" : "fixed upstream in " + Join(fixes, ", "));
  if (m.fix_route == "fork") text += "; the fix goes to the fork: patch it and move the manifest to the patched revision";
  else if (m.fix_route == "upstream") text += "; the fix goes upstream first: move the manifest past it";
  else if (m.forwarded_on) text += "; decide where the fix goes (upstream first, or the fork only)";
  return text;
}

}  // namespace

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
    for (const std::string& b : a.patch_conflicts)
      add(a, TaskKind::kPatchConflicts, d.fix_due,
          "patch does not apply on " + b + ": prepare its backport (psirt patch backport " + a.id + " --branch " + b + ")");
    for (const std::string& b : a.patch_test_failures)
      add(a, TaskKind::kPatchTestsFail, d.fix_due,
          "tests fail on " + b + " with the embargoed fix: see its output (psirt patch list " + a.id + ")");
    for (const std::string& b : a.unreleased)
      add(a, TaskKind::kUnreleased, d.embargo_ends,
          "fixed in an unreleased branch: " + b + " needs a release before publication");
    if (a.module.NeedsForwarding())
      add(a, TaskKind::kForwardUpstream, d.acknowledge_by,
          "forward the report under embargo to the security contact of " + a.module.module + "'s upstream" +
              (a.module.upstream.empty() ? "" : " (" + a.module.upstream + ")"));
    if (a.module.status == "vulnerable") add(a, TaskKind::kModulePinned, d.fix_due, PinnedText(a.module));
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

std::vector<Task> ModuleConstraintTasks(std::span<const ConstraintFinding> findings) {
  std::vector<Task> out;
  for (const ConstraintFinding& f : findings)
    if (f.Problem() && !f.derivation.empty()) out.push_back({"", TaskKind::kModuleConstraint, f.derivation.back(), std::nullopt, false});
  return out;
}

}  // namespace psirt
