// Pull requests in a commit graph: which commits a PR brought onto a
// branch, by the rules GitHub's merges leave behind - a merge commit naming
// the PR, a squash subject ending "(#N)", or the PR's head ref (merged as is,
// or rebased and matched by subject and patch-id). Pure rules over an
// abstract graph; the git service supplies subjects and patch-ids (and
// caches them). Never reads a repository.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/commit_graph.h"

namespace psirt {

// "Merge pull request #N from ..." (GitHub's merge commit subject).
bool IsMergeSubjectOf(std::string_view subject, std::string_view pr);
// A squash (or rebase) merge's subject: "... (#N)".
bool IsSquashSubjectOf(std::string_view subject, std::string_view pr);

// What the rules need beyond the graph.
class CommitFacts {
 public:
  virtual ~CommitFacts() = default;
  virtual std::string Subject(CommitGraph::Node n) const = 0;
  // nullopt for merges and root commits.
  virtual std::optional<std::string> PatchId(CommitGraph::Node n) const = 0;
};

// Every ancestor of `n` (itself included) marked, indexed by node.
std::vector<char> AncestorMask(const CommitGraph& g, CommitGraph::Node n);
// The first-parent chain from `tip` (tip first).
std::vector<CommitGraph::Node> FirstParentChain(const CommitGraph& g, CommitGraph::Node tip);

// The commits pull request `pr` brought onto the branch whose first-parent
// chain is `chain` (tip first), found in this order:
//  1. a merge commit on the chain whose subject names the PR: the commits
//     of its second parent's side (not reachable from its first parent);
//  2. a squash commit on the chain ("... (#N)"): that commit;
//  3. the PR's head `head` (kNone when the clone has no ref for it): when it
//     is on the branch (merged as is), the head and its first parents down
//     to the chain; otherwise (rebased), each of the PR's own commits
//     matched on the chain by subject and then patch-id.
// Empty when the PR is not on the branch (yet).
std::vector<CommitGraph::Node> PrCommitsOnBranch(const CommitGraph& g, std::span<const CommitGraph::Node> chain,
                                                 CommitGraph::Node head, std::string_view pr,
                                                 const CommitFacts& facts);

}  // namespace psirt
