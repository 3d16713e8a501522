// ConstraintService: `psirt modules check` - the compatibility
// constraints between a west workspace's modules (module.yml `requires:`
// and the workspace's constraints file) checked against the versions the
// manifest pins, each version identified as `modules identify` does
// (module.yml's CPE/PURL, the nearest upstream release tag, the version
// header) and said how. The same service answers the API and the
// dashboard, and tells `scan` which fixes a constraint forbids.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/module_service.h"
#include "base/status.h"
#include "core/agenda.h"
#include "core/module_constraints.h"

namespace psirt {

struct ConstraintCheck {
  std::vector<ModuleVersionFact> modules;
  std::vector<ConstraintRule> rules;  // from the constraints file
  std::vector<ConstraintFinding> findings;
  size_t Problems() const;
};

struct ConstraintCheckOptions {
  std::string constraints_file;  // "" for none
  std::string kconfig_file;      // a .config or prj.conf: which CONFIG_ symbols are set ("" unknown)
};

Result<ConstraintCheck> CheckWorkspaceConstraints(const LoadedManifest& m, const std::vector<ModuleClone>& clones,
                                                  const ConstraintCheckOptions& options);
inline Result<ConstraintCheck> CheckWorkspaceConstraints(const ModuleWorkspace& w, const ConstraintCheckOptions& options) {
  return CheckWorkspaceConstraints(w.manifest, w.clones, options);
}

nlohmann::json ConstraintCheckToJson(const ConstraintCheck& c);

// The workspace's constraints file read (none for ""), and the conditions
// requirements are evaluated under (the manifest's group filter, the
// Kconfig symbols `kconfig_file` sets; unknown for ""). Check and solve share them.
Result<std::vector<ConstraintRule>> LoadConstraintRules(const std::string& constraints_file);
Result<ConstraintContext> LoadConstraintContext(const LoadedManifest& m, const std::string& kconfig_file);

// The agenda's module_constraint tasks for a configured west workspace
// (nothing when `manifest` is ""); a workspace that cannot be read is one
// task saying why, not a failed agenda.
std::vector<Task> WorkspaceConstraintTasks(const std::string& manifest, const std::string& west_dir,
                                           const std::string& constraints_file);

// The symbols a Kconfig file sets ("CONFIG_X=y", "=m", a value; not
// "# CONFIG_X is not set" nor "=n").
std::set<std::string> KconfigSymbolsSet(std::string_view text);

// What a constraint says of moving `module` to `version` (a fix): the
// requirements of other modules that version would break, in words
// ("trusted-firmware-m 2.1.4 requires mbedtls >=3.6.0, <3.6.3
// (tf-m/zephyr/module.yml:4)"). Empty when nothing forbids it.
std::vector<std::string> ConstraintsAgainst(const ConstraintCheck& c, const std::string& module, const std::string& version);

}  // namespace psirt
