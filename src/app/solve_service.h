// SolveService: `psirt modules solve` - chooses, for every module of a west
// workspace, a revision among its release tags (read from its clone, each
// with the `requires:` its module.yml declares at that tag) that satisfies
// every compatibility constraint, preferring the fewest changes to the
// manifest or the newest versions, optionally taking given updates
// (`--with mbedtls@3.6.3`); the answer is the manifest with the changed
// revisions written in place, or libsolv's explanation of why none
// exists. The CLI, GET /api/v1/modules/solve and the dashboard call it.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/module_service.h"
#include "base/status.h"
#include "core/module_solver.h"

namespace psirt {

struct SolveOptions {
  std::string constraints_file;  // "" for none
  std::string kconfig_file;      // "" unknown: CONFIG_ conditions assumed set
  SolveRequest::Prefer prefer = SolveRequest::Prefer::kMinimalChange;
  std::vector<std::string> with;  // "mbedtls@3.6.3", "mbedtls@>=3.6.3"
};

// One module's revision before and after.
struct ModuleMove {
  std::string module;
  std::string from_version, from_revision;
  std::string to_version, to_tag, to_revision;  // to_revision: what the manifest gets (a tag, or a commit where it pinned one)
  bool changed = false;
  size_t candidates = 0;  // revisions it could take
};

struct WorkspaceSolution {
  std::string manifest_file;
  SolveOutcome outcome;
  std::vector<ModuleMove> moves;  // every active module, in manifest order (when solved)
  std::string manifest_text;      // the manifest with the changed revisions (when solved)
  std::vector<std::string> notes; // tags skipped, projects not in the top manifest file, assumptions
  size_t Changes() const;
};

// Errors: --with malformed (usage) or naming nothing it can take; an
// unreadable constraints or Kconfig file.
Result<WorkspaceSolution> SolveWorkspace(const ModuleWorkspace& w, const SolveOptions& options);

Result<SolveRequest::Prefer> ParsePrefer(const std::string& word);
nlohmann::json SolutionToJson(const WorkspaceSolution& s);

}  // namespace psirt
