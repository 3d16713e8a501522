// Commit graph storage and the containment pass.
#include "core/commit_graph.h"

#include <algorithm>
#include <cstring>

namespace psirt {

namespace {
// FNV-1a; ids are hashes already, but tests use short names.
size_t HashId(std::string_view id) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : id) h = (h ^ c) * 1099511628211ull;
  return static_cast<size_t>(h ^ (h >> 29));
}
}  // namespace

namespace {
constexpr std::string_view kGraphMagic = "psirt-commit-graph-1\n";

void PutU32s(std::string& out, std::span<const uint32_t> v) {
  uint32_t n = static_cast<uint32_t>(v.size());
  out.append(reinterpret_cast<const char*>(&n), sizeof n);
  out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(uint32_t));
}

bool GetU32s(std::string_view& in, std::vector<uint32_t>& v) {
  uint32_t n;
  if (in.size() < sizeof n) return false;
  std::memcpy(&n, in.data(), sizeof n);
  in.remove_prefix(sizeof n);
  if (in.size() / sizeof(uint32_t) < n) return false;
  v.resize(n);
  if (n) std::memcpy(v.data(), in.data(), n * sizeof(uint32_t));
  in.remove_prefix(n * sizeof(uint32_t));
  return true;
}
}  // namespace

std::string CommitGraph::Serialize() const {
  std::string out(kGraphMagic);
  uint32_t len = static_cast<uint32_t>(ids_.size());
  out.append(reinterpret_cast<const char*>(&len), sizeof len);
  out += ids_;
  PutU32s(out, id_start_);
  PutU32s(out, parent_start_);
  PutU32s(out, parent_pool_);
  return out;
}

Result<CommitGraph> CommitGraph::Deserialize(std::string_view in) {
  auto bad = [] { return Status::Invalid("commit graph cache is corrupt"); };
  if (in.substr(0, kGraphMagic.size()) != kGraphMagic) return bad();
  in.remove_prefix(kGraphMagic.size());
  CommitGraph g;
  uint32_t len;
  if (in.size() < sizeof len) return bad();
  std::memcpy(&len, in.data(), sizeof len);
  in.remove_prefix(sizeof len);
  if (in.size() < len) return bad();
  g.ids_.assign(in.substr(0, len));
  in.remove_prefix(len);
  if (!GetU32s(in, g.id_start_) || !GetU32s(in, g.parent_start_) || !GetU32s(in, g.parent_pool_) || !in.empty())
    return bad();
  size_t n = g.id_start_.size();
  if (n == 0 || g.parent_start_.size() != n || g.id_start_[0] != 0 || g.parent_start_[0] != 0 ||
      g.id_start_.back() != g.ids_.size() || g.parent_start_.back() != g.parent_pool_.size())
    return bad();
  for (size_t i = 1; i < n; ++i) {
    if (g.id_start_[i] <= g.id_start_[i - 1] || g.parent_start_[i] < g.parent_start_[i - 1] ||
        g.id_start_[i] > g.ids_.size() || g.parent_start_[i] > g.parent_pool_.size())
      return bad();
    for (uint32_t k = g.parent_start_[i - 1]; k < g.parent_start_[i]; ++k)
      if (g.parent_pool_[k] >= i - 1) return bad();  // parents come first
  }
  g.slots_.clear();
  size_t want = 64;
  while (want < (n - 1) * 2 + 2) want *= 2;
  g.slots_.assign(want, kNone);
  for (Node k = 0; k < g.size(); ++k) {
    size_t slot = g.Slot(g.id_view(k));
    if (g.slots_[slot] != kNone) return bad();  // an id twice
    g.slots_[slot] = k;
  }
  return g;
}

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

Result<Containment> Containment::ComputeByLevel(const PositionGraph& g, std::span<const uint32_t> tips) {
  const uint32_t n = g.size();
  // Commits bucketed by level, then visited from the highest level down.
  uint32_t max_level = 0;
  std::vector<uint32_t> level(n);
  for (uint32_t c = 0; c < n; ++c) {
    level[c] = g.Level(c);
    if (level[c] == 0 || level[c] > n) return Status::Invalid("commit graph without usable generation numbers");
    max_level = std::max(max_level, level[c]);
  }
  std::vector<uint32_t> start(max_level + 2, 0);
  for (uint32_t c = 0; c < n; ++c) ++start[level[c] + 1];
  for (size_t l = 1; l < start.size(); ++l) start[l] += start[l - 1];
  std::vector<uint32_t> order(n);
  {
    std::vector<uint32_t> next(start.begin(), start.end() - 1);
    for (uint32_t c = 0; c < n; ++c) order[next[level[c]]++] = c;
  }
  Containment c;
  c.refs_ = tips.size();
  c.words_ = (tips.size() + 63) / 64;
  c.bits_.assign(size_t{n} * c.words_, 0);
  for (size_t r = 0; r < tips.size(); ++r) {
    if (tips[r] >= n) return Status::Invalid("ref tip position out of range");
    c.bits_[size_t{tips[r]} * c.words_ + r / 64] |= uint64_t{1} << (r % 64);
  }
  std::vector<uint32_t> parents;
  for (size_t i = n; i-- > 0;) {
    uint32_t child = order[i];
    parents.clear();
    if (!g.Parents(child, parents)) return Status::Invalid("corrupt commit graph: parent out of range");
    const uint64_t* mine = &c.bits_[size_t{child} * c.words_];
    for (uint32_t p : parents) {
      if (p >= n || level[p] >= level[child]) return Status::Invalid("corrupt commit graph: parent level");
      uint64_t* theirs = &c.bits_[size_t{p} * c.words_];
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
