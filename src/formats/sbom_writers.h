// SBOM writers: SPDX 2.3 JSON and CycloneDX 1.6 JSON from the one Sbom
// model. Pure; the caller validates the result against the official
// schemas (compiled into the binary) before writing it anywhere.
#pragma once

#include <nlohmann/json.hpp>

#include "core/sbom.h"

namespace psirt {

// SPDX 2.3: a package per component (downloadLocation git+URL@commit,
// externalRefs purl and cpe23Type), DESCRIBES from the document and
// DEPENDS_ON between packages.
nlohmann::json SbomToSpdx(const Sbom& s);

// CycloneDX 1.6: a library component per module (purl, cpe, a vcs external
// reference, psirt's facts as properties) and the dependency graph.
nlohmann::json SbomToCycloneDx(const Sbom& s);

}  // namespace psirt
