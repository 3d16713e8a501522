// Agenda: the security team's due "process" tasks - the fungible work anyone
// on the rotation can pick up - computed from advisories, policy and a date.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/module_constraints.h"

#include "base/time.h"
#include "core/policy.h"
#include "core/summary.h"

namespace psirt {

// The kinds of process tasks the agenda lists.
enum class TaskKind {
  kAcknowledge,    // tell the reporter the report arrived (within acknowledge_days)
  kTriage,         // analyse: severity, affected code, assignee
  kFixDue,         // the fix target is near or past
  kEmbargoEnding,  // embargo ends soon: prepare publication
  kEmbargoEnded,   // embargo over but the advisory is not Public
  kRequestCve,     // Accepted without a CVE id
  kBackportMissing,  // the policy requires a backport the repository does not have
  kUnreleased,       // fixed on a branch, not in a release of it yet
  kConfirmBackport,  // a probable backport (similar change, no reference) awaits a person's confirmation
  kForwardUpstream,  // a module's vulnerability not yet sent to the upstream's security contact
  kModulePinned,     // the manifest pins a module at a vulnerable revision
  kModuleConstraint, // a module's version constraint is broken (no advisory: the workspace's)
  kPatchConflicts,   // the embargoed fix series does not apply on a policy branch
  kPatchTestsFail,   // the project's tests fail on a branch with the embargoed fix
};

std::string_view TaskKindName(TaskKind k);  // snake_case: "acknowledge", ...

// Whether an advisory in `s` still waits for its fix (New, Triage,
// Assigned, Review): the fix target applies only then.
bool AwaitsFix(State s);

// One due task: its advisory, kind, due date and text.
struct Task {
  std::string advisory;
  TaskKind kind = TaskKind::kTriage;
  std::string text;  // what to do, for a person
  std::optional<Date> due;  // unknown when the dates it derives from are (listed first)
  bool overdue = false;  // due before as_of
};

// Tasks for every open advisory, sorted by due date (unknown first: someone
// has to find out), then advisory, then kind.
std::vector<Task> BuildAgenda(std::span<const AdvisorySummary> advisories, const Policy& policy,
                              Date as_of);

// One task per module constraint problem (core/module_constraints), its
// conclusion as the text; no advisory, no due date (listed first).
std::vector<Task> ModuleConstraintTasks(std::span<const ConstraintFinding> findings);

}  // namespace psirt
