// GIT ranges over a commit graph, many lanes per pass (see git_ranges.h).
#include "core/git_ranges.h"

#include <algorithm>
#include <bit>
#include <unordered_map>

namespace psirt {
namespace {

using Node = CommitGraph::Node;
constexpr size_t kWords = 4;  // lanes per pass: 256

// One introduced commit (or the roots) of one range.
struct Lane {
  size_t range;
  Node start;  // kNone: the roots
};

// Per-node masks of the lanes in one pass, for the few nodes that matter.
struct Marks {
  uint64_t start[kWords] = {}, fix[kWords] = {}, last_affected[kWords] = {};
};

// One pass: lanes [first, first + count) of `lanes`.
void EvaluatePass(const CommitGraph& g, std::span<const GitRangeNodes> ranges, std::span<const Lane> lanes,
                  std::vector<std::vector<uint64_t>>& out) {
  const size_t n = g.size(), words = (lanes.size() + 63) / 64;
  std::unordered_map<Node, Marks> marks;
  uint64_t root_lanes[kWords] = {};
  std::vector<uint8_t> marked(n, 0);
  for (size_t l = 0; l < lanes.size(); ++l) {
    const uint64_t bit = uint64_t{1} << (l % 64);
    const size_t w = l / 64;
    const GitRangeNodes& r = ranges[lanes[l].range];
    if (lanes[l].start == CommitGraph::kNone) {
      root_lanes[w] |= bit;
    } else {
      marks[lanes[l].start].start[w] |= bit;
      marked[lanes[l].start] = 1;
    }
    for (Node f : r.fixed) {
      marks[f].fix[w] |= bit;
      marked[f] = 1;
    }
    for (Node a : r.last_affected) {
      marks[a].last_affected[w] |= bit;
      marked[a] = 1;
    }
  }
  std::vector<uint64_t> reach(n * words, 0), killed(n * words, 0);
  for (Node c = 0; c < n; ++c) {
    uint64_t r[kWords] = {}, k[kWords] = {}, fixpoint[kWords] = {};
    auto parents = g.parents(c);
    for (Node p : parents) {
      for (size_t w = 0; w < words; ++w) {
        r[w] |= reach[p * words + w];
        k[w] |= killed[p * words + w];
      }
      if (marked[p])  // a child of a last_affected commit is a fix point
        for (size_t w = 0; w < words; ++w) fixpoint[w] |= marks[p].last_affected[w];
    }
    if (parents.empty())
      for (size_t w = 0; w < words; ++w) r[w] |= root_lanes[w];
    if (marked[c]) {
      const Marks& m = marks[c];
      for (size_t w = 0; w < words; ++w) {
        r[w] |= m.start[w];
        fixpoint[w] |= m.fix[w];
      }
    }
    for (size_t w = 0; w < words; ++w) {
      k[w] |= r[w] & fixpoint[w];  // a fix point counts for the lanes that reach it
      reach[c * words + w] = r[w];
      killed[c * words + w] = k[w];
      for (uint64_t a = r[w] & ~k[w]; a; a &= a - 1) {
        const size_t lane = w * 64 + std::countr_zero(a);
        out[lanes[lane].range][c / 64] |= uint64_t{1} << (c % 64);
      }
    }
  }
}

// The commits on the first-parent chains below each limit.
std::vector<uint64_t> LimitSet(const CommitGraph& g, const std::vector<Node>& limits) {
  std::vector<uint64_t> set((g.size() + 63) / 64, 0);
  for (Node l : limits) {
    auto ps = g.parents(l);
    Node c = ps.empty() ? CommitGraph::kNone : ps[0];
    while (c != CommitGraph::kNone && !((set[c / 64] >> (c % 64)) & 1)) {
      set[c / 64] |= uint64_t{1} << (c % 64);
      auto cp = g.parents(c);
      c = cp.empty() ? CommitGraph::kNone : cp[0];
    }
  }
  return set;
}

}  // namespace

GitRangeEvaluation GitRangeEvaluation::Evaluate(const CommitGraph& g, std::span<const GitRangeNodes> ranges) {
  GitRangeEvaluation e;
  const size_t words = (g.size() + 63) / 64;
  e.bits_.assign(ranges.size(), std::vector<uint64_t>(words, 0));
  std::vector<Lane> lanes;
  for (size_t r = 0; r < ranges.size(); ++r) {
    if (ranges[r].introduced_at_roots) lanes.push_back({r, CommitGraph::kNone});
    for (Node i : ranges[r].introduced) lanes.push_back({r, i});
  }
  for (size_t first = 0; first < lanes.size(); first += kWords * 64) {
    size_t count = std::min(kWords * 64, lanes.size() - first);
    EvaluatePass(g, ranges, std::span<const Lane>(lanes).subspan(first, count), e.bits_);
    ++e.passes_;
  }
  for (size_t r = 0; r < ranges.size(); ++r) {
    if (ranges[r].limits.empty()) continue;
    std::vector<uint64_t> allowed = LimitSet(g, ranges[r].limits);
    for (size_t w = 0; w < words; ++w) e.bits_[r][w] &= allowed[w];
  }
  return e;
}

std::vector<CommitGraph::Node> GitRangeEvaluation::AffectedNodes(size_t range) const {
  std::vector<Node> out;
  const auto& b = bits_[range];
  for (size_t w = 0; w < b.size(); ++w)
    for (uint64_t a = b[w]; a; a &= a - 1) out.push_back(static_cast<Node>(w * 64 + std::countr_zero(a)));
  return out;
}

size_t GitRangeEvaluation::Count(size_t range) const {
  size_t n = 0;
  for (uint64_t w : bits_[range]) n += std::popcount(w);
  return n;
}

}  // namespace psirt
