// What the API and the dashboard pages share when they answer about the
// west workspace psirt.yml configures: the workspace itself, and `modules
// solve`'s options read from a query (?prefer=, ?with= repeatable).
#pragma once

#include "app/module_service.h"
#include "app/solve_service.h"
#include "base/status.h"
#include "server/http_util.h"
#include "server/server.h"

namespace psirt {

// The workspace psirt.yml names (modules: manifest:, west_dir:); not found when none.
Result<ModuleWorkspace> ConfiguredModules(Call& c);

// `modules solve` on it with the query's prefer and with (bad values: invalid, naming the field).
Result<WorkspaceSolution> SolveFromQuery(Call& c, const http::QueryParams& q);

}  // namespace psirt
