// PatchService: an advisory's embargoed fix, kept privately with it. A
// series (format-patch / mbox files, or commits of a private local branch)
// is stored as an attachment of the advisory - readable only by its
// need-to-know list - with a `patch_added` event holding each patch's
// subject, author, patch-id and files. `Check` tells, for the main branch
// and each release branch the backport policy requires, whether the series
// applies (three-way, in memory: no work tree touched), conflicts (which
// hunks of which files) or is already there (same patch-ids); results are
// kept per branch as `patch_checked` events and reused while the series and
// the branch tip are unchanged. `Backport` rebases the series onto a branch
// as format-patch files. The CLI and the server call it.
#pragma once

#include <atomic>
#include <string>
#include <vector>

#include "app/advisory_service.h"
#include "app/publish_service.h"
#include "base/status.h"
#include "core/patch_series.h"
#include "store/store.h"

namespace psirt {

// Where a series comes from: patch files, or commits of the clone.
struct PatchSource {
  std::vector<InputFile> files;
  std::vector<std::string> commits;
};

// A check of the current series on each branch asked for.
struct PatchCheckOutcome {
  int series = 0;
  std::vector<PatchCheckResult> results;
  std::vector<bool> cached;  // per result: the same series and tip were checked before
};

// One patch of a rebased series, or the file a conflict leaves.
struct PatchBackportOutcome {
  std::string branch, onto;  // the branch and its tip
  bool applies = false;
  std::vector<std::string> patches;  // format-patch texts, in order (when it applies)
  struct Conflict {
    int patch = 0;
    std::string file;
    std::vector<std::string> hunks;
    std::string merged;  // the file with conflict markers ("" when no base to merge from)
  };
  std::vector<Conflict> conflicts;
};

// How `psirt patch test` runs.
struct PatchTestOptions {
  std::vector<std::string> branches;  // empty: the main and policy branches
  int jobs = 1;                        // branches tested at once
  const std::atomic<bool>* cancel = nullptr;  // set on Ctrl-C: commands killed, worktrees removed
  std::string temp_dir;                // where worktrees go ("" : TMPDIR, else /tmp)
};

class PatchService {
 public:
  // `advisories` decides who may do what (the server's is guarded).
  PatchService(AdvisoryService advisories, Store& store, const WorkspaceConfig& config, const Clock& clock, std::string repo_dir);

  // Attaches a series; files and commits are read whole before anything
  // is stored (a malformed or truncated file: one error, nothing stored).
  Result<PatchSeries> Add(const std::string& actor, const std::string& id, const PatchSource& source);
  // Checks the current series on `branches` (empty: the main branch and
  // the release branches the backport policy requires).
  Result<PatchCheckOutcome> Check(const std::string& actor, const std::string& id, std::vector<std::string> branches);
  // Runs psirt.yml's patch.test_command on each branch in a temporary
  // worktree with the series applied (removed afterwards, also on failure,
  // timeout or cancel); each result a `patch_tested` event. Worktrees a
  // killed run left are removed first.
  Result<std::vector<PatchTestResult>> Test(const std::string& actor, const std::string& id, const PatchTestOptions& o);
  // The current series rebased onto `branch`.
  Result<PatchBackportOutcome> Backport(const std::string& id, const std::string& branch);
  // The branches Check takes by default.
  Result<std::vector<std::string>> PolicyBranches();

 private:
  Store& store_;
  const WorkspaceConfig& config_;
  const Clock& clock_;
  std::string repo_dir_;
  AdvisoryService advisories_;
};

// The current series' text (its attachment), for the advisory's insiders.
Result<std::string> PatchSeriesText(Store& store, const Advisory& a, int number);

}  // namespace psirt
