// Reading a west manifest file (west.yml) with yaml-cpp into the model of
// core/west_manifest.h, checked against west's manifest schema
// (../shared/data/schemas/west-manifest-schema.yml: known keys only, the
// types it names) with each element's line, then resolved by west's rules.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "core/west_manifest.h"

namespace psirt {

// The manifest as written. Errors: file, line, the key's path and what was
// expected (not YAML, no `manifest:` mapping, an unknown key, a wrong type).
Result<WestManifestSpec> ParseWestManifest(std::string_view text, const std::string& filename);

// Parsed and resolved (ResolveWestManifest).
Result<WestManifest> ReadWestManifest(std::string_view text, const std::string& filename);

}  // namespace psirt
