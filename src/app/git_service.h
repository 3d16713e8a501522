// GitService: fix and backport facts from the project's clone. Loads the
// refs and the commit graph once, computes ref containment in one pass, and
// answers which tags/branches contain a commit and where it was backported
// (cherry-pick trailer, upstream line, or patch-id, strongest reported).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "core/backport_refs.h"
#include "core/commit_graph.h"
#include "core/config.h"
#include "core/versions.h"
#include "git/repo_reader.h"

namespace psirt {

struct ContainsResult {
  std::string commit;
  std::vector<std::string> tags;      // sorted by name
  std::vector<std::string> branches;  // local (and with remotes, remote-tracking), sorted
};

struct BackportFinding {
  std::string branch;
  bool found = false;
  std::string commit;  // the commit on the branch carrying the fix
  BackportMethod method = BackportMethod::kAncestor;
};

struct BackportResult {
  std::string commit;
  std::vector<BackportFinding> branches;
};

class GitService {
 public:
  static Result<std::unique_ptr<GitService>> Open(const std::string& repo_dir,
                                                  const ReleaseModel& model);

  // Full SHAs of the given revisions; the first bad one is the error.
  Result<std::vector<std::string>> Resolve(std::span<const std::string> revs) const;
  Result<std::vector<ContainsResult>> Contains(std::span<const std::string> revs, bool remotes) const;
  // For each commit and each branch (default: every release branch).
  Result<std::vector<BackportResult>> Backports(std::span<const std::string> revs,
                                                std::span<const std::string> branches) const;

  const std::vector<ReleaseBranch>& release_branches() const { return release_branches_; }
  const std::vector<ReleaseTag>& release_tags() const { return release_tags_; }

 private:
  GitService(git::RepoReader reader) : reader_(std::move(reader)) {}
  size_t RefIndex(const std::string& full_name) const;
  // Commits on `branch_ref` but not on the main branch (newest last).
  const std::vector<CommitGraph::Node>& BranchOnly(size_t branch_ref) const;
  const std::vector<BackportRef>& RefsOf(CommitGraph::Node n) const;
  const std::optional<std::string>& PatchIdOf(CommitGraph::Node n) const;

  git::RepoReader reader_;
  ReleaseModel model_;
  std::vector<git::RefInfo> refs_;  // the refs containment is computed for
  CommitGraph graph_;
  Containment containment_;
  size_t main_ref_ = SIZE_MAX;
  std::vector<ReleaseBranch> release_branches_;
  std::vector<ReleaseTag> release_tags_;
  mutable std::map<size_t, std::vector<CommitGraph::Node>> branch_only_;
  mutable std::map<CommitGraph::Node, std::vector<BackportRef>> msg_refs_;
  mutable std::map<CommitGraph::Node, std::optional<std::string>> patch_ids_;
};

}  // namespace psirt
