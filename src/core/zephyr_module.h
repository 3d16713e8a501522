// What a module's zephyr/module.yml says about it that security work needs:
// its name, the modules it builds on (build.depends), and its identity for
// vulnerability databases (security.external-references: CPE 2.3 names and
// package URLs). Plain values; formats/zephyr_module_yaml reads the file.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/module_constraints.h"
#include "core/package_ids.h"

namespace psirt {

// One external reference as written, with its line.
struct ModuleReference {
  std::string text;
  int line = 0;
};

// A VEX decision a module carries in its module.yml (security:
// vulnerability-assessments), with OpenVEX spellings (CSAF's
// known_not_affected / known_affected are read as not_affected / affected).
struct VulnAssessment {
  std::string vulnerability;  // a CVE, GHSA or OSV id
  std::string status;         // not_affected, affected, fixed, under_investigation
  std::string justification;  // OpenVEX's, for not_affected
  std::string status_notes, impact_statement;
  int line = 0;
};

// Another project's code a module carries, as module.yml declares it
// (security.bundled, a psirt extension).
struct DeclaredCopy {
  std::string name, path, version;
  std::vector<ModuleReference> references;
  std::vector<Cpe> cpes;
  std::vector<Purl> purls;
  int line = 0;
};

// security.version-header (a psirt extension): the header whose #define
// states the module's version, for modules outside psirt's table of known
// upstreams ({file: include/foo/version.h, define: FOO_VERSION_STRING}).
struct DeclaredVersionHeader {
  std::string file, define;
  int line = 0;
};

// A module.yml.
struct ZephyrModuleMeta {
  std::string file;
  std::string name;  // "" when the file names none (west's project name is used)
  std::vector<std::string> depends;
  std::vector<ModuleReference> external_references;
  std::vector<Cpe> cpes;    // the references that are CPE 2.3 names
  std::vector<Purl> purls;  // the references that are package URLs
  std::vector<VulnAssessment> assessments;
  std::vector<DeclaredCopy> bundled;
  std::vector<ModuleRequirement> requirements;  // requires: (a psirt extension): other modules' versions it needs
  std::string security_contact;  // security.contact (a psirt extension): where to report vulnerabilities
  std::optional<DeclaredVersionHeader> version_header;
};

// The OpenVEX status for a status as OpenVEX or CSAF spell it ("" when neither).
std::string NormalizeVexStatus(const std::string& s);

}  // namespace psirt
