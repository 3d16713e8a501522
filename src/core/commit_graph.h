// CommitGraph and Containment: an abstract commit graph (ids, parents, in an
// order where parents precede children) and, in one linear pass over it,
// which refs contain each commit (bitset per commit). The git adapter fills
// the graph; nothing here reads a repository.
#pragma once

#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"

namespace psirt {

class CommitGraph {
 public:
  using Node = uint32_t;
  static constexpr Node kNone = UINT32_MAX;

  CommitGraph() = default;
  CommitGraph(CommitGraph&&) = default;
  CommitGraph& operator=(CommitGraph&&) = default;
  CommitGraph(const CommitGraph&) = delete;  // the index views the ids
  CommitGraph& operator=(const CommitGraph&) = delete;

  // Adds a commit whose parents were all added before (or are unknown to
  // this graph: shallow or hidden history). Returns its node; adding an id
  // twice returns the existing node.
  Node Add(std::string_view id, std::span<const std::string> parent_ids);
  // Adds a commit whose parents are nodes already in the graph.
  Node AddWithParents(std::string_view id, std::span<const Node> parents);
  Node Find(std::string_view id) const;
  void Reserve(size_t commits);
  size_t size() const { return ids_.size(); }
  const std::string& id(Node n) const { return ids_[n]; }
  std::span<const Node> parents(Node n) const {
    return {parent_pool_.data() + parent_start_[n], parent_start_[n + 1] - parent_start_[n]};
  }

 private:
  std::deque<std::string> ids_;  // a deque: elements never move, so index_ may view them
  std::vector<uint32_t> parent_start_ = {0};
  std::vector<Node> parent_pool_;
  std::unordered_map<std::string_view, Node> index_;  // views into ids_
};

// Which of a set of refs (given by their tip nodes) contain each commit.
class Containment {
 public:
  // One pass from children to parents: O(edges x refs/64).
  static Containment Compute(const CommitGraph& g, std::span<const CommitGraph::Node> tips);
  bool Contains(CommitGraph::Node n, size_t ref) const {
    return (bits_[n * words_ + ref / 64] >> (ref % 64)) & 1;
  }
  // Indices of the refs containing `n`, ascending.
  std::vector<size_t> RefsContaining(CommitGraph::Node n) const;
  size_t refs() const { return refs_; }

 private:
  size_t words_ = 0, refs_ = 0;
  std::vector<uint64_t> bits_;
};

}  // namespace psirt
