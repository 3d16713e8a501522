// The API's module security: the west manifest's modules, the scan of
// them against the vulnerability database and the team's VEX decisions -
// each answered with what the caller needs to know (the PSIRT: every
// module; a maintainer: the modules of their MAINTAINERS.yml areas).
#include <map>

#include "app/constraint_service.h"
#include "app/module_advisories.h"
#include "app/module_insight.h"
#include "app/module_service.h"
#include "app/release_history.h"
#include "app/sbom_service.h"
#include "app/solve_service.h"
#include "app/scan_service.h"
#include "app/vex_service.h"
#include "server/api_support.h"
#include "server/module_requests.h"

namespace psirt::api {
namespace {

using nlohmann::json;

Result<std::map<std::string, std::string>> PathsOf(Call& c) { return ProjectPaths(c.ctx.workspace.ModulesManifest()); }

// The module workspace when psirt.yml names one (forwarding and upstream
// answers work without it, from the advisory's own link).
Result<std::optional<ModuleWorkspace>> OptionalModules(Call& c) {
  return OptionalModuleWorkspace(c.ctx.workspace.ModulesManifest(), c.ctx.workspace.WestDir());
}

Result<const OwnersIndex*> OwnersOf(Call& c) {
  PSIRT_ASSIGN_OR_RETURN(const OwnersService* owners, c.ctx.workspace.Owners());
  return owners ? &owners->index() : nullptr;
}

// Identity, bundled code and constraints (psirt modules identify / check / solve).
void ModuleIdentityRoutes(const On& on) {
  // Each module's identity and bundled code (psirt modules identify).
  on("GET", "/api/v1/modules/identify", Access::kSignedIn, BodyKind::kNone, [](Call& c) -> Status {
    PSIRT_RETURN_IF_ERROR(http::QueryParams::Read(c.req, {}).status());
    PSIRT_ASSIGN_OR_RETURN(ModuleWorkspace w, ConfiguredModules(c));
    http::SendJson(c.res, InsightsToJson(InspectModules(w.manifest, w.clones)));
    return Status::Ok();
  });

  // The proposed security: blocks as one mbox of patches (psirt modules identify --write).
  on("GET", "/api/v1/modules/identify/patches", Access::kSignedIn, BodyKind::kNone, [](Call& c) -> Status {
    PSIRT_RETURN_IF_ERROR(http::QueryParams::Read(c.req, {}).status());
    PSIRT_ASSIGN_OR_RETURN(ModuleWorkspace w, ConfiguredModules(c));
    std::vector<IdentityPatch> patches =
        ProposeIdentityPatches(InspectModules(w.manifest, w.clones), w.clones, c.ctx.clock.Now());
    c.res.SetContent(PatchesMbox(patches), "application/mbox");
    c.res.SetHeader("Content-Disposition", "attachment; filename=\"module-identity.mbox\"");
    return Status::Ok();
  });

  // The version constraints between modules, checked (psirt modules check).
  on("GET", "/api/v1/modules/check", Access::kSignedIn, BodyKind::kNone, [](Call& c) -> Status {
    PSIRT_RETURN_IF_ERROR(http::QueryParams::Read(c.req, {}).status());
    PSIRT_ASSIGN_OR_RETURN(ModuleWorkspace w, ConfiguredModules(c));
    PSIRT_ASSIGN_OR_RETURN(ConstraintCheck check, CheckWorkspaceConstraints(w, {c.ctx.workspace.ModulesConstraints(), ""}));
    http::SendJson(c.res, ConstraintCheckToJson(check));
    return Status::Ok();
  });

  // Revisions satisfying every constraint, or why none exist (psirt modules
  // solve): ?prefer=minimal-change|newest, ?with=MODULE@VERSION (repeatable).
  on("GET", "/api/v1/modules/solve", Access::kSignedIn, BodyKind::kNone, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(http::QueryParams q, http::QueryParams::Read(c.req, {"prefer", "with"}));
    PSIRT_ASSIGN_OR_RETURN(WorkspaceSolution s, SolveFromQuery(c, q));
    http::SendJson(c.res, SolutionToJson(s));
    return Status::Ok();
  });
}

}  // namespace

void ModuleRoutes(const On& on) {
  on("GET", "/api/v1/modules", Access::kSignedIn, BodyKind::kNone, [](Call& c) -> Status {
    PSIRT_RETURN_IF_ERROR(http::QueryParams::Read(c.req, {}).status());
    PSIRT_ASSIGN_OR_RETURN(ModuleWorkspace w, ConfiguredModules(c));
    http::SendJson(c.res, ModulesToJson(w.manifest, false, w.topdir.empty() ? nullptr : &w.clones, w.topdir));
    return Status::Ok();
  });

  ModuleIdentityRoutes(on);

  on("GET", "/api/v1/scan", Access::kSignedIn, BodyKind::kNone, [](Call& c) -> Status {
    PSIRT_RETURN_IF_ERROR(http::QueryParams::Read(c.req, {}).status());
    PSIRT_ASSIGN_OR_RETURN(ModuleWorkspace w, ConfiguredModules(c));
    PSIRT_ASSIGN_OR_RETURN(ScanResult r, ScanModules(*c.store, w.manifest, w.clones, ScanOptions{true, c.ctx.workspace.ModulesConstraints()}));
    PSIRT_ASSIGN_OR_RETURN(const OwnersIndex* owners, OwnersOf(c));
    KeepVisibleTo(r, c.who.viewer, owners);
    http::SendJson(c.res, ScanToJson(r));
    return Status::Ok();
  });

  // What each release shipped (psirt scan --history): the manifest at every
  // release tag of psirt.yml's repository.
  on("GET", "/api/v1/scan/history", Access::kSignedIn, BodyKind::kNone, [](Call& c) -> Status {
    PSIRT_RETURN_IF_ERROR(http::QueryParams::Read(c.req, {}).status());
    PSIRT_ASSIGN_OR_RETURN(ReleaseHistory h, ProjectReleaseHistory(*c.store, c.ctx.workspace, c.who.viewer));
    http::SendJson(c.res, ReleaseHistoryToJson(h));
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

  // The decisions the caller may see, as OpenVEX, CycloneDX or CSAF (psirt vex export).
  on("GET", "/api/v1/vex/export", Access::kSignedIn, BodyKind::kNone, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(http::QueryParams q, http::QueryParams::Read(c.req, {"format"}));
    PSIRT_ASSIGN_OR_RETURN(std::string format, q.Required("format", "?format=openvex|cyclonedx|csaf"));
    PSIRT_ASSIGN_OR_RETURN(ModuleWorkspace w, ConfiguredModules(c));
    PSIRT_ASSIGN_OR_RETURN(std::vector<VexDecision> all, CurrentVexDecisions(*c.store));
    PSIRT_ASSIGN_OR_RETURN(const OwnersIndex* owners, OwnersOf(c));
    std::vector<VexDecision> visible = VisibleVex(std::move(all), w.Paths(), c.who.viewer, owners);
    std::string now = c.ctx.clock.Now().ToString();
    PSIRT_ASSIGN_OR_RETURN(Sbom sbom, BuildSbom(w.manifest, w.clones, now, "psirt"));
    PSIRT_ASSIGN_OR_RETURN(nlohmann::json doc, ExportVex(format, visible, sbom, c.ctx.config(), now));
    http::SendJson(c.res, doc);
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

  // A finding becomes an advisory (psirt scan --open).
  on("POST", "/api/v1/scan/open", Access::kPsirt, BodyKind::kJson, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(http::JsonBody b, http::JsonBody::Read(c.req, {"module", "vulnerability"}));
    PSIRT_ASSIGN_OR_RETURN(std::string module, b.String("module"));
    PSIRT_ASSIGN_OR_RETURN(std::string vuln, b.String("vulnerability"));
    PSIRT_ASSIGN_OR_RETURN(ModuleWorkspace w, ConfiguredModules(c));
    PSIRT_ASSIGN_OR_RETURN(ScanResult r, ScanModules(*c.store, w.manifest, w.clones, ScanOptions{true, c.ctx.workspace.ModulesConstraints()}));
    AdvisoryService svc = c.Advisories();
    PSIRT_ASSIGN_OR_RETURN(Change change, OpenModuleAdvisory(svc, c.who.actor, r, w, module, vuln));
    http::SendJson(c.res, AdvisoryToJson(change.advisory, svc.DeadlinesOf(change.advisory)), 201);
    return Status::Ok();
  });

  const std::string A = std::string("/api/v1/advisories/") + kId;
  // The report sent to the module's upstream (psirt forward), delivered as
  // the server's notifications are (its mbox or SMTP).
  on("POST", A + "/forward", Access::kPsirt, BodyKind::kJson, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(http::JsonBody b, http::JsonBody::Read(c.req, {"module", "to", "dry_run"}));
    ForwardRequest req;
    PSIRT_ASSIGN_OR_RETURN(req.module, b.String("module"));
    PSIRT_ASSIGN_OR_RETURN(req.to, b.String("to"));
    PSIRT_ASSIGN_OR_RETURN(req.dry_run, b.Bool("dry_run", false));
    req.mbox = c.ctx.options.notify.mbox;
    req.smtp = c.ctx.options.notify.smtp;
    PSIRT_ASSIGN_OR_RETURN(std::optional<ModuleWorkspace> w, OptionalModules(c));
    AdvisoryService svc = c.Advisories();
    PSIRT_ASSIGN_OR_RETURN(ForwardOutcome out, ForwardToUpstream(svc, c.who.actor, c.Arg(1), req, w ? &*w : nullptr, c.ctx.clock.Now()));
    http::SendJson(c.res, ForwardOutcomeToJson(out, req.dry_run));
    return Status::Ok();
  });

  // Upstream's answers (psirt upstream).
  on("POST", A + "/upstream", Access::kPsirt, BodyKind::kJson, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(http::JsonBody b, http::JsonBody::Read(c.req, {"module", "acknowledged", "embargo", "advisory", "route",
                                                                        "fixed", "forwarded_to"}));
    UpstreamUpdate u;
    PSIRT_ASSIGN_OR_RETURN(u.module, b.String("module"));
    PSIRT_ASSIGN_OR_RETURN(u.acknowledged_on, DateField(b, "acknowledged"));
    PSIRT_ASSIGN_OR_RETURN(u.embargo_ends, DateField(b, "embargo"));
    PSIRT_ASSIGN_OR_RETURN(u.advisory, b.String("advisory"));
    PSIRT_ASSIGN_OR_RETURN(u.route, b.String("route"));
    PSIRT_ASSIGN_OR_RETURN(u.fixed, b.StringList("fixed"));
    PSIRT_ASSIGN_OR_RETURN(u.forwarded_to, b.String("forwarded_to"));
    PSIRT_ASSIGN_OR_RETURN(std::optional<ModuleWorkspace> w, OptionalModules(c));
    AdvisoryService svc = c.Advisories();
    PSIRT_ASSIGN_OR_RETURN(Change change, RecordUpstream(svc, c.who.actor, c.Arg(1), u, w ? &*w : nullptr, c.ctx.clock.Now().date()));
    http::SendJson(c.res, AdvisoryToJson(change.advisory, svc.DeadlinesOf(change.advisory)));
    return Status::Ok();
  });
}

}  // namespace psirt::api
