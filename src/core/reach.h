// Reachability of one commit from many ref tips over a graph addressed by
// position (as git's commit-graph file numbers commits), with generation
// numbers cutting every walk short: a commit whose topological level is
// below the target's cannot have the target in its history. One walk per
// target, each commit decided once (memoised), so one commit against
// thousands of refs costs a fraction of a linear pass. Pure: the git
// adapter supplies the graph.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"

namespace psirt {

// A commit graph whose commits are the positions 0..size()-1.
class PositionGraph {
 public:
  virtual ~PositionGraph() = default;
  virtual uint32_t size() const = 0;
  // Appends the parents of `pos` to `out`; false when the data behind the
  // graph is corrupt (a parent out of range).
  virtual bool Parents(uint32_t pos, std::vector<uint32_t>& out) const = 0;
  // Topological level: 1 for a root, else 1 + the highest parent level;
  // 0 when unknown (then no walk is cut at this commit).
  virtual uint32_t Level(uint32_t pos) const = 0;
};

// For each of `tips`, whether `target` is in its history (or is it).
// Errors: a position out of range, a parent cycle (corrupt data).
Result<std::vector<bool>> TipsReaching(const PositionGraph& graph, uint32_t target,
                                       std::span<const uint32_t> tips);

// The same graph held in memory (tests, small graphs).
class VectorPositionGraph : public PositionGraph {
 public:
  // Adds a commit with the given parents and level (0: unknown); returns its
  // position.
  uint32_t Add(std::vector<uint32_t> parents, uint32_t level = 0);
  // Sets every level from the parents (parents must precede children).
  void ComputeLevels();
  uint32_t size() const override { return static_cast<uint32_t>(parents_.size()); }
  bool Parents(uint32_t pos, std::vector<uint32_t>& out) const override;
  uint32_t Level(uint32_t pos) const override { return levels_[pos]; }

 private:
  std::vector<std::vector<uint32_t>> parents_;
  std::vector<uint32_t> levels_;
};

}  // namespace psirt
