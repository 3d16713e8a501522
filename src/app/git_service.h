// GitService: fix and backport facts from the project's clone. Loads the
// refs and the commit graph once, computes ref containment in one pass, and
// answers which tags/branches contain a commit and where it was backported
// (cherry-pick trailer, upstream line, or patch-id, strongest reported).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "core/backport_refs.h"
#include "core/commit_graph.h"
#include "core/advisory.h"
#include "core/config.h"
#include "core/fix_status.h"
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

// The fix and backport table of one advisory (`psirt status`).
struct AdvisoryFixStatus {
  std::vector<std::string> fix_commits;  // on the main branch
  std::vector<std::string> unresolved;   // linked fixes not found (e.g. PR not merged)
  bool main_merged = false;
  std::optional<std::string> main_first_release;
  struct Branch {
    BranchFacts facts;
    BranchStatus status;
  };
  std::vector<Branch> branches;  // every release branch, oldest first
};

// What a previous run learned from the repository, so the next one reads
// only what is new: the commit graph (topological), the ref tips it was
// loaded from, and patch-ids. GitService extends it; the caller stores it.
struct GitCache {
  // The graph is taken from git's own commit-graph file when the repository
  // has one (git gc writes it); otherwise from `commits`, which
  // `load_commits` fills on demand, and `graph_from_cache` is set.
  std::function<Status(GitCache&)> load_commits;
  bool graph_from_cache = false;
  std::vector<std::pair<std::string, std::string>> commits;  // sha, parents (space-separated)
  std::vector<std::string> tips;
  std::map<std::string, std::string> patch_ids;  // sha -> patch-id ("" for none)
  size_t loaded_commits = 0;                     // commits that came from the cache
  std::vector<std::pair<std::string, std::string>> new_patch_ids;
};

// The durable JSON form of a fix status (the payload of "synced" events and
// the body of `psirt status --json`).
nlohmann::json FixStatusToJson(const AdvisoryFixStatus& s);

class GitService {
 public:
  // With a cache, only commits not reachable from its tips are read from
  // the repository; new commits and patch-ids are added to it.
  static Result<std::unique_ptr<GitService>> Open(const std::string& repo_dir,
                                                  const ReleaseModel& model,
                                                  GitCache* cache = nullptr);

  // Full SHAs of the given revisions; the first bad one is the error.
  Result<std::vector<std::string>> Resolve(std::span<const std::string> revs) const;
  Result<std::vector<ContainsResult>> Contains(std::span<const std::string> revs, bool remotes) const;
  // For each commit and each branch (default: every release branch).
  Result<std::vector<BackportResult>> Backports(std::span<const std::string> revs,
                                                std::span<const std::string> branches) const;

  // Fix commits on main (linked commits, PRs via merge commits or PR refs
  // mapped by patch-id), backports on every release branch, releases.
  Result<AdvisoryFixStatus> FixStatus(const Advisory& a) const;

  const std::vector<ReleaseBranch>& release_branches() const { return release_branches_; }
  const std::vector<ReleaseTag>& release_tags() const { return release_tags_; }
  const git::RepoReader::GraphSource& graph_source() const { return graph_source_; }

 private:
  GitService(git::RepoReader reader) : reader_(std::move(reader)) {}
  size_t RefIndex(const std::string& full_name) const;
  // Commits on `branch_ref` but not on the main branch (newest last).
  const std::vector<CommitGraph::Node>& BranchOnly(size_t branch_ref) const;
  const std::vector<BackportRef>& RefsOf(CommitGraph::Node n) const;
  const std::optional<std::string>& PatchIdOf(CommitGraph::Node n) const;
  // Every ancestor of `n` (inclusive) marked in a bitmap over graph nodes.
  std::vector<char> AncestorMask(CommitGraph::Node n) const;
  const std::vector<CommitGraph::Node>& MainFirstParents() const;
  // The commits of pull request `pr` as they are on main.
  std::vector<std::string> PrCommitsOnMain(const std::string& pr) const;
  // The lowest release tag containing every node (in the series of `series`
  // when given); pre-releases are skipped.
  std::optional<std::string> FirstRelease(std::span<const CommitGraph::Node> nodes,
                                          const Version* series) const;
  std::string Subject(CommitGraph::Node n) const;

  git::RepoReader reader_;
  ReleaseModel model_;
  std::vector<git::RefInfo> refs_;  // the refs containment is computed for
  CommitGraph graph_;
  git::RepoReader::GraphSource graph_source_;
  Containment containment_;
  size_t main_ref_ = SIZE_MAX;
  std::vector<ReleaseBranch> release_branches_;
  std::vector<ReleaseTag> release_tags_;
  mutable std::map<size_t, std::vector<CommitGraph::Node>> branch_only_;
  mutable std::map<CommitGraph::Node, std::vector<BackportRef>> msg_refs_;
  mutable std::map<CommitGraph::Node, std::optional<std::string>> patch_ids_;
  mutable std::vector<CommitGraph::Node> main_first_parents_;
  mutable std::map<CommitGraph::Node, std::string> subjects_;
  GitCache* cache_ = nullptr;
};

}  // namespace psirt
