// Memoised reachability walk with a generation cut-off (see reach.h).
#include "core/reach.h"

#include <algorithm>

namespace psirt {
namespace {

enum : uint8_t { kUnknown = 0, kOnStack = 1, kYes = 2, kNo = 3 };

}  // namespace

Result<std::vector<bool>> TipsReaching(const PositionGraph& graph, uint32_t target,
                                       std::span<const uint32_t> tips) {
  const uint32_t n = graph.size();
  if (target >= n) return Status::Invalid("commit position " + std::to_string(target) + " out of range");
  const uint32_t target_level = graph.Level(target);
  std::vector<uint8_t> state(n, kUnknown);
  state[target] = kYes;
  // Whether a commit is decided without looking at its parents.
  auto cut = [&](uint32_t c) {
    uint32_t l = graph.Level(c);
    return target_level != 0 && l != 0 && l <= target_level;  // == and not the target: a sibling
  };
  struct Frame {
    uint32_t pos;
    size_t next;  // index into `parents` of the next parent to look at
    size_t end;
  };
  std::vector<Frame> stack;
  std::vector<uint32_t> parents;  // the parents of every frame, stacked
  std::vector<bool> out;
  out.reserve(tips.size());
  for (uint32_t tip : tips) {
    if (tip >= n) return Status::Invalid("ref tip position " + std::to_string(tip) + " out of range");
    if (state[tip] == kUnknown) {
      if (cut(tip)) {
        state[tip] = kNo;
      } else {
        auto push = [&](uint32_t c) -> Status {
          size_t begin = parents.size();
          if (!graph.Parents(c, parents)) return Status::Invalid("corrupt commit graph: parent of position " +
                                                                 std::to_string(c) + " out of range");
          state[c] = kOnStack;
          stack.push_back({c, begin, parents.size()});
          return Status::Ok();
        };
        PSIRT_RETURN_IF_ERROR(push(tip));
        while (!stack.empty()) {
          Frame& f = stack.back();
          bool decided = false;
          while (f.next < f.end) {
            uint32_t p = parents[f.next];
            if (p >= n) return Status::Invalid("corrupt commit graph: parent position out of range");
            if (state[p] == kUnknown && cut(p)) state[p] = kNo;
            if (state[p] == kYes) {
              decided = true;
              break;
            }
            if (state[p] == kOnStack) return Status::Invalid("corrupt commit graph: parent cycle");
            if (state[p] == kUnknown) break;  // descend
            ++f.next;                           // kNo
          }
          if (decided || f.next == f.end) {
            state[f.pos] = decided ? kYes : kNo;
            stack.pop_back();
            // Drop this frame's parents (they sit at the top of `parents`).
            parents.resize(stack.empty() ? 0 : stack.back().end);
            continue;
          }
          PSIRT_RETURN_IF_ERROR(push(parents[f.next]));
        }
      }
    }
    out.push_back(state[tip] == kYes);
  }
  return out;
}

uint32_t VectorPositionGraph::Add(std::vector<uint32_t> parents, uint32_t level) {
  parents_.push_back(std::move(parents));
  levels_.push_back(level);
  return size() - 1;
}

void VectorPositionGraph::ComputeLevels() {
  for (size_t i = 0; i < parents_.size(); ++i) {
    uint32_t l = 0;
    for (uint32_t p : parents_[i]) l = std::max(l, levels_[p]);
    levels_[i] = l + 1;
  }
}

bool VectorPositionGraph::Parents(uint32_t pos, std::vector<uint32_t>& out) const {
  if (pos >= parents_.size()) return false;
  out.insert(out.end(), parents_[pos].begin(), parents_[pos].end());
  return true;
}

}  // namespace psirt
