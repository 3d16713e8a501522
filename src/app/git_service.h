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
#include "core/pull_requests.h"
#include "core/versions.h"
#include "git/repo_reader.h"

namespace psirt {

// Which release tags and branches contain a commit.
struct ContainsResult {
  std::string commit;
  std::vector<std::string> tags;      // sorted by name
  std::vector<std::string> branches;  // local (and with remotes, remote-tracking), sorted
};

// One release branch's answer for a fix: present, by which method, or missing.
struct BackportFinding {
  std::string branch;
  bool found = false;
  std::string commit;  // the commit on the branch carrying the fix
  BackportMethod method = BackportMethod::kAncestor;
  // Not found with certainty, but a commit looks like it (similar change,
  // same subject or author): for a person to confirm.
  std::optional<ProbableMatch> probable;
};

// A fix's backport status on every policy branch.
struct BackportResult {
  std::string commit;
  std::vector<BackportFinding> branches;
};

// What a previous run learned from the repository, so the next one reads
// only what is new: the commit graph, the ref tips it was loaded from, and
// patch-ids. GitService extends it; the caller stores it.
struct GitCache {
  // The graph is taken from git's own commit-graph file when the repository
  // has one (git gc writes it); otherwise from the cached graph, which
  // `load_graph` fills on demand (serialized in `graph`, or as rows in
  // `legacy_commits` from older caches), and `graph_from_cache` is set.
  std::function<Status(GitCache&)> load_graph;
  bool graph_from_cache = false;
  std::string graph;  // CommitGraph::Serialize()
  std::vector<std::pair<std::string, std::string>> legacy_commits;  // sha, parents (space-separated)
  size_t loaded_commits = 0;  // commits that came from the cache
  size_t new_commits = 0;     // read from the repository this time (the cache must be written)
  std::vector<std::string> tips;
  std::map<std::string, std::string> patch_ids;  // sha -> patch-id ("" for none)
  std::vector<std::pair<std::string, std::string>> new_patch_ids;
  // Told how many commits were read from the repository's objects so far.
  std::function<void(size_t)> progress;
};

// Questions about a repository: containment, backports, fix status.
class GitService : private CommitFacts {
 public:
  // With a cache, only commits not reachable from its tips are read from
  // the repository; new commits and patch-ids are added to it.
  static Result<std::unique_ptr<GitService>> Open(const std::string& repo_dir,
                                                  const ReleaseModel& model,
                                                  GitCache* cache = nullptr);

  // Which tags and branches of the repository at `dir` contain `revs`: from
  // git's commit-graph file (ContainsFromCommitGraph), else by loading the
  // whole graph.
  static Result<std::vector<ContainsResult>> ContainsIn(const std::string& dir, const ReleaseModel& model,
                                                        std::span<const std::string> revs, bool remotes);
  // Up to this many commits, a walk per commit beats one pass over the graph.
  static constexpr size_t kFewCommits = 4;

  // Containment straight from git's commit-graph file, read in place: no
  // graph is built; a few commits are a walk each, stopped at the commit's
  // generation (one commit costs what git's own `tag --contains` does),
  // more are one pass over the file in level order. nullopt when the
  // repository has no commit-graph file, or the file lacks a commit or a
  // ref's tip (written before a fetch): Open(...)->Contains answers then.
  static Result<std::optional<std::vector<ContainsResult>>> ContainsFromCommitGraph(
      const std::string& repo_dir, std::span<const std::string> revs, bool remotes);

  // Full SHAs of the given revisions; the first bad one is the error.
  Result<std::vector<std::string>> Resolve(std::span<const std::string> revs) const;
  Result<std::vector<ContainsResult>> Contains(std::span<const std::string> revs, bool remotes) const;
  // For each commit and each branch (default: every release branch). With
  // `probable`, a fix found by no reference or patch-id gets its most
  // similar candidate on the branch, if one is similar enough.
  Result<std::vector<BackportResult>> Backports(std::span<const std::string> revs,
                                                std::span<const std::string> branches,
                                                bool probable = true) const;

  // Fix commits on main (linked commits, PRs via merge commits or PR refs
  // mapped by patch-id), backports on every release branch, releases.
  Result<FixFacts> FixStatus(const Advisory& a) const;

  const std::vector<ReleaseBranch>& release_branches() const { return release_branches_; }
  const CommitGraph& graph() const { return graph_; }
  const std::vector<ReleaseTag>& release_tags() const { return release_tags_; }
  const git::RepoReader::GraphSource& graph_source() const { return graph_source_; }

 private:
  GitService(git::RepoReader reader) : reader_(std::move(reader)) {}
  size_t RefIndex(const std::string& full_name) const;
  // Commits on `branch_ref` but not on the main branch (newest last).
  const std::vector<CommitGraph::Node>& BranchOnly(size_t branch_ref) const;
  const std::vector<BackportRef>& RefsOf(CommitGraph::Node n) const;
  const std::optional<std::string>& PatchIdOf(CommitGraph::Node n) const;
  // The first-parent chain from the tip of ref `ref`.
  const std::vector<CommitGraph::Node>& FirstParents(size_t ref) const;
  // The commits of pull request `pr` as they are on the branch of ref
  // `target` (main for fixes, a release branch for backport PRs): the
  // core's rules (core/pull_requests) over the loaded graph.
  std::vector<std::string> PrCommitsOn(size_t target, const std::string& pr) const;
  // CommitFacts for the PR rules: cached subjects and patch-ids.
  std::string Subject(CommitGraph::Node n) const override;
  std::optional<std::string> PatchId(CommitGraph::Node n) const override { return PatchIdOf(n); }
  // The lowest release tag containing every node (in the series of `series`
  // when given); pre-releases are skipped.
  std::optional<std::string> FirstRelease(std::span<const CommitGraph::Node> nodes,
                                          const Version* series) const;
  // The best probable backport of `fix` among the commits only on branch `b`.
  std::optional<ProbableMatch> FindProbable(CommitGraph::Node fix, size_t b) const;
  const std::vector<std::string>& ChangedLinesOf(CommitGraph::Node n) const;
  const std::string& AuthorOf(CommitGraph::Node n) const;
  const std::vector<std::string>& FilesOf(CommitGraph::Node n) const;

  git::RepoReader reader_;
  ReleaseModel model_;
  std::vector<git::RefInfo> refs_;  // tags and branches first (containment is computed
                                    // for those), then PR refs
  size_t contained_refs_ = 0;
  CommitGraph graph_;
  git::RepoReader::GraphSource graph_source_;
  Containment containment_;
  size_t main_ref_ = SIZE_MAX;
  std::vector<ReleaseBranch> release_branches_;
  std::vector<ReleaseTag> release_tags_;
  mutable std::map<size_t, std::vector<CommitGraph::Node>> branch_only_;
  mutable std::map<CommitGraph::Node, std::vector<BackportRef>> msg_refs_;
  mutable std::map<CommitGraph::Node, std::optional<std::string>> patch_ids_;
  mutable std::map<size_t, std::vector<CommitGraph::Node>> first_parents_;
  mutable std::map<CommitGraph::Node, std::string> subjects_;
  mutable std::map<CommitGraph::Node, std::string> authors_;
  mutable std::map<CommitGraph::Node, std::vector<std::string>> files_;
  mutable std::map<CommitGraph::Node, std::vector<std::string>> changed_lines_;
  GitCache* cache_ = nullptr;
};

}  // namespace psirt
