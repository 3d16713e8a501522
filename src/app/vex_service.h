// VexService: the team's VEX decisions on module vulnerabilities - made
// with author and time (`psirt vex set`), kept as made, the latest per
// module and vulnerability in force - and exported: as an OpenVEX 0.2.0
// document (products are the modules' package URLs at their pinned
// commits, from the workspace's SBOM; validated against the official
// schema) or as the `vulnerability-assessments` block of a module's
// zephyr/module.yml, so the assessment travels with the module.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "core/module_need_to_know.h"
#include "core/config.h"
#include "core/sbom.h"
#include "core/vex.h"
#include "store/store.h"

namespace psirt {

// Checks and records a decision.
Status SetVexDecision(Store& store, const VexDecision& d);

// Records a decision made by `v` on the team server: only the PSIRT and
// the people of the module's MAINTAINERS.yml areas decide (Denied
// otherwise); `paths` maps the manifest's projects to their paths.
Status DecideVex(Store& store, const VexDecision& d, const Viewer& v, const OwnersIndex* owners,
                 const std::map<std::string, std::string>& paths);

// The decisions in force: the latest per (module, vulnerability), sorted.
Result<std::vector<VexDecision>> CurrentVexDecisions(Store& store);

// An OpenVEX document of `decisions` (`sbom` supplies each module's
// package URL; a module it lacks is named by pkg:generic/NAME), schema-checked.
Result<nlohmann::json> VexToOpenVex(const std::vector<VexDecision>& decisions, const Sbom& sbom,
                                    const std::string& author, const std::string& timestamp);

// A CycloneDX 1.6 BOM of the workspace's modules with the decisions as its
// `vulnerabilities` (analysis state, justification, detail; `affects` the
// module's component), schema-checked.
Result<nlohmann::json> VexToCycloneDx(const std::vector<VexDecision>& decisions, const Sbom& sbom);

// A CSAF 2.0 `csaf_vex` document: the modules as products (package URLs),
// one vulnerability per id with each module under its product status, the
// justification as a flag and a vendor fix remediation for affected ones;
// schema-checked. `publisher`/`ns`: the publisher's name and namespace URL.
Result<nlohmann::json> VexToCsaf(const std::vector<VexDecision>& decisions, const Sbom& sbom, const std::string& publisher,
                                 const std::string& ns, const std::string& timestamp);

// The decisions as `format` says (openvex, cyclonedx, csaf): the one switch
// the CLI's `vex export` and the API's /api/v1/vex/export share. The author
// and publisher come from psirt.yml (project, CNA vendor, publish URL).
Result<nlohmann::json> ExportVex(const std::string& format, const std::vector<VexDecision>& decisions, const Sbom& sbom,
                                 const WorkspaceConfig& config, const std::string& timestamp);

// The module.yml block for `module`'s decisions ("" when it has none).
std::string VexToModuleYml(const std::vector<VexDecision>& decisions, const std::string& module);

nlohmann::json VexDecisionToJson(const VexDecision& d);

// The decisions on modules `v` needs to know about; `paths` maps the
// manifest's projects to their paths (a module it lacks is matched by name).
std::vector<VexDecision> VisibleVex(std::vector<VexDecision> decisions, const std::map<std::string, std::string>& paths,
                                    const Viewer& v, const OwnersIndex* owners);

}  // namespace psirt
