// The advisory page's "Embargoed fix" section (insiders only): the series
// attached, each branch's last check, and a form to check again; its POST.
#include "app/patch_service.h"
#include "server/web_support.h"

namespace psirt::web {

using html::Esc;

std::string PatchSection(const Advisory& a, Call& c) {
  std::string b = "<h2>Embargoed fix</h2>";
  if (a.patch_series.empty())
    return b + "<p class=\"muted\" id=\"patches\">No patch series attached (psirt patch add " + Esc(a.id) + " FILE...).</p>";
  const PatchSeries& s = a.patch_series.back();
  b += "<p id=\"patches\">Series " + std::to_string(s.number) + " (<a href=\"/api/v1/advisories/" + Esc(a.id) + "/patches/" +
       std::to_string(s.number) + "\">text</a>):</p><ol>";
  for (const PatchInfo& p : s.patches)
    b += "<li>" + Esc(p.subject) + " <span class=\"muted\">" + Esc(p.author) + ", patch-id " + Esc(p.patch_id.substr(0, 12)) + "</span></li>";
  b += "</ol><table id=\"patch-checks\"><thead><tr><th>Branch</th><th>Result</th><th>Tip</th></tr></thead><tbody>";
  for (const PatchCheckResult& r : a.patch_checks)
    b += "<tr><td>" + Esc(r.branch) + "</td><td class=\"" + (r.fit == PatchFit::kConflicts ? "overdue" : "") + "\">" +
         Esc(DescribePatchCheck(r)) + "</td><td>" + Esc(r.tip.substr(0, 12)) + "</td></tr>";
  b += "</tbody></table>";
  if (!a.patch_tests.empty()) {
    b += "<table id=\"patch-tests\"><thead><tr><th>Branch</th><th>Tests</th><th>Output</th></tr></thead><tbody>";
    for (const PatchTestResult& t : a.patch_tests)
      b += "<tr><td>" + Esc(t.branch) + "</td><td class=\"" + (t.failed() ? "overdue" : "") + "\">" + Esc(t.result) +
           "</td><td><details><summary>output</summary><pre>" + Esc(t.output) + "</pre></details></td></tr>";
    b += "</tbody></table>";
  }
  b += "<form method=\"post\" action=\"/advisories/" + Esc(a.id) + "/patch-check\" id=\"patch-check\">" +
       html::CsrfField(c.who.csrf) + "<button type=\"submit\">Check on the main and policy branches</button></form>";
  return b;
}

void PatchCheckPost(Call& c) {
  if (!CsrfOk(c)) return FailPage(c, kExpired);
  auto r = c.ReadAsInsider(c.Arg(1));
  if (!r.ok()) return FailPage(c, r.status());
  if (c.ctx.config().repository.empty()) return FailPage(c, Status::Invalid("psirt.yml names no repository"));
  PatchService svc(c.Advisories(), *c.store, c.ctx.config(), c.ctx.clock, c.ctx.workspace.RepositoryDir());
  auto out = svc.Check(c.who.actor, c.Arg(1), {});
  if (!out.ok()) return FailPage(c, out.status());
  Redirect(c, "/advisories/" + r->advisory.id);
}

}  // namespace psirt::web
