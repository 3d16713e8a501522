// A software bill of materials of a west workspace: one component per
// active module with the identity scanners match on (version, package URL,
// CPE names), where its source is (VCS URL and the pinned commit) and what
// it builds on. Plain values: app/sbom_service builds it from the manifest
// and the clones, formats/sbom_spdx and formats/sbom_cyclonedx write it.
#pragma once

#include <string>
#include <vector>

namespace psirt {

// One module.
struct SbomComponent {
  std::string ref;              // unique within the document (the project's name)
  std::string name;
  std::string version;
  std::string version_source;   // "cpe", "purl", "tag", "revision"
  std::string purl;
  std::vector<std::string> cpes;
  std::string vcs_url;          // the repository URL as the manifest resolves it
  std::string commit;           // the pinned commit ("" when the clone is absent and the revision is no SHA)
  std::string revision;         // the manifest's revision as written
  std::string path;             // where west puts it
  std::vector<std::string> depends_on;  // refs of other components (module.yml build.depends)
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
