// Fix status: the per-branch verdict of an advisory's fix - fixed (in a
// release tag), merged (on the branch, unreleased), missing (the backport
// policy requires it), not-affected (the bug was introduced after the
// branch), not-required (outside the policy). Pure: the git service
// supplies the facts.
#pragma once

#include <optional>
#include <string>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/backport_refs.h"

namespace psirt {

enum class BranchStatus { kFixed, kMerged, kMissing, kProbable, kNotAffected, kNotRequired };
// fixed, merged, missing, probable, not-affected, not-required
std::string_view BranchStatusName(BranchStatus s);

// A commit on a branch that looks like a backport of a fix (see
// core/similarity): reported for a person to confirm, never counted as found.
struct ProbableMatch {
  std::string commit;
  int percent = 0;
};

struct BranchFacts {
  std::string branch;
  bool required = false;   // the backport policy covers this branch
  bool affected = true;    // the branch tip contains the introducing commit (true when unknown)
  std::vector<std::string> commits;  // commits on the branch carrying the fix
  std::optional<BackportMethod> method;
  std::optional<std::string> release;  // lowest release tag of the branch containing the fix
  // When the fix is not found with certainty: the weakest probable match of
  // its commits, if every one of them has one.
  std::optional<ProbableMatch> probable;
};

BranchStatus DecideBranchStatus(const BranchFacts& f);

// How the repository's refs moved since the last sync.
enum class RefChange {
  kNone,             // every ref where it was
  kMainFastForward,  // only the main branch moved, forward (old tip is an ancestor)
  kOther,            // anything else: a release branch, tag or PR ref moved, appeared or went
};

// Whether an advisory's last synced status still holds, so sync can skip
// it: nothing it depends on changed since (`stale` is false), and either
// no ref moved, or only main moved forward and the last status had every
// fix merged on main and resolved (a fast-forward cannot unmerge it, and
// release branches and tags are unchanged).
bool SyncStatusStillHolds(bool stale, bool has_last_status, bool last_main_merged,
                          bool last_unresolved_empty, RefChange change);

// Whether a fix status is final: every linked fix found, merged on main
// and in a release there, and every release branch fixed in a release, not
// affected or outside the policy. Sync keeps refreshing a Public advisory
// until its status is final, so published records gain their versions.
bool FixStatusIsFinal(bool main_merged, bool main_released, bool unresolved_empty,
                      std::span<const BranchStatus> branches);

}  // namespace psirt
