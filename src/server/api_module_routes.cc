// The API's module security: the west manifest's modules, the scan of
// them against the vulnerability database and the team's VEX decisions -
// each answered with what the caller needs to know (the PSIRT: every
// module; a maintainer: the modules of their MAINTAINERS.yml areas).
#include <map>

#include "app/module_service.h"
#include "app/scan_service.h"
#include "app/vex_service.h"
#include "server/api_support.h"

namespace psirt::api {
namespace {

using nlohmann::json;

Result<ModuleWorkspace> LoadModules(Call& c) {
  std::string path = c.ctx.workspace.ModulesManifest();
  if (path.empty()) return Status::NotFound("psirt.yml names no west manifest (modules: manifest:)");
  return OpenModuleWorkspace(path, c.ctx.workspace.WestDir());
}

Result<std::map<std::string, std::string>> PathsOf(Call& c) { return ProjectPaths(c.ctx.workspace.ModulesManifest()); }

Result<const OwnersIndex*> OwnersOf(Call& c) {
  PSIRT_ASSIGN_OR_RETURN(const OwnersService* owners, c.ctx.workspace.Owners());
  return owners ? &owners->index() : nullptr;
}

}  // namespace

void ModuleRoutes(const On& on) {
  on("GET", "/api/v1/modules", Access::kSignedIn, BodyKind::kNone, [](Call& c) -> Status {
    PSIRT_RETURN_IF_ERROR(http::QueryParams::Read(c.req, {}).status());
    PSIRT_ASSIGN_OR_RETURN(ModuleWorkspace w, LoadModules(c));
    http::SendJson(c.res, ModulesToJson(w.manifest, false, w.topdir.empty() ? nullptr : &w.clones, w.topdir));
    return Status::Ok();
  });

  on("GET", "/api/v1/scan", Access::kSignedIn, BodyKind::kNone, [](Call& c) -> Status {
    PSIRT_RETURN_IF_ERROR(http::QueryParams::Read(c.req, {}).status());
    PSIRT_ASSIGN_OR_RETURN(ModuleWorkspace w, LoadModules(c));
    PSIRT_ASSIGN_OR_RETURN(ScanResult r, ScanModules(*c.store, w.manifest, w.clones, ScanOptions{}));
    PSIRT_ASSIGN_OR_RETURN(const OwnersIndex* owners, OwnersOf(c));
    KeepVisibleTo(r, c.who.viewer, owners);
    http::SendJson(c.res, ScanToJson(r));
    return Status::Ok();
  });

  on("GET", "/api/v1/vex", Access::kSignedIn, BodyKind::kNone, [](Call& c) -> Status {
    PSIRT_RETURN_IF_ERROR(http::QueryParams::Read(c.req, {}).status());
    PSIRT_ASSIGN_OR_RETURN(std::vector<VexDecision> all, CurrentVexDecisions(*c.store));
    PSIRT_ASSIGN_OR_RETURN(auto paths, PathsOf(c));
    PSIRT_ASSIGN_OR_RETURN(const OwnersIndex* owners, OwnersOf(c));
    json out = json::array();
    for (const VexDecision& d : VisibleVex(std::move(all), paths, c.who.viewer, owners)) out.push_back(VexDecisionToJson(d));
    http::SendJson(c.res, {{"decisions", out}});
    return Status::Ok();
  });

  on("POST", "/api/v1/vex", Access::kSignedIn, BodyKind::kJson, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(http::JsonBody b,
                           http::JsonBody::Read(c.req, {"module", "vulnerability", "status", "justification", "note"}));
    VexDecision d;
    PSIRT_ASSIGN_OR_RETURN(d.module, b.String("module"));
    PSIRT_ASSIGN_OR_RETURN(d.vulnerability, b.String("vulnerability"));
    PSIRT_ASSIGN_OR_RETURN(d.status, b.String("status"));
    PSIRT_ASSIGN_OR_RETURN(auto justification, b.OptString("justification"));
    PSIRT_ASSIGN_OR_RETURN(auto note, b.OptString("note"));
    d.justification = justification.value_or("");
    d.note = note.value_or("");
    PSIRT_ASSIGN_OR_RETURN(auto paths, PathsOf(c));
    PSIRT_ASSIGN_OR_RETURN(const OwnersIndex* owners, OwnersOf(c));
    d.author = c.who.actor;
    d.time = c.ctx.clock.Now().ToString();
    PSIRT_RETURN_IF_ERROR(DecideVex(*c.store, d, c.who.viewer, owners, paths));
    http::SendJson(c.res, VexDecisionToJson(d));
    return Status::Ok();
  });
}

}  // namespace psirt::api
