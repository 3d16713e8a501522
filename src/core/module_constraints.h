// Module compatibility constraints (TF-M needs a given Mbed TLS): what a
// module requires of another module's version - declared in its
// module.yml (`requires:`) or, for modules the project does not control,
// in the workspace's constraints file - checked against the versions the
// manifest pins. A conflict is explained as a derivation a person can
// follow, each fact with its source ("Because trusted-firmware-m 2.1.4
// requires mbedtls >=3.6.0, <3.7.0 (tf-m/zephyr/module.yml:12) and the
// manifest pins mbedtls at 3.5.2 (from its CPE, west.yml:40),
// trusted-firmware-m cannot be built."). Pure.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/version_constraint.h"

namespace psirt {

// One requirement: `module` at a version `constraint` allows, when `when`
// holds (a Kconfig symbol CONFIG_..., or a west group; "" always).
struct ModuleRequirement {
  std::string module;
  VersionConstraint constraint;
  std::string when;
  std::string file;
  int line = 0;
};

// The requirements of `module` (at the versions `applies_to` allows, when
// given: a constraints file may say "TF-M 1.6 needs Mbed TLS 3.1").
struct ConstraintRule {
  std::string module;
  std::optional<VersionConstraint> applies_to;
  std::vector<ModuleRequirement> needs;
  std::string file;
  int line = 0;
};

// What the check knows of one project of the manifest.
struct ModuleVersionFact {
  std::string module;
  bool active = true;
  std::string version;         // "" when unknown
  std::string version_source;  // "cpe", "purl", "tag", "header", "revision"
  std::string manifest_file;
  int manifest_line = 0;
  std::vector<ModuleRequirement> needs;  // from its module.yml
};

// What the check was told about conditions: Kconfig symbols set (from a
// .config / prj.conf when given) and the manifest's group filter.
struct ConstraintContext {
  bool kconfig_known = false;           // a configuration was given
  std::set<std::string> kconfig;        // symbols set to y/m or a value
  std::vector<std::string> group_filter;
};

// One requirement's verdict.
struct ConstraintFinding {
  enum class Kind { kSatisfied, kConflict, kInactive, kMissing, kUnknownVersion, kNotApplicable, kCycle };
  Kind kind = Kind::kSatisfied;
  std::string module, module_version;  // the requiring module
  std::string required, required_version;
  std::string constraint, when;
  std::string file;
  int line = 0;
  std::vector<std::string> derivation;  // the explanation, one fact per line, the conclusion last
  bool Problem() const { return kind == Kind::kConflict || kind == Kind::kInactive || kind == Kind::kMissing || kind == Kind::kCycle; }
};
const char* ConstraintKindName(ConstraintFinding::Kind k);

// "file:line" (just the file when the line is unknown).
std::string SourceAt(const std::string& file, int line);

// Whether a requirement's `when` holds: "" always; CONFIG_X when the
// configuration sets it (assumed, and `note` says so, when none was
// given); any other word is a west group the filter must enable.
bool RequirementHolds(const std::string& when, const ConstraintContext& ctx, std::string& note);

// Every requirement of every active module (module.yml's, and the rules
// that apply to its version) against the pinned versions, and cycles
// among requirements. A requirement naming no project of the manifest is
// kMissing; one on a project the group filter leaves out, kInactive.
std::vector<ConstraintFinding> CheckModuleConstraints(const std::vector<ModuleVersionFact>& modules,
                                                      const std::vector<ConstraintRule>& rules,
                                                      const ConstraintContext& context);

// How a version was identified, for people ("from its CPE").
std::string VersionSourceWords(const std::string& source);

}  // namespace psirt
