// Commit graph storage and the containment pass.
#include "core/commit_graph.h"

#include <algorithm>

namespace psirt {

namespace {
// FNV-1a; ids are hashes already, but tests use short names.
size_t HashId(std::string_view id) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : id) h = (h ^ c) * 1099511628211ull;
  return static_cast<size_t>(h ^ (h >> 29));
}
}  // namespace

size_t CommitGraph::Slot(std::string_view id) const {
  size_t mask = slots_.size() - 1;
  for (size_t i = HashId(id) & mask;; i = (i + 1) & mask)
    if (slots_[i] == kNone || id_view(slots_[i]) == id) return i;
}

void CommitGraph::Grow() {
  size_t want = std::max<size_t>(64, slots_.size() * 2);
  slots_.assign(want, kNone);
  for (Node n = 0; n < size(); ++n) slots_[Slot(id_view(n))] = n;
}

void CommitGraph::Reserve(size_t commits) {
  size_t want = 64;
  while (want < commits * 2) want *= 2;
  if (want > slots_.size()) {
    slots_.assign(want / 2, kNone);
    Grow();
  }
  ids_.reserve(commits * 40);
  id_start_.reserve(commits + 1);
  parent_start_.reserve(commits + 1);
  parent_pool_.reserve(commits + commits / 8);
}

CommitGraph::Node CommitGraph::AddWithParents(std::string_view id, std::span<const Node> parents) {
  if ((size() + 1) * 2 > slots_.size()) Grow();
  size_t slot = Slot(id);
  if (slots_[slot] != kNone) return slots_[slot];
  Node n = static_cast<Node>(size());
  ids_.append(id);
  id_start_.push_back(static_cast<uint32_t>(ids_.size()));
  slots_[slot] = n;
  parent_pool_.insert(parent_pool_.end(), parents.begin(), parents.end());
  parent_start_.push_back(static_cast<uint32_t>(parent_pool_.size()));
  return n;
}

CommitGraph::Node CommitGraph::Add(std::string_view id, std::span<const std::string> parent_ids) {
  if (Node existing = Find(id); existing != kNone) return existing;
  std::vector<Node> parents;
  for (const std::string& p : parent_ids)
    if (Node pn = Find(p); pn != kNone) parents.push_back(pn);
  return AddWithParents(id, parents);
}

CommitGraph::Node CommitGraph::Find(std::string_view id) const {
  if (slots_.empty()) return kNone;
  return slots_[Slot(id)];
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
