// PatchApplier: applies a patch series to a commit's tree in memory with
// libgit2 - no work tree, no checkout, no index file touched, and every
// object it writes (trees, merged blobs, rebased commits) kept in an
// in-memory object database that is dropped afterwards, so an embargoed fix
// never reaches the clone's object files. A file whose hunks do not apply
// directly is merged three-way (as `git apply --3way`): its preimage blob,
// named by the patch's "index" line, is the base, the branch's file one
// side and the preimage with the patch applied the other. Also finds a
// series already on a branch by patch-id.
#pragma once

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "git/libgit2_handle.h"

namespace psirt::git {

// A patch as the engine takes it.
struct SeriesPatch {
  std::string diff;      // git diff text ("diff --git ..." with its hunks)
  std::string patch_id;  // git patch-id --stable of it
  std::string subject, author, message;  // for a rebased commit
  std::string commit;    // the commit it came from ("" when unknown)
  long long time = 0;    // its author date (Unix seconds; 0: unknown)
  std::vector<std::string> files;  // the paths it changes
};

// Hunks of a file that do not apply.
struct FileConflict {
  int patch = 0;  // 1-based position in the series
  std::string file;
  std::vector<std::string> hunks;  // hunk headers
  std::string merged;              // the file with conflict markers ("" when there is no base to merge from)
};

// What applying a series did.
struct SeriesFit {
  bool applies = true;
  bool three_way = false;  // some file needed the three-way merge
  std::vector<FileConflict> conflicts;  // the first patch that did not apply (later ones are not tried)
  std::vector<std::string> trees;       // the tree after each applied patch (in memory)
};

class PatchApplier {
 public:
  // Opens the repository at `dir` with an in-memory object database in
  // front of its own (writes go there only).
  static Result<PatchApplier> Open(const std::string& dir);
  ~PatchApplier();
  PatchApplier(PatchApplier&&) noexcept;
  PatchApplier& operator=(PatchApplier&&) noexcept;

  // `git patch-id --stable` of a diff text; an error when libgit2 cannot read it.
  static Result<std::string> PatchIdOf(const std::string& diff);

  // `git format-patch -1 SHA`'s text for one commit (the "From SHA" line first).
  Result<std::string> FormatCommit(const std::string& sha) const;
  // The first parent of a commit ("" for a root commit).
  Result<std::string> ParentOf(const std::string& sha) const;

  // The commit `rev` names (a branch, tag or SHA).
  Result<std::string> Resolve(const std::string& rev) const;

  // Applies `series` in order on `commit`'s tree.
  Result<SeriesFit> Apply(const std::string& commit, std::span<const SeriesPatch> series) const;

  // For each patch, the commit in `tip`'s history with the same patch-id
  // ("" when none): the newest `window` commits, those reachable from
  // `hide` left out (the series' base: nothing before it can hold the fix).
  // Only commits touching one of `files` are diffed in full.
  Result<std::vector<std::string>> FindPresent(const std::string& tip, const std::vector<std::string>& hide,
                                               std::span<const SeriesPatch> series, const std::vector<std::string>& files,
                                               size_t window = 20000) const;

  // A temporary worktree of the clone named `name` at `path` (a new
  // directory), its branch `name` at `tip`, its files those of `tree` (the
  // series applied, from the in-memory objects): the series as uncommitted
  // changes. RemoveWorktree takes it away again, branch and all.
  Status AddWorktree(const std::string& name, const std::string& path, const std::string& tip, const std::string& tree) const;
  Status RemoveWorktree(const std::string& name) const;
  // The worktrees named "<prefix><pid>-..." whose process `alive` says is
  // gone (a killed run's), removed; how many.
  Result<int> PruneStaleWorktrees(const std::string& prefix, const std::function<bool(long pid)>& alive) const;

  // Commits the applied series' trees onto `parent` (one commit per patch,
  // its author and message, "(cherry picked from commit X)" added when the
  // patch names a commit this repository has), in memory; returns the
  // format-patch text of each (`git format-patch` shape).
  Result<std::vector<std::string>> FormatRebased(const std::string& parent, std::span<const SeriesPatch> series,
                                                 const SeriesFit& fit) const;

 private:
  PatchApplier() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace psirt::git
