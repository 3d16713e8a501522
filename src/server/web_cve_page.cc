// The dashboard's CVE Services place (PSIRT only): /cve-services with the
// pool of reserved ids, reserve / update-all / reject forms and, when
// asked, the organisation's ids and quota at the service; the advisory
// page's "CVE record" section with assign-reserved and publish (dry run or
// send). Every form calls the same CveService as the CLI and the API.
#include "app/cve_service.h"
#include "app/workspace.h"
#include "base/strings.h"
#include "server/web_support.h"

namespace psirt::web {
namespace {

using html::Esc;

std::string CveField(const char* name, const char* label, const char* type = "text", const std::string& value = "") {
  return std::string("<label>") + label + " <input type=\"" + type + "\" name=\"" + name + "\" value=\"" + Esc(value) + "\"></label>";
}

// This request's CveService; its client when credentials are configured.
Result<std::unique_ptr<CveServicesClient>> CveClient(Call& c, bool required) {
  return OpenCveServices(CveServicesAccessOf(c.ctx.workspace), required);
}

std::string OutcomeList(const std::vector<CvePublishOutcome>& all) {
  if (all.empty()) return "<p>No record to send: every Public advisory's record is as last sent (or was never sent by psirt).</p>";
  std::string b = "<table id=\"cve-records\"><thead><tr><th>CVE</th><th>Advisory</th><th>Result</th></tr></thead><tbody>";
  for (const CvePublishOutcome& o : all) {
    b += "<tr><td>" + Esc(o.cve) + "</td><td><a href=\"/advisories/" + Esc(o.advisory) + "\">" + Esc(o.advisory) + "</a></td><td>" +
         Esc(o.action) + "</td></tr>";
    if (o.action == "dry-run")
      b += "<tr><td colspan=\"3\"><pre class=\"request\">" + Esc(o.request_body.dump(2)) + "</pre></td></tr>";
  }
  return b + "</tbody></table>";
}

std::string Back(const std::string& to) { return "<p><a href=\"" + Esc(to) + "\">Back</a></p>"; }

}  // namespace

void CveServicesPage(Call& c) {
  const CveServicesInfo& s = c.ctx.config().cve_services;
  CveService svc(*c.store, c.ctx.config(), c.ctx.clock, c.ctx.workspace.RepositoryDir(), nullptr);
  auto pool = svc.Pool();
  if (!pool.ok()) return FailPage(c, pool.status());
  Result<std::string> url = CveServicesBaseUrl(s.api_url);
  std::string b = "<h1>CVE Services</h1><p>Service " + Esc(url.ok() ? *url : s.api_url) + "; credentials from " +
                  (s.credentials_file.empty() ? std::string("CVE_API_ORG, CVE_API_USER, CVE_API_KEY")
                                              : Esc(s.credentials_file) + " (CVE_API_* win)") +
                  "; records updated every " + (s.update_minutes ? std::to_string(s.update_minutes) + " minutes" : std::string("(off)")) +
                  " (cve_services: in psirt.yml).</p>";
  b += "<h2>Reserved ids</h2><table id=\"cve-pool\"><thead><tr><th>CVE</th><th>State</th><th>Reserved</th><th>Advisory</th></tr></thead><tbody>";
  for (const CvePoolEntry& e : *pool)
    b += "<tr><td>" + Esc(e.cve_id) + "</td><td>" + Esc(e.state) + "</td><td>" + Esc(e.reserved) + "</td><td>" +
         (e.advisory.empty() ? std::string("free") : "<a href=\"/advisories/" + Esc(e.advisory) + "\">" + Esc(e.advisory) + "</a>") +
         "</td></tr>";
  b += "</tbody></table>";
  std::string csrf = html::CsrfField(c.who.csrf);
  b += "<form method=\"post\" action=\"/cve-services/reserve\" id=\"cve-reserve\">" + csrf + CveField("count", "How many", "number", "1") +
       CveField("year", "Year", "number", std::to_string(c.ctx.clock.Now().date().year())) +
       "<label><input type=\"checkbox\" name=\"sequential\" value=\"1\"> sequential</label><button type=\"submit\">Reserve</button></form>";
  b += "<h2>Update published records</h2><p>Republishes every Public advisory whose record changed since psirt sent it "
       "(a new backport, a new fixed release).</p><form method=\"post\" action=\"/cve-services/update-all\" id=\"cve-update-all\">" + csrf +
       "<button type=\"submit\" name=\"dry_run\" value=\"1\">Show what would be sent</button> <button type=\"submit\">Send</button></form>";
  b += "<h2>Reject</h2><form method=\"post\" action=\"/cve-services/reject\" id=\"cve-reject\" onsubmit=\"return confirm('Reject this CVE id?')\">" +
       csrf + CveField("cve", "CVE id") + CveField("reason", "Reason") + "<button type=\"submit\">Reject</button></form>";
  b += "<h2>At the service</h2><form method=\"get\" action=\"/cve-services\"><label>State <select name=\"state\"><option value=\"\">any</option>"
       "<option>reserved</option><option>published</option><option>rejected</option></select></label>"
       "<input type=\"hidden\" name=\"ask\" value=\"1\"><button type=\"submit\">List the organisation's ids and quota</button></form>";
  if (c.req.Param("ask") == "1") {
    auto client = CveClient(c, true);
    if (!client.ok()) return FailPage(c, client.status());
    std::string state = c.req.Param("state");
    if (!state.empty() && state != "reserved" && state != "published" && state != "rejected")
      return FailPage(c, std::move(Status::Invalid("state: expected reserved, published or rejected").Field("state")));
    auto quota = (*client)->Quota();
    if (!quota.ok()) return FailPage(c, quota.status());
    auto ids = (*client)->List(state);
    if (!ids.ok()) return FailPage(c, ids.status());
    b += "<p id=\"cve-quota\">Quota " + std::to_string(quota->value("id_quota", 0)) + ", reserved " +
         std::to_string(quota->value("total_reserved", 0)) + ", available " + std::to_string(quota->value("available", 0)) + ".</p>";
    b += "<table id=\"cve-ids\"><thead><tr><th>CVE</th><th>State</th><th>Reserved</th></tr></thead><tbody>";
    for (const CveIdInfo& i : *ids) b += "<tr><td>" + Esc(i.cve_id) + "</td><td>" + Esc(i.state) + "</td><td>" + Esc(i.reserved) + "</td></tr>";
    b += "</tbody></table>";
  }
  SendPage(c, "CVE Services", b);
}

void CveReservePost(Call& c) {
  if (!CsrfOk(c)) return FailPage(c, kExpired);
  auto number = [&](const char* name, int def, int lo, int hi) -> Result<int> {
    std::string v = Trim(c.req.Param(name));
    if (v.empty()) return def;
    char* end = nullptr;
    long n = std::strtol(v.c_str(), &end, 10);
    if (*end || n < lo || n > hi)
      return std::move(Status::Invalid(std::string(name) + ": expected a number from " + std::to_string(lo) + " to " + std::to_string(hi)).Field(name));
    return static_cast<int>(n);
  };
  int this_year = c.ctx.clock.Now().date().year();
  auto count = number("count", 1, 1, 1000);
  if (!count.ok()) return FailPage(c, count.status());
  auto year = number("year", this_year, 1999, this_year + 1);
  if (!year.ok()) return FailPage(c, year.status());
  auto client = CveClient(c, true);
  if (!client.ok()) return FailPage(c, client.status());
  CveService svc(*c.store, c.ctx.config(), c.ctx.clock, c.ctx.workspace.RepositoryDir(), client->get());
  auto added = svc.Reserve(*count, *year, c.req.Param("sequential") == "1");
  if (!added.ok()) return FailPage(c, added.status());
  Redirect(c, "/cve-services");
}

void CveUpdateAllPost(Call& c) {
  if (!CsrfOk(c)) return FailPage(c, kExpired);
  bool dry_run = c.req.Param("dry_run") == "1";
  auto client = CveClient(c, !dry_run);
  if (!client.ok()) return FailPage(c, client.status());
  CveService svc(*c.store, c.ctx.config(), c.ctx.clock, c.ctx.workspace.RepositoryDir(), client->get());
  auto all = svc.UpdateAll(c.who.actor, dry_run);
  if (!all.ok()) return FailPage(c, all.status());
  SendPage(c, "CVE records", std::string("<h1>") + (dry_run ? "What update-all would send" : "CVE records updated") + "</h1>" +
                                 OutcomeList(*all) + Back("/cve-services"));
}

void CveRejectPost(Call& c) {
  if (!CsrfOk(c)) return FailPage(c, kExpired);
  std::string cve = Trim(c.req.Param("cve")), reason = Trim(c.req.Param("reason"));
  if (cve.empty()) return FailPage(c, std::move(Status::Invalid("cve: expected CVE-YYYY-NNNN").Field("cve")));
  if (reason.empty()) return FailPage(c, std::move(Status::Invalid("reason: expected why the id is rejected").Field("reason")));
  auto client = CveClient(c, true);
  if (!client.ok()) return FailPage(c, client.status());
  CveService svc(*c.store, c.ctx.config(), c.ctx.clock, c.ctx.workspace.RepositoryDir(), client->get());
  Status st = svc.Reject(c.who.actor, cve, reason);
  if (!st.ok()) return FailPage(c, st);
  Redirect(c, "/cve-services");
}

std::string CveSection(const Advisory& a, Call& c) {
  std::string b = "<h2>CVE record</h2><p id=\"cve-record\">";
  if (a.cve_id.empty()) b += "No CVE id yet.";
  else if (!a.cve_record) b += Esc(a.cve_id) + ": not sent to CVE Services by psirt.";
  else
    b += Esc(a.cve_id) + ": " + Esc(a.cve_record->action) + " at CVE Services " + Esc(a.cve_record->at.ToString()) +
         " <span class=\"muted\">(record " + Esc(a.cve_record->fingerprint.substr(0, 12)) + ")</span>";
  b += "</p>";
  std::string action = "/advisories/" + Esc(a.id);
  std::string csrf = html::CsrfField(c.who.csrf);
  if (a.cve_id.empty())
    b += "<form method=\"post\" action=\"" + action + "/cve-assign\" id=\"cve-assign\">" + csrf +
         "<button type=\"submit\">Give it the next reserved id</button></form>";
  else
    b += "<form method=\"post\" action=\"" + action + "/cve-publish\" id=\"cve-publish\">" + csrf +
         (a.state == State::kPublic ? std::string() : CveField("early_reason", "Publish before the advisory is Public because")) +
         "<button type=\"submit\" name=\"dry_run\" value=\"1\">Show the record</button> <button type=\"submit\">Publish to CVE Services</button></form>";
  return b;
}

void CveAssignPost(Call& c) {
  if (!CsrfOk(c)) return FailPage(c, kExpired);
  CveService svc(*c.store, c.ctx.config(), c.ctx.clock, c.ctx.workspace.RepositoryDir(), nullptr);
  auto change = svc.AssignReserved(c.who.actor, c.Arg(1));
  if (!change.ok()) return FailPage(c, change.status());
  Redirect(c, "/advisories/" + change->advisory.id);
}

void CvePublishPost(Call& c) {
  if (!CsrfOk(c)) return FailPage(c, kExpired);
  CvePublishOptions o;
  o.dry_run = c.req.Param("dry_run") == "1";
  o.early_reason = Trim(c.req.Param("early_reason"));
  auto client = CveClient(c, !o.dry_run);
  if (!client.ok()) return FailPage(c, client.status());
  CveService svc(*c.store, c.ctx.config(), c.ctx.clock, c.ctx.workspace.RepositoryDir(), client->get());
  auto out = svc.Publish(c.who.actor, c.Arg(1), o);
  if (!out.ok()) return FailPage(c, out.status());
  SendPage(c, "CVE record", std::string("<h1>") + (o.dry_run ? "The record psirt would send" : "CVE record sent") + "</h1>" +
                                OutcomeList({*out}) + Back("/advisories/" + out->advisory));
}

}  // namespace psirt::web
