// OSV GIT ranges evaluated on a commit graph: which commits each range
// affects, for many ranges at once. Semantics (the OSV schema's, as the
// issue states them and osv.dev applies them to one branch at a time):
//   - `introduced: "0"` stands for the root commits;
//   - fix points are the `fixed` commits and the children of each
//     `last_affected` commit;
//   - for each introduced commit I, the affected commits are I and its
//     descendants, minus every fix point that is I or a descendant of I and
//     all descendants of those fix points; a range affects the union over
//     its introduced commits;
//   - `limit` events confine the range to the commits reached by walking
//     first parents back from each limit's first parent.
// One pass over the graph in topological order evaluates up to 256
// (introduced commit, range) lanes with word-wide bit operations, so 1,000
// ranges cost a few passes, not 1,000 walks. Cherry-picked fixes are found
// by the caller (patch-ids need the repository) and passed as more fixes.
// Pure: the git adapter fills the graph.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/commit_graph.h"

namespace psirt {

// One range's events as nodes of the graph (commits absent from the graph
// left out by the caller, who reports them).
struct GitRangeNodes {
  bool introduced_at_roots = false;  // an `introduced: "0"`
  std::vector<CommitGraph::Node> introduced, fixed, last_affected, limits;
};

// The affected commits of each range, as one bitset over the graph's nodes per range.
class GitRangeEvaluation {
 public:
  static GitRangeEvaluation Evaluate(const CommitGraph& g, std::span<const GitRangeNodes> ranges);

  bool Affected(size_t range, CommitGraph::Node n) const {
    return (bits_[(n / 64) * ranges_ + range] >> (n % 64)) & 1;
  }
  // The affected nodes of one range, ascending (parents before children).
  std::vector<CommitGraph::Node> AffectedNodes(size_t range) const;
  size_t Count(size_t range) const;
  size_t ranges() const { return ranges_; }
  // How many passes over the graph the evaluation took.
  size_t passes() const { return passes_; }

 private:
  // Block-major: word b * ranges_ + r holds range r's bits for nodes
  // 64b..64b+63, so one pass writes each block's ranges side by side.
  std::vector<uint64_t> bits_;
  size_t ranges_ = 0;
  size_t passes_ = 0;
};

}  // namespace psirt
