// ScanService: `psirt scan` - every active module of a west workspace
// matched against the offline vulnerability database. Records are found by
// the module's repository URL, package URLs and CPEs (module.yml), and by
// commits: a record whose GIT-range commits the module's clone contains
// concerns it even when it names another repository (Zephyr's modules are
// forks carrying upstream's history). GIT ranges are evaluated on the clone
// at the pinned commit (app/osv_affected: one walk serves all ranges,
// cherry-picked fixes found by patch-id); a record without an applicable
// GIT range is matched by version (OSV SEMVER/ECOSYSTEM ranges and
// versions lists, CVE 5 version statuses). The module's VEX decisions
// (module.yml vulnerability-assessments) and the team's (`psirt vex set`,
// which take precedence) are applied: not_affected and fixed suppress a
// finding, which is still reported as suppressed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/constraint_service.h"
#include "app/module_service.h"
#include "base/status.h"
#include "core/module_need_to_know.h"
#include "store/store.h"

namespace psirt {

struct ScanOptions {
  bool cherry_picks = true;  // look for fixes cherry-picked under another SHA
  std::string constraints_file;  // module constraints for modules the project does not control ("" none)
};

// One vulnerability of one module.
struct ScanFinding {
  std::string module, path;
  // A copy of another project inside the module (core/bundled_code) the
  // finding is about: its name, folder and version ("" for the module itself).
  std::string component, component_path, component_version;
  std::string vuln;
  std::vector<std::string> aliases;
  std::string summary;
  std::string how;                      // "git" (range evaluated on the clone) or "version"
  std::vector<std::string> matched_by;  // "repo", "purl", "cpe", "commit"
  std::string version, commit;          // what the module pins
  std::vector<std::string> fixed;       // fix commits (git) or fixed versions
  std::vector<std::string> detail;      // why, in words
  std::optional<VulnAssessment> vex;    // the decision that applies, if any
  std::string vex_source;               // "psirt" (`psirt vex set`, by vex_author) or "module.yml"
  std::string vex_author;
  bool suppressed = false;              // vex says not_affected or fixed
  // Module constraints the fixed version would break ("trusted-firmware-m
  // 2.1.4 requires mbedtls >=3.6.0, <3.6.3 (file:line)"): the fix cannot
  // simply be taken.
  std::vector<std::string> fix_blocked_by;
  int manifest_line = 0;
};

// What was looked at per module.
struct ModuleScan {
  std::string module, path, version, version_source, commit, clone_state;
  size_t candidates = 0;  // records found by the module's keys
  size_t findings = 0;
};

struct ScanResult {
  std::string manifest;
  std::int64_t records = 0;  // in the database
  std::vector<ModuleScan> modules;
  std::vector<ScanFinding> findings;
  ConstraintCheck constraints;  // the module constraints, checked with the scan
  size_t Unsuppressed() const;
};

// Scans the active projects of `m` (clones from InspectModuleClones).
// `progress` (may be null) is told (modules done, modules).
Result<ScanResult> ScanModules(Store& store, const LoadedManifest& m, const std::vector<ModuleClone>& clones,
                               const ScanOptions& options,
                               const std::function<void(size_t, size_t)>& progress = nullptr);

// Keeps what `v` needs to know (core/module_need_to_know): every module
// for the PSIRT, a maintainer's own modules' findings otherwise.
void KeepVisibleTo(ScanResult& r, const Viewer& v, const OwnersIndex* owners);

nlohmann::json ScanToJson(const ScanResult& r);
// SARIF 2.1.0: one result per finding at the module's line of the manifest;
// VEX-suppressed findings carry an external suppression with the justification.
nlohmann::json ScanToSarif(const ScanResult& r, const std::string& tool_version);

}  // namespace psirt
