// libFuzzer target: ParseConfigYaml accepts or rejects any text with a
// located error; what it accepts must survive a write/read round trip.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "formats/config_yaml.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto c = psirt::ParseConfigYaml(text, "psirt.yml");
  if (!c.ok()) {
    if (c.status().file() != "psirt.yml") __builtin_trap();
    return 0;
  }
  auto again = psirt::ParseConfigYaml(psirt::DefaultConfigYaml(*c), "psirt.yml");
  if (!again.ok() || again->project != c->project ||
      again->policy.embargo_days != c->policy.embargo_days)
    __builtin_trap();
  return 0;
}
