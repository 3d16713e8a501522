// The modules page: the west workspace's module findings and VEX
// decisions the viewer needs to know about (the PSIRT: every module; a
// maintainer: the modules of their areas), with a form to record a VEX
// decision on a finding - the same services as `psirt scan` and
// `psirt vex set` and the API's /api/v1/scan and /api/v1/vex.
#include <map>

#include <algorithm>

#include "app/constraint_service.h"
#include "app/module_advisories.h"
#include "app/module_insight.h"
#include "app/module_service.h"
#include "app/release_history.h"
#include "app/scan_service.h"
#include "app/vex_service.h"
#include "base/strings.h"
#include "server/module_requests.h"
#include "server/web_support.h"

namespace psirt::web {

using html::Esc;

namespace {

Result<ScanResult> VisibleScan(Call& c) {
  PSIRT_ASSIGN_OR_RETURN(ModuleWorkspace w, ConfiguredModules(c));
  PSIRT_ASSIGN_OR_RETURN(ScanResult r, ScanModules(*c.store, w.manifest, w.clones, ScanOptions{true, c.ctx.workspace.ModulesConstraints()}));
  PSIRT_ASSIGN_OR_RETURN(const OwnersService* owners, c.ctx.workspace.Owners());
  KeepVisibleTo(r, c.who.viewer, owners ? &owners->index() : nullptr);
  return r;
}

std::string OpenForm(const ScanFinding& f, const std::string& csrf) {
  return "<form method=\"post\" action=\"/modules/open\" class=\"inline\">" + html::CsrfField(csrf) +
         "<input type=\"hidden\" name=\"module\" value=\"" + Esc(f.module) + "\">"
         "<input type=\"hidden\" name=\"vulnerability\" value=\"" + Esc(f.vuln) + "\">"
         "<button type=\"submit\">Open advisory</button></form>";
}

std::string FindingRow(const ScanFinding& f, const std::string& csrf, bool psirt) {
  std::string fixed = f.fixed.empty() ? "" : (f.fixed.front().size() == 40 ? f.fixed.front().substr(0, 12) : f.fixed.front());
  if (!f.fix_blocked_by.empty()) fixed += " - blocked: " + Join(f.fix_blocked_by, "; ");
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
  if (psirt && !f.suppressed) form += OpenForm(f, csrf);
  return "<tr class=\"" + std::string(f.suppressed ? "suppressed" : "overdue") + "\"><td>" + Esc(f.module) +
         (f.component.empty() ? "" : "<div>bundled " + Esc(f.component + " " + f.component_version + " at " + f.component_path) + "</div>") +
         "</td><td>" +
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
  for (const ScanFinding& f : r->findings) b += FindingRow(f, c.who.csrf, c.who.viewer.role == Role::kPsirt);
  b += "</tbody></table><h2>Modules</h2><table id=\"modules\"><thead><tr><th>Module</th><th>Path</th><th>Version</th>"
       "<th>Clone</th><th>Records found</th></tr></thead><tbody>";
  for (const ModuleScan& m : r->modules)
    b += "<tr><td>" + Esc(m.module) + "</td><td>" + Esc(m.path) + "</td><td>" + Esc(m.version) + " (" + Esc(m.version_source) +
         ")</td><td>" + Esc(m.clone_state) + "</td><td>" + std::to_string(m.candidates) + "</td></tr>";
  b += "</tbody></table><p><a href=\"/modules/history\">What each release shipped</a> · "
       "<a href=\"/modules/identity\">Module identity and bundled code</a> · "
       "<a href=\"/modules/constraints\">Module constraints</a> · VEX decisions as "
       "<a href=\"/api/v1/vex/export?format=openvex\">OpenVEX</a>, <a href=\"/api/v1/vex/export?format=cyclonedx\">CycloneDX</a>, "
       "<a href=\"/api/v1/vex/export?format=csaf\">CSAF</a></p>";
  SendPage(c, "Modules", b);
}

void ModuleHistoryPage(Call& c) {
  auto h = ProjectReleaseHistory(*c.store, c.ctx.workspace, c.who.viewer);
  if (!h.ok()) return FailPage(c, h.status());
  std::string b = "<h1>Release exposure</h1><p>The module vulnerabilities each release shipped (the manifest at its tag, "
                  "scanned against the vulnerability database), for the modules you need to know about.</p>"
                  "<div class=\"scroll\"><table id=\"exposure\"><thead><tr><th>Module</th><th>Vulnerability</th><th>Shipped in</th>"
                  "<th>First release without</th><th>Per series</th></tr></thead><tbody>";
  for (const ExposureRow& row : h->vulnerabilities) {
    std::string series;
    for (const auto& [s, rel] : row.fixed_in_series) series += (series.empty() ? "" : ", ") + s + ": " + rel;
    b += "<tr><td>" + Esc(row.vuln.first) + "</td><td>" + Esc(row.vuln.second) + "</td><td>" + Esc(Join(row.shipped_in, ", ")) +
         "</td><td>" + Esc(row.first_without.empty() ? "none yet" : row.first_without) + "</td><td>" + Esc(series) + "</td></tr>";
  }
  b += "</tbody></table></div><h2>Releases</h2><div class=\"scroll\"><table id=\"releases\"><thead><tr><th>Release</th>"
       "<th>Vulnerabilities shipped</th><th>Notes</th></tr></thead><tbody>";
  for (const ReleaseScan& r : h->releases) {
    std::vector<std::string> v;
    for (const auto& [m, id] : r.vulnerable) v.push_back(m + ": " + id);
    b += "<tr><td>" + Esc(r.release) + "</td><td>" + Esc(Join(v, ", ")) + "</td><td>" + Esc(Join(r.notes, "; ")) + "</td></tr>";
  }
  b += "</tbody></table></div>";
  SendPage(c, "Release exposure", b);
}

void ModuleIdentityPage(Call& c) {
  auto w = ConfiguredModules(c);
  if (!w.ok()) return FailPage(c, w.status());
  std::vector<ModuleInsight> all = InspectModules(w->manifest, w->clones);
  size_t undeclared = std::count_if(all.begin(), all.end(), [](const ModuleInsight& in) { return !in.identity.has_security_block; });
  std::string b = "<h1>Module identity</h1><p>How vulnerability databases know each module: declared in its module.yml, "
                  "or inferred by psirt (with how sure it is), and the other projects' code each one carries. " +
                  std::to_string(undeclared) + " of " + std::to_string(all.size()) +
                  " modules declare nothing; <a href=\"/api/v1/modules/identify/patches\">the proposed security: blocks as "
                  "patches</a> (an mbox for <code>git am</code>).</p><div class=\"scroll\"><table id=\"identity\"><thead><tr>"
                  "<th>Module</th><th>Version</th><th>Package URL</th><th>CPE</th><th>Confidence</th><th>How</th>"
                  "<th>Bundled code</th></tr></thead><tbody>";
  for (const ModuleInsight& in : all) {
    const ModuleIdentity& id = in.identity;
    std::string bundled;
    for (const BundledCopy& cp : in.bundled)
      bundled += "<div>" + Esc(cp.display + " " + (cp.version.empty() ? "(version unknown)" : cp.version) + " at " + cp.path +
                               " - " + cp.found_by) + "</div>";
    b += "<tr><td>" + Esc(in.project) + "</td><td>" + Esc(id.version) + " (" + Esc(id.version_source) + ")</td><td>" +
         Esc(id.purl) + "</td><td>" + Esc(Join(id.cpes, " ")) + "</td><td class=\"confidence-" + Esc(id.confidence) + "\">" +
         Esc(id.confidence) + "</td><td>" + Esc(Join(id.reasons, "; ")) + "</td><td>" + bundled + "</td></tr>";
  }
  b += "</tbody></table></div>";
  SendPage(c, "Module identity", b);
}

namespace {

// The solve form (GET: it changes nothing) and, when asked, its answer:
// the revisions that change and the manifest to commit, or why none fit.
std::string SolveSection(Call& c) {
  std::string b = "<h2>Solve</h2><p>Choose each module's release tag so every constraint holds "
                  "(<code>psirt modules solve</code>).</p><form method=\"get\" action=\"/modules/constraints\" id=\"solve\">"
                  "<label>Prefer <select name=\"prefer\"><option value=\"minimal-change\">fewest changes</option>"
                  "<option value=\"newest\">newest versions</option></select></label> "
                  "<label>Take <input type=\"text\" name=\"with\" placeholder=\"mbedtls@3.6.3\"></label> "
                  "<button type=\"submit\" name=\"solve\" value=\"1\">Solve</button></form>";
  auto q = http::QueryParams::Read(c.req, {"prefer", "with", "solve"});
  if (!q.ok()) return b + "<p class=\"error\">" + Esc(q.status().ToString()) + "</p>";
  if (c.req.query.empty()) return b;
  auto s = SolveFromQuery(c, *q);
  if (!s.ok()) return b + "<p class=\"error\" id=\"solution\">" + Esc(s.status().ToString()) + "</p>";
  if (!s->outcome.solved) {
    b += "<div id=\"solution\"><p>No solution:</p><ul>";
    for (const std::string& e : s->outcome.explanation) b += "<li>" + Esc(e) + "</li>";
    return b + "</ul></div>";
  }
  b += "<div id=\"solution\"><p>" + std::to_string(s->Changes()) + " of " + std::to_string(s->moves.size()) +
       " modules change.</p><table><thead><tr><th>Module</th><th>Pinned</th><th>Solution</th></tr></thead><tbody>";
  for (const ModuleMove& m : s->moves)
    if (m.changed)
      b += "<tr><td>" + Esc(m.module) + "</td><td>" + Esc(m.from_version + " (" + m.from_revision + ")") + "</td><td>" +
           Esc(m.to_version + " (" + m.to_revision + ")") + "</td></tr>";
  b += "</tbody></table><pre id=\"solved-manifest\">" + Esc(s->manifest_text) + "</pre>";
  for (const std::string& n : s->notes) b += "<p class=\"note\">" + Esc(n) + "</p>";
  return b + "</div>";
}

}  // namespace

void ModuleConstraintsPage(Call& c) {
  auto w = ConfiguredModules(c);
  if (!w.ok()) return FailPage(c, w.status());
  auto check = CheckWorkspaceConstraints(*w, {c.ctx.workspace.ModulesConstraints(), ""});
  if (!check.ok()) return FailPage(c, check.status());
  std::string b = "<h1>Module constraints</h1><p>What modules require of each other's versions (module.yml "
                  "<code>requires:</code> and the workspace's constraints file), checked against what the manifest pins: " +
                  std::to_string(check->Problems()) + " problems.</p><table id=\"constraints\"><thead><tr><th>Verdict</th>"
                  "<th>Module</th><th>Requires</th><th>Pinned</th><th>Why</th></tr></thead><tbody>";
  for (const ConstraintFinding& f : check->findings)
    b += "<tr class=\"" + std::string(f.Problem() ? "overdue" : "") + "\"><td>" + Esc(ConstraintKindName(f.kind)) + "</td><td>" +
         Esc(f.module + (f.module_version.empty() ? "" : " " + f.module_version)) + "</td><td>" +
         Esc(f.required + " " + f.constraint + (f.when.empty() ? "" : " when " + f.when)) + "</td><td>" +
         Esc(f.required_version) + "</td><td>" + Esc(Join(f.derivation, "; ")) + "</td></tr>";
  b += "</tbody></table>" + SolveSection(c);
  SendPage(c, "Module constraints", b);
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

namespace {

// The module workspace when psirt.yml names one.
Result<std::optional<ModuleWorkspace>> ConfiguredWorkspace(Call& c) {
  return OptionalModuleWorkspace(c.ctx.workspace.ModulesManifest(), c.ctx.workspace.WestDir());
}

std::string Field(const char* name, const char* label, const char* type = "text") {
  return std::string("<label>") + label + " <input type=\"" + type + "\" name=\"" + name + "\"></label>";
}

}  // namespace

std::string ModuleSection(const Advisory& a, Call& c) {
  const ModuleLink& m = a.module;
  std::string b = "<h2>Module</h2><table class=\"details\" id=\"module\"><tbody>";
  auto row = [&](const std::string& k, const std::string& v) {
    if (!v.empty()) b += "<tr><th>" + Esc(k) + "</th><td>" + Esc(v) + "</td></tr>";
  };
  row("Module", m.module + (m.path.empty() ? "" : " (" + m.path + ")"));
  row("Upstream", m.upstream);
  row("Upstream ids", Join(std::vector<std::string>{m.vuln}) + (m.aliases.empty() ? "" : ", " + Join(m.aliases)));
  row("Status", m.status == "vulnerable" ? "pinned at a vulnerable revision " + m.pinned.substr(0, 12)
                : m.status == "resolved" ? "resolved: " + m.resolution
                                         : "");
  row("Fixed upstream in", Join(m.fixed_upstream));
  row("Forwarded", m.forwarded_on ? m.forwarded_on->ToString() + " to " + m.contact : "");
  row("Upstream acknowledged", DateOr(m.upstream_acknowledged_on, ""));
  row("Upstream advisory", m.upstream_advisory);
  row("Upstream embargo", m.upstream_embargo ? m.upstream_embargo->ToString() + " (the earlier end applies)" : "");
  row("Fix goes", m.fix_route == "fork" ? "to the fork only" : m.fix_route == "upstream" ? "upstream first, then a manifest bump" : "");
  b += "</tbody></table>";
  if (c.who.viewer.role != Role::kPsirt) return b;
  std::string action = "/advisories/" + Esc(a.id);
  b += "<details><summary>Forward to upstream</summary><form method=\"post\" action=\"" + action + "/module-forward\">" +
       html::CsrfField(c.who.csrf) + Field("to", "Contact (default: found from the module)", "email") +
       "<button type=\"submit\">Forward under embargo</button></form></details>";
  b += "<details><summary>Record upstream's answer</summary><form method=\"post\" action=\"" + action + "/module-upstream\">" +
       html::CsrfField(c.who.csrf) + Field("acknowledged", "Acknowledged on", "date") + Field("embargo", "Upstream embargo ends", "date") +
       Field("advisory", "Upstream advisory id") +
       "<label>Fix goes <select name=\"route\"><option value=\"\"></option><option value=\"upstream\">upstream first</option>"
       "<option value=\"fork\">to the fork only</option></select></label>" +
       Field("fixed", "Fixed upstream in (commits or versions, comma-separated)") +
       Field("forwarded_to", "Forwarded by other means to") + "<button type=\"submit\">Record</button></form></details>";
  return b;
}

void ModuleOpenPost(Call& c) {
  if (!CsrfOk(c)) return FailPage(c, kExpired);
  auto w = ConfiguredWorkspace(c);
  if (!w.ok()) return FailPage(c, w.status());
  if (!*w) return FailPage(c, Status::NotFound("psirt.yml names no west manifest (modules: manifest:)"));
  auto r = ScanModules(*c.store, (*w)->manifest, (*w)->clones, ScanOptions{true, c.ctx.workspace.ModulesConstraints()});
  if (!r.ok()) return FailPage(c, r.status());
  AdvisoryService svc = c.Advisories();
  auto change = OpenModuleAdvisory(svc, c.who.actor, *r, **w, c.req.Param("module"), c.req.Param("vulnerability"));
  if (!change.ok()) return FailPage(c, change.status());
  Redirect(c, "/advisories/" + change->advisory.id);
}

void ModuleForwardPost(Call& c) {
  if (!CsrfOk(c)) return FailPage(c, kExpired);
  auto w = ConfiguredWorkspace(c);
  if (!w.ok()) return FailPage(c, w.status());
  ForwardRequest req;
  req.to = c.req.Param("to");
  req.mbox = c.ctx.options.notify.mbox;
  req.smtp = c.ctx.options.notify.smtp;
  AdvisoryService svc = c.Advisories();
  auto out = ForwardToUpstream(svc, c.who.actor, c.Arg(1), req, *w ? &**w : nullptr, c.ctx.clock.Now());
  if (!out.ok()) return FailPage(c, out.status());
  Redirect(c, "/advisories/" + out->change.advisory.id);
}

void ModuleUpstreamPost(Call& c) {
  if (!CsrfOk(c)) return FailPage(c, kExpired);
  auto w = ConfiguredWorkspace(c);
  if (!w.ok()) return FailPage(c, w.status());
  auto p = [&](const char* k) { return Trim(c.req.Param(k)); };
  UpstreamUpdate u;
  for (auto [name, field] : {std::pair{"acknowledged", &u.acknowledged_on}, {"embargo", &u.embargo_ends}}) {
    if (p(name).empty()) continue;
    auto d = Date::Parse(p(name));
    if (!d.ok()) return FailPage(c, std::move(Status::Invalid("expected a date (YYYY-MM-DD), got '" + p(name) + "'").Field(name)));
    *field = *d;
  }
  u.advisory = p("advisory");
  u.route = p("route");
  std::string fixed = p("fixed");
  for (std::string_view f : SplitViews(fixed, ','))
    if (!Trim(std::string(f)).empty()) u.fixed.push_back(Trim(std::string(f)));
  u.forwarded_to = p("forwarded_to");
  AdvisoryService svc = c.Advisories();
  auto change = RecordUpstream(svc, c.who.actor, c.Arg(1), u, *w ? &**w : nullptr, c.ctx.clock.Now().date());
  if (!change.ok()) return FailPage(c, change.status());
  Redirect(c, "/advisories/" + change->advisory.id);
}

}  // namespace psirt::web
