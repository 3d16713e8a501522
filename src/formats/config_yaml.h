// psirt.yml: reads and validates a workspace configuration, and writes the
// commented default. Pure functions over text; the caller does the file I/O.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "core/config.h"

namespace psirt {

// Parses psirt.yml. Every key is checked: an unknown key, a wrong type or a
// bad value is an error naming `filename`, the line and the key path.
Result<WorkspaceConfig> ParseConfigYaml(std::string_view text, const std::string& filename);

// The psirt.yml `init` writes, with a comment on every key.
std::string DefaultConfigYaml(const WorkspaceConfig& c);

}  // namespace psirt
