// Fix status: the per-branch verdict of an advisory's fix - fixed (in a
// release tag), merged (on the branch, unreleased), missing (the backport
// policy requires it), not-affected (the bug was introduced after the
// branch), not-required (outside the policy). Pure: the git service
// supplies the facts.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "core/backport_refs.h"

namespace psirt {

// A release branch's state for a fix.
enum class BranchStatus { kFixed, kMerged, kMissing, kProbable, kNotAffected, kNotRequired };
// fixed, merged, missing, probable, not-affected, not-required
std::string_view BranchStatusName(BranchStatus s);

// A commit on a branch that looks like a backport of a fix (see
// core/similarity): reported for a person to confirm, never counted as found.
struct ProbableMatch {
  std::string commit;
  int percent = 0;
  bool operator==(const ProbableMatch&) const = default;
};

// What git says of one release branch: commits, release, status.
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
  bool operator==(const BranchFacts&) const = default;
};

BranchStatus DecideBranchStatus(const BranchFacts& f);

// The fix status of an advisory as read from the repository: what `psirt
// sync` records (its `synced` event) and `psirt status` shows. Parsed once
// from the event, then read as a value everywhere.
struct FixFacts {
  std::vector<std::string> fix_commits;  // the fix's commits on the main branch
  std::vector<std::string> unresolved;   // linked fixes not found ("PR #12", "commit abc")
  bool main_merged = false;
  std::optional<std::string> main_first_release;  // first release tag on main with the fix
  struct Branch {
    BranchFacts facts;
    BranchStatus status = BranchStatus::kMissing;
    bool operator==(const Branch&) const = default;
  };
  std::vector<Branch> branches;  // every release branch, oldest first
  bool operator==(const FixFacts&) const = default;

  // Policy branches where a backport is missing (once the fix is on main).
  std::vector<std::string> BackportsMissing() const;
  // Branches with the fix merged but not in a release of theirs yet.
  std::vector<std::string> Unreleased() const;
  // Release tags carrying the fix: main's first release, then the branches'.
  std::vector<std::string> FixedIn() const;
  // Every linked fix found, merged and released on main, and every branch
  // fixed in a release, not affected or outside the policy.
  bool IsFinal() const;
};

// The durable JSON form (the `synced` payload; `psirt status --json`):
// {fix_commits, unresolved, main: {merged, first_release}, main_merged,
// main_first_release, branches: [{branch, required, status, commits,
// release, method, probable: {commit, percent}}]}.
nlohmann::json FixFactsToJson(const FixFacts& f);
// Strict: a malformed payload is an error naming what is wrong.
Result<FixFacts> FixFactsFromJson(const nlohmann::json& j);
std::optional<BranchStatus> ParseBranchStatus(std::string_view name);

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



}  // namespace psirt
