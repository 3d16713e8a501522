// GIT ranges over a commit graph, many lanes per pass (see git_ranges.h).
#include "core/git_ranges.h"

#include <algorithm>
#include <bit>
#include <map>
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

// Transposes a 64 x 64 bit matrix in place: bit j of row i becomes bit i
// of row j (the recursive block swap of Hacker's Delight, 6 rounds).
void Transpose64(uint64_t a[64]) {
  uint64_t m = 0x00000000FFFFFFFFull;
  for (unsigned j = 32; j != 0; j >>= 1, m ^= m << j) {
    for (unsigned k = 0; k < 64; k = ((k | j) + 1) & ~j) {
      uint64_t t = ((a[k] >> j) ^ a[k | j]) & m;
      a[k] ^= t << j;
      a[k | j] ^= t;
    }
  }
}

// One pass: lanes [first, first + count) of `lanes`.
// `reach` and `killed` are scratch space of at least size() * kWords words.
void EvaluatePass(const CommitGraph& g, std::span<const GitRangeNodes> ranges, std::span<const Lane> lanes,
                  std::vector<uint64_t>& reach, std::vector<uint64_t>& killed,
                  size_t range_count, std::vector<uint64_t>& out) {
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
    }
  }
  // reach & ~killed per node holds one bit per lane; the ranges want one bit
  // per node: transpose 64 x 64 blocks (nodes x lanes) and OR each lane's
  // row into its range.
  uint64_t block[64];
  for (size_t b = 0; b * 64 < n; ++b) {
    for (size_t w = 0; w < words; ++w) {
      uint64_t any = 0;
      for (size_t i = 0; i < 64; ++i) {
        size_t c = b * 64 + i;
        block[i] = c < n ? reach[c * words + w] & ~killed[c * words + w] : 0;
        any |= block[i];
      }
      if (!any) continue;
      Transpose64(block);
      for (size_t j = 0; j < 64 && w * 64 + j < lanes.size(); ++j)
        if (block[j]) out[b * range_count + lanes[w * 64 + j].range] |= block[j];
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
  e.ranges_ = ranges.size();
  e.bits_.assign(words * ranges.size(), 0);
  std::vector<Lane> lanes;
  for (size_t r = 0; r < ranges.size(); ++r) {
    if (ranges[r].introduced_at_roots) lanes.push_back({r, CommitGraph::kNone});
    for (Node i : ranges[r].introduced) lanes.push_back({r, i});
  }
  std::vector<uint64_t> reach, killed;  // every entry is written before it is read
  if (!lanes.empty()) {
    reach.resize(g.size() * std::min(kWords, (lanes.size() + 63) / 64));
    killed.resize(reach.size());
  }
  for (size_t first = 0; first < lanes.size(); first += kWords * 64) {
    size_t count = std::min(kWords * 64, lanes.size() - first);
    EvaluatePass(g, ranges, std::span<const Lane>(lanes).subspan(first, count), reach, killed, e.ranges_, e.bits_);
    ++e.passes_;
  }
  std::map<std::vector<Node>, std::vector<uint64_t>> limit_sets;  // ranges often share their limits
  for (size_t r = 0; r < ranges.size(); ++r) {
    if (ranges[r].limits.empty()) continue;
    auto [it, fresh] = limit_sets.try_emplace(ranges[r].limits);
    if (fresh) it->second = LimitSet(g, ranges[r].limits);
    const std::vector<uint64_t>& allowed = it->second;
    for (size_t w = 0; w < words; ++w) e.bits_[w * e.ranges_ + r] &= allowed[w];
  }
  return e;
}

std::vector<CommitGraph::Node> GitRangeEvaluation::AffectedNodes(size_t range) const {
  std::vector<Node> out;
  for (size_t w = 0; w * ranges_ < bits_.size(); ++w)
    for (uint64_t a = bits_[w * ranges_ + range]; a; a &= a - 1)
      out.push_back(static_cast<Node>(w * 64 + std::countr_zero(a)));
  return out;
}

size_t GitRangeEvaluation::Count(size_t range) const {
  size_t n = 0;
  for (size_t w = 0; w * ranges_ < bits_.size(); ++w) n += std::popcount(bits_[w * ranges_ + range]);
  return n;
}

}  // namespace psirt
