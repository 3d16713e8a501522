// Shared module requests of the API and the pages (see module_requests.h).
#include "server/module_requests.h"

namespace psirt {

Result<ModuleWorkspace> ConfiguredModules(Call& c) {
  std::string path = c.ctx.workspace.ModulesManifest();
  if (path.empty()) return Status::NotFound("psirt.yml names no west manifest (modules: manifest:)");
  return OpenModuleWorkspace(path, c.ctx.workspace.WestDir());
}

Result<WorkspaceSolution> SolveFromQuery(Call& c, const http::QueryParams& q) {
  SolveOptions o;
  o.constraints_file = c.ctx.workspace.ModulesConstraints();
  PSIRT_ASSIGN_OR_RETURN(std::string prefer, q.Optional("prefer"));
  PSIRT_ASSIGN_OR_RETURN(o.with, q.OptionalList("with", 20));
  Result<SolveRequest::Prefer> p = ParsePrefer(prefer);
  if (!p.ok()) return std::move(Status::Invalid(p.status().message()).Field("prefer"));
  o.prefer = *p;
  PSIRT_ASSIGN_OR_RETURN(ModuleWorkspace w, ConfiguredModules(c));
  Result<WorkspaceSolution> s = SolveWorkspace(w, o);
  if (!s.ok() && s.status().code() == Status::Code::kUsage) return std::move(Status::Invalid(s.status().message()).Field("with"));
  return s;
}

}  // namespace psirt
