// libFuzzer target: zephyr/module.yml reading, with its CPE and package URL
// parsers, never crashes; a rejected file names itself, every accepted
// package URL reads back from its canonical form.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "formats/zephyr_module_yaml.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto m = psirt::ReadZephyrModule(text, "module.yml");
  if (!m.ok()) {
    if (m.status().file() != "module.yml") std::abort();
    return 0;
  }
  for (const psirt::Purl& p : m->purls) {
    auto again = psirt::ParsePurl(p.ToString());
    if (!again.ok() || again->name != p.name || again->version != p.version || again->qualifiers != p.qualifiers)
      std::abort();
  }
  (void)psirt::ParsePurl(std::string(text.substr(0, 200)));
  (void)psirt::ParseCpe23(std::string(text.substr(0, 200)));
  return 0;
}
