// libFuzzer target: version constraints and constraints files (any bytes).
// A constraint that parses allows a version the same way every time, the
// text it keeps is the input, and every set has a comparator; a
// constraints file either reads (every rule with a module and
// requirements with a module) or is refused with a line.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/version_constraint.h"
#include "formats/module_constraints_yaml.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace psirt;
  std::string text(reinterpret_cast<const char*>(data), size);
  if (auto c = VersionConstraint::Parse(text); c.ok()) {
    if (c->text() != text) __builtin_trap();
    for (const auto& set : c->sets())
      if (set.empty()) __builtin_trap();
    for (const char* v : {"0", "1.0.0", "3.6.0-rc1", "3.6.3", "v2.26.0", "10.0"})
      if (c->Allows(v) != c->Allows(v)) __builtin_trap();
  }
  auto rules = ReadConstraintsFile(text, "constraints.yml");
  if (rules.ok()) {
    for (const ConstraintRule& r : *rules) {
      if (r.module.empty()) __builtin_trap();
      for (const ModuleRequirement& q : r.needs)
        if (q.module.empty() || q.line <= 0) __builtin_trap();
    }
  } else if (rules.status().line() <= 0) {
    __builtin_trap();
  }
  return 0;
}
