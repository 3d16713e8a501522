// SbomService: the SBOM of a west workspace - one component per active
// project, its version identified (module.yml's CPE or PURL version, else
// the nearest tag of the pinned commit, else the revision), package URL
// (the module's own, else pkg:github/owner/repo@commit for GitHub URLs,
// else pkg:generic with the VCS URL), CPE names, VCS URL and commit, and
// build.depends as dependencies - written as SPDX 2.3 or CycloneDX 1.6 and
// validated against the official schema before anyone sees it.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/module_service.h"
#include "base/status.h"
#include "core/sbom.h"

namespace psirt {

// The model. `created` is RFC 3339 UTC; `tool` names psirt and its version.
Result<Sbom> BuildSbom(const LoadedManifest& m, const std::vector<ModuleClone>& clones, const std::string& created,
                       const std::string& tool);

// The document in `format` ("spdx" or "cyclonedx"), schema-checked.
Result<nlohmann::json> SbomDocument(const Sbom& s, const std::string& format);

}  // namespace psirt
