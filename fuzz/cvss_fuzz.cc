// libFuzzer target: ScoreCvss accepts or rejects any text; accepted vectors
// have scores in [0, 10] and a severity, and scoring is deterministic.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/cvss/cvss.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view v(reinterpret_cast<const char*>(data), size);
  auto r = psirt::ScoreCvss(v);
  if (!r.ok()) return 0;
  for (double s : {r->base_score, r->score, r->temporal_score, r->environmental_score})
    if (!(s >= 0.0 && s <= 10.0)) __builtin_trap();
  if (r->base_severity.empty()) __builtin_trap();
  auto again = psirt::ScoreCvss(v);
  if (!again.ok() || again->score != r->score) __builtin_trap();
  return 0;
}
