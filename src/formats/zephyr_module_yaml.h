// Reading a Zephyr module's zephyr/module.yml (Zephyr's
// scripts/zephyr_module.py schema): the top-level keys it allows, `name`,
// `build.depends`, and `security.external-references`, each reference
// parsed as a CPE 2.3 name or a package URL. Errors name the file, the line
// and what was expected. Pure.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "core/zephyr_module.h"

namespace psirt {

Result<ZephyrModuleMeta> ReadZephyrModule(std::string_view text, const std::string& file);

}  // namespace psirt
