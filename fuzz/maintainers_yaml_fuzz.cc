// libFuzzer target: MAINTAINERS.yml parsing and indexing never crash; an
// accepted file can be indexed or is rejected with a message, and matching
// any path on it is safe.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/owners.h"
#include "formats/maintainers_yaml.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto areas = psirt::ParseMaintainersYaml(text, "MAINTAINERS.yml");
  (void)psirt::CheckMaintainersYaml(text, "MAINTAINERS.yml");
  if (!areas.ok()) return 0;
  auto idx = psirt::OwnersIndex::Build(std::move(areas).value());
  if (!idx.ok()) return 0;
  for (const char* p : {"", "a", "drivers/x.c", "a/b/", "kernel/sched.c"}) (void)(*idx)->Match(p);
  (void)(*idx)->Match(text.substr(0, 64));
  return 0;
}
