// libFuzzer target: what psirt reads from files inside a module's tree -
// version headers (#define lines, hex versions, FatFs banners), VERSION
// files, .gitmodules, release tags - and the bundled-code finder over a
// tree whose paths and contents come from the input. Checks: a version
// read is non-empty only when it starts with a digit (or R for FatFs) and
// every copy found lies in a folder of the tree, never the module's root.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "core/bundled_code.h"
#include "core/known_upstreams.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace psirt;
  std::string text(reinterpret_cast<const char*>(data), size);
  for (const KnownUpstream& u : KnownUpstreams()) {
    for (const UpstreamMarker& m : u.markers) {
      std::string v = ReadMarkerVersion(m.version, text);
      if (!v.empty() && !std::isdigit(static_cast<unsigned char>(v[0])) && v[0] != 'R') __builtin_trap();
    }
    if (auto v = VersionOfTag(u, text.substr(0, 128)); v && v->empty()) __builtin_trap();
  }
  for (const auto& [path, url] : ReadGitmodules(text))
    if (path.empty()) __builtin_trap();
  // The input as a tree: "path\ncontent\0path\ncontent\0...".
  std::map<std::string, std::string> files;
  size_t pos = 0;
  while (pos < text.size() && files.size() < 64) {
    size_t end = text.find('\0', pos);
    if (end == std::string::npos) end = text.size();
    std::string entry = text.substr(pos, end - pos);
    size_t nl = entry.find('\n');
    files[entry.substr(0, nl)] = nl == std::string::npos ? "" : entry.substr(nl + 1);
    pos = end + 1;
  }
  ModuleTree tree;
  for (const auto& [path, content] : files) tree.files.push_back(path);
  auto read = [&](const std::string& p) -> std::optional<std::string> {
    auto it = files.find(p);
    return it == files.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
  std::string gitmodules = files.count(".gitmodules") ? files[".gitmodules"] : "";
  for (const auto& [path, url] : ReadGitmodules(gitmodules)) tree.gitlinks.emplace_back(path, std::string(40, 'a'));
  for (const BundledCopy& c : FindBundledCode(tree, read, gitmodules)) {
    if (c.path.empty()) __builtin_trap();
    if (c.confidence <= 0 || c.confidence > 1) __builtin_trap();
  }
  return 0;
}
