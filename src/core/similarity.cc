// Change similarity.
#include "core/similarity.h"

#include <algorithm>
#include <vector>

namespace psirt {

int ChangeSimilarityPercent(std::span<const std::string> a, std::span<const std::string> b) {
  if (a.empty() || b.empty()) return 0;
  std::vector<std::string_view> x(a.begin(), a.end()), y(b.begin(), b.end());
  std::sort(x.begin(), x.end());
  std::sort(y.begin(), y.end());
  size_t common = 0;
  for (size_t i = 0, j = 0; i < x.size() && j < y.size();) {
    if (x[i] == y[j]) {
      ++common;
      ++i;
      ++j;
    } else if (x[i] < y[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return static_cast<int>(200 * common / (x.size() + y.size()));
}

bool IsProbableBackport(bool same_subject, bool same_author, int percent) {
  return (same_subject || same_author) && percent >= kProbableBackportPercent;
}

}  // namespace psirt
