// libFuzzer target: west manifest reading never crashes; a rejected file
// names its file and a line inside the input, an accepted one resolves to
// projects with a URL and a path that stays inside the workspace. Setting
// every project's revision in the text (modules solve) either fails with
// a message naming the file or gives a manifest that reads back with
// exactly those revisions.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <algorithm>
#include <map>
#include <string>

#include "formats/west_manifest_edit.h"
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
  auto spec = psirt::ParseWestManifest(text, "west.yml");
  if (!spec.ok()) return 0;
  std::map<std::string, std::string> revisions;
  for (const psirt::WestProjectSpec& p : spec->projects) revisions[p.name] = "v9.8.7";
  auto edit = psirt::SetProjectRevisions(text, "west.yml", revisions);
  if (!edit.ok()) {
    if (edit.status().message().rfind("west.yml", 0) != 0) std::abort();
    return 0;
  }
  auto back = psirt::ParseWestManifest(edit->text, "west.yml");
  if (!back.ok()) std::abort();
  for (const psirt::WestProjectSpec& p : back->projects)
    if (std::find(edit->not_found.begin(), edit->not_found.end(), p.name) == edit->not_found.end() &&
        p.revision.value_or("") != "v9.8.7")
      std::abort();
  return 0;
}
