// Choosing module revisions that satisfy every compatibility constraint
// (`psirt modules solve`): each module may take one of its release tags
// (or keep its pin); a version's requirements are those its module.yml
// declares at that tag plus the workspace rules that apply to it. The
// choice is made by libsolv, Debian's SAT-based dependency solver (the one
// zypper and dnf use): each candidate is a solvable, each requirement a
// dependency only the candidates it allows provide. When no choice exists,
// libsolv's problem rules become an explanation a person can follow, each
// fact with its file and line. Pure computation: no I/O.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "core/module_constraints.h"
#include "core/version_constraint.h"

namespace psirt {

// One revision a module may take.
struct ModuleCandidate {
  std::string version;  // "3.6.3"; "" when unknown (then it satisfies every requirement on its module, noted)
  std::string tag;      // "v3.6.3"; "" for a pin on no release tag
  std::string commit;
  std::vector<ModuleRequirement> needs;  // its module.yml's `requires:` at that revision
};

// One active project of the manifest and the revisions it may take.
struct SolveModule {
  std::string module;
  std::string manifest_file;
  int manifest_line = 0;
  std::vector<ModuleCandidate> candidates;  // any order; at least the pin
  int current = -1;                         // the pin's index in candidates (-1: none)
};

// A --with: the module must take a version the constraint allows.
struct SolveWith {
  std::string module;
  VersionConstraint constraint;
  std::string text;  // as given, for the explanation ("mbedtls@3.6.3")
};

struct SolveRequest {
  enum class Prefer { kMinimalChange, kNewest };
  std::vector<SolveModule> modules;
  std::vector<ConstraintRule> rules;  // the workspace's constraints file
  ConstraintContext context;          // Kconfig symbols and the group filter, as for the check
  Prefer prefer = Prefer::kMinimalChange;
  std::vector<SolveWith> with;
};

struct SolveOutcome {
  bool solved = false;
  std::vector<int> chosen;               // per module of the request: the candidate's index (when solved)
  std::vector<std::string> explanation;  // when not: the facts libsolv's problem rules name, the conclusion last
  std::vector<std::string> notes;        // assumptions (unknown versions, conditions assumed to hold)
};

// Errors: a --with naming no module of the request, or allowing none of its candidates.
Result<SolveOutcome> SolveModuleVersions(const SolveRequest& request);

// The versions of `m`'s candidates, ascending, for messages ("2.26.0, 3.1.0").
std::string CandidateVersions(const SolveModule& m);

}  // namespace psirt
