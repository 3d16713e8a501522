// The modules page: the west workspace's module findings and VEX
// decisions the viewer needs to know about (the PSIRT: every module; a
// maintainer: the modules of their areas), with a form to record a VEX
// decision on a finding - the same services as `psirt scan` and
// `psirt vex set` and the API's /api/v1/scan and /api/v1/vex.
#include <map>

#include "app/module_service.h"
#include "app/scan_service.h"
#include "app/vex_service.h"
#include "server/web_support.h"

namespace psirt::web {

using html::Esc;

namespace {

Result<ScanResult> VisibleScan(Call& c) {
  std::string path = c.ctx.workspace.ModulesManifest();
  if (path.empty()) return Status::NotFound("psirt.yml names no west manifest (modules: manifest:)");
  PSIRT_ASSIGN_OR_RETURN(ModuleWorkspace w, OpenModuleWorkspace(path, c.ctx.workspace.WestDir()));
  PSIRT_ASSIGN_OR_RETURN(ScanResult r, ScanModules(*c.store, w.manifest, w.clones, ScanOptions{}));
  PSIRT_ASSIGN_OR_RETURN(const OwnersService* owners, c.ctx.workspace.Owners());
  KeepVisibleTo(r, c.who.viewer, owners ? &owners->index() : nullptr);
  return r;
}

std::string FindingRow(const ScanFinding& f, const std::string& csrf) {
  std::string fixed = f.fixed.empty() ? "" : (f.fixed.front().size() == 40 ? f.fixed.front().substr(0, 12) : f.fixed.front());
  std::string vex = f.vex ? Esc(f.vex->status + (f.vex->justification.empty() ? "" : " (" + f.vex->justification + ")") +
                                " - " + f.vex_source + (f.vex_author.empty() ? "" : " " + f.vex_author))
                          : "";
  std::string form = "<form method=\"post\" action=\"/modules/vex\" class=\"inline\">" + html::CsrfField(csrf) +
                     "<input type=\"hidden\" name=\"module\" value=\"" + Esc(f.module) + "\">"
                     "<input type=\"hidden\" name=\"vulnerability\" value=\"" + Esc(f.vuln) + "\">"
                     "<select name=\"status\"><option>under_investigation</option><option>not_affected</option>"
                     "<option>affected</option><option>fixed</option></select>"
                     "<select name=\"justification\"><option value=\"\">(justification)</option>";
  for (const std::string& j : VexJustifications()) form += "<option>" + Esc(j) + "</option>";
  form += "</select><input name=\"note\" placeholder=\"why\"><button type=\"submit\">Decide</button></form>";
  return "<tr class=\"" + std::string(f.suppressed ? "suppressed" : "overdue") + "\"><td>" + Esc(f.module) + "</td><td>" +
         Esc(f.vuln) + "</td><td>" + Esc(f.version.empty() ? f.commit.substr(0, 12) : f.version) + "</td><td>" + Esc(f.how) +
         "</td><td>" + Esc(fixed) + "</td><td>" + vex + "</td><td>" + form + "</td></tr>";
}

}  // namespace

void ModulesPage(Call& c) {
  auto r = VisibleScan(c);
  if (!r.ok()) return FailPage(c, r.status());
  std::string b = "<h1>Modules</h1><p>" + std::to_string(r->modules.size()) + " modules you need to know about, scanned against " +
                  std::to_string(r->records) + " records: " + std::to_string(r->Unsuppressed()) + " vulnerable, " +
                  std::to_string(r->findings.size() - r->Unsuppressed()) + " suppressed by VEX decisions.</p>"
                  "<table id=\"findings\"><thead><tr><th>Module</th><th>Vulnerability</th><th>Pinned</th><th>How</th>"
                  "<th>Fixed in</th><th>VEX</th><th>Decide</th></tr></thead><tbody>";
  for (const ScanFinding& f : r->findings) b += FindingRow(f, c.who.csrf);
  b += "</tbody></table><h2>Modules</h2><table id=\"modules\"><thead><tr><th>Module</th><th>Path</th><th>Version</th>"
       "<th>Clone</th><th>Records found</th></tr></thead><tbody>";
  for (const ModuleScan& m : r->modules)
    b += "<tr><td>" + Esc(m.module) + "</td><td>" + Esc(m.path) + "</td><td>" + Esc(m.version) + " (" + Esc(m.version_source) +
         ")</td><td>" + Esc(m.clone_state) + "</td><td>" + std::to_string(m.candidates) + "</td></tr>";
  b += "</tbody></table>";
  SendPage(c, "Modules", b);
}

void ModuleVexPost(Call& c) {
  if (!CsrfOk(c)) return FailPage(c, kExpired);
  auto p = [&](const char* k) { return c.req.Param(k); };
  VexDecision d{p("module"), p("vulnerability"), p("status"), p("justification"), p("note"), c.who.actor,
                c.ctx.clock.Now().ToString()};
  auto paths = ProjectPaths(c.ctx.workspace.ModulesManifest());
  if (!paths.ok()) return FailPage(c, paths.status());
  auto owners = c.ctx.workspace.Owners();
  if (!owners.ok()) return FailPage(c, owners.status());
  if (Status st = DecideVex(*c.store, d, c.who.viewer, *owners ? &(*owners)->index() : nullptr, *paths); !st.ok())
    return FailPage(c, st);
  Redirect(c, "/modules");
}

}  // namespace psirt::web
