// Reading module compatibility constraints: a module.yml's `requires:`
// list (each `module`, `version` constraint, optional `when`) and the
// workspace's constraints file for modules the project does not control:
//
//   constraints:
//     - module: trusted-firmware-m
//       version: ">=1.6.0, <1.7.0"     # optional: the versions this applies to
//       requires:
//         - module: mbedtls
//           version: "3.1.*"
//           when: CONFIG_BUILD_WITH_TFM  # optional: a Kconfig symbol or a west group
//
// Errors name the file, the line, the field and what was expected. Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "base/status.h"
#include "core/module_constraints.h"

namespace psirt {

// A `requires:` list at `node` (`field` names it in errors).
Status ReadRequirements(const std::string& file, const YAML::Node& node, const std::string& field,
                        std::vector<ModuleRequirement>& out);

// A constraints file.
Result<std::vector<ConstraintRule>> ReadConstraintsFile(std::string_view text, const std::string& file);

}  // namespace psirt
