// A software bill of materials of a west workspace: one component per
// active module with the identity scanners match on (version, package URL,
// CPE names), where its source is (VCS URL and the pinned commit) and what
// it builds on. Plain values: app/sbom_service builds it from the manifest
// and the clones, formats/sbom_spdx and formats/sbom_cyclonedx write it.
#pragma once

#include <string>
#include <vector>

#include "core/bundled_code.h"

namespace psirt {

// One module.
struct SbomComponent {
  std::string ref;              // unique within the document (the project's name)
  std::string name;
  std::string version;
  std::string version_source;   // "cpe", "purl" (declared), "tag", "header", "revision"
  std::string purl;
  std::vector<std::string> cpes;
  std::string vcs_url;          // the repository URL as the manifest resolves it
  std::string commit;           // the pinned commit ("" when the clone is absent and the revision is no SHA)
  std::string revision;         // the manifest's revision as written
  std::string path;             // where west puts it
  std::vector<std::string> depends_on;  // refs of other components (module.yml build.depends)
  // How the identity was reached (core/module_identity): "declared" in
  // module.yml, else inferred with "high", "medium" or "low" confidence.
  std::string upstream;  // the known upstream it is or forks (core/known_upstreams), "" when none
  std::string identity_confidence;
  double identity_score = 0;
  std::vector<std::string> identity_reasons;
  std::vector<BundledCopy> bundled;  // other projects' code inside it, nested in the SBOM
};

// The whole document.
struct Sbom {
  std::string name;        // the manifest's project (folder) name
  std::string created;     // RFC 3339 UTC
  std::string tool;        // "psirt 0.x"
  std::string id;          // a stable digest of the content: the document namespace and serial number derive from it
  std::vector<SbomComponent> components;
};

}  // namespace psirt
