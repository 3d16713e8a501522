// libFuzzer target: west manifest reading never crashes; a rejected file
// names its file and a line inside the input, an accepted one resolves to
// projects with a URL and a path that stays inside the workspace.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "formats/west_manifest_yaml.h"

namespace {
// True when some '/'-separated component of `path` is exactly "..".
bool HasParentComponent(const std::string& path) {
  size_t i = 0;
  while (i <= path.size()) {
    size_t slash = path.find('/', i);
    if (slash == std::string::npos) slash = path.size();
    if (path.compare(i, slash - i, "..") == 0 && slash - i == 2) return true;
    i = slash + 1;
  }
  return false;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto m = psirt::ReadWestManifest(text, "west.yml");
  if (!m.ok()) {
    if (m.status().file() != "west.yml") std::abort();
    return 0;
  }
  for (const psirt::WestProject& p : m->projects) {
    if (p.url.empty() || p.path.empty() || HasParentComponent(p.path) || p.path[0] == '/') std::abort();
    (void)psirt::WestRevisionKind(p.revision);
  }
  return 0;
}
