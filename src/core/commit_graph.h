// CommitGraph and Containment: an abstract commit graph (ids, parents, in an
// order where parents precede children) and, in one linear pass over it,
// which refs contain each commit (bitset per commit). The git adapter fills
// the graph; nothing here reads a repository.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "core/reach.h"

namespace psirt {

// Commits as positions with parents and generation numbers, for reachability.
class CommitGraph {
 public:
  using Node = uint32_t;
  static constexpr Node kNone = UINT32_MAX;


  // Adds a commit whose parents were all added before (or are unknown to
  // this graph: shallow or hidden history). Returns its node; adding an id
  // twice returns the existing node.
  Node Add(std::string_view id, std::span<const std::string> parent_ids);
  // Adds a commit whose parents are nodes already in the graph.
  Node AddWithParents(std::string_view id, std::span<const Node> parents);
  Node Find(std::string_view id) const;
  void Reserve(size_t commits);
  size_t size() const { return id_start_.size() - 1; }
  std::string_view id_view(Node n) const {
    return std::string_view(ids_).substr(id_start_[n], id_start_[n + 1] - id_start_[n]);
  }
  std::string id(Node n) const { return std::string(id_view(n)); }
  std::span<const Node> parents(Node n) const {
    return {parent_pool_.data() + parent_start_[n], parent_start_[n + 1] - parent_start_[n]};
  }

  // The whole graph as bytes (a cache: one read gives every commit back
  // without an allocation per commit), and back. Deserialize checks every
  // offset and parent index; corrupt bytes are an error, never a crash.
  std::string Serialize() const;
  static Result<CommitGraph> Deserialize(std::string_view bytes);

 private:
  // All ids back to back (no allocation per commit) and an open-addressing
  // index of nodes by id.
  std::string ids_;
  std::vector<uint32_t> id_start_ = {0};
  std::vector<Node> slots_;
  void Grow();
  size_t Slot(std::string_view id) const;
  std::vector<uint32_t> parent_start_ = {0};
  std::vector<Node> parent_pool_;
};

// Which of a set of refs (given by their tip nodes) contain each commit.
class Containment {
 public:
  // One pass from children to parents: O(edges x refs/64).
  static Containment Compute(const CommitGraph& g, std::span<const CommitGraph::Node> tips);
  // The same over a graph addressed by position (git's commit-graph file,
  // read in place), commits taken in decreasing topological level (a
  // counting sort: children before parents). Errors: a level unknown (0),
  // a parent whose level is not below its child's, a position out of range.
  static Result<Containment> ComputeByLevel(const PositionGraph& g, std::span<const uint32_t> tips);
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
