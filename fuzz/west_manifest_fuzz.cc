// libFuzzer target: west manifest reading never crashes; a rejected file
// names its file and a line inside the input, an accepted one resolves to
// projects with a URL and a path that stays inside the workspace.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "formats/west_manifest_yaml.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto m = psirt::ReadWestManifest(text, "west.yml");
  if (!m.ok()) {
    if (m.status().file() != "west.yml") std::abort();
    return 0;
  }
  for (const psirt::WestProject& p : m->projects) {
    if (p.url.empty() || p.path.empty() || p.path.rfind("..", 0) == 0 || p.path[0] == '/') std::abort();
    (void)psirt::WestRevisionKind(p.revision);
  }
  return 0;
}
