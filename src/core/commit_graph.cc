// Commit graph storage and the containment pass.
#include "core/commit_graph.h"

namespace psirt {

CommitGraph::Node CommitGraph::Add(std::string_view id, std::span<const std::string> parent_ids) {
  if (Node existing = Find(id); existing != kNone) return existing;
  Node n = static_cast<Node>(ids_.size());
  ids_.emplace_back(id);
  index_.emplace(ids_.back(), n);
  for (const std::string& p : parent_ids) {
    Node pn = Find(p);
    if (pn != kNone) parent_pool_.push_back(pn);
  }
  parent_start_.push_back(static_cast<uint32_t>(parent_pool_.size()));
  return n;
}

CommitGraph::Node CommitGraph::AddWithParents(std::string_view id, std::span<const Node> parents) {
  if (Node existing = Find(id); existing != kNone) return existing;
  Node n = static_cast<Node>(ids_.size());
  ids_.emplace_back(id);
  index_.emplace(ids_.back(), n);
  parent_pool_.insert(parent_pool_.end(), parents.begin(), parents.end());
  parent_start_.push_back(static_cast<uint32_t>(parent_pool_.size()));
  return n;
}

void CommitGraph::Reserve(size_t commits) {
  index_.reserve(commits);
  parent_start_.reserve(commits + 1);
  parent_pool_.reserve(commits + commits / 8);
}

CommitGraph::Node CommitGraph::Find(std::string_view id) const {
  auto it = index_.find(id);
  return it == index_.end() ? kNone : it->second;
}

Containment Containment::Compute(const CommitGraph& g, std::span<const CommitGraph::Node> tips) {
  Containment c;
  c.refs_ = tips.size();
  c.words_ = (tips.size() + 63) / 64;
  c.bits_.assign(g.size() * c.words_, 0);
  for (size_t r = 0; r < tips.size(); ++r)
    if (tips[r] != CommitGraph::kNone) c.bits_[tips[r] * c.words_ + r / 64] |= uint64_t{1} << (r % 64);
  // Children come after parents, so walking backwards pushes each commit's
  // complete set down to its parents exactly once.
  for (size_t i = g.size(); i-- > 0;) {
    const uint64_t* mine = &c.bits_[i * c.words_];
    for (CommitGraph::Node p : g.parents(static_cast<CommitGraph::Node>(i))) {
      uint64_t* theirs = &c.bits_[p * c.words_];
      for (size_t w = 0; w < c.words_; ++w) theirs[w] |= mine[w];
    }
  }
  return c;
}

std::vector<size_t> Containment::RefsContaining(CommitGraph::Node n) const {
  std::vector<size_t> out;
  for (size_t r = 0; r < refs_; ++r)
    if (Contains(n, r)) out.push_back(r);
  return out;
}

}  // namespace psirt
