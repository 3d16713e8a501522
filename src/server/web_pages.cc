// The web dashboard: server-rendered pages over the same services and the
// same access filter as the API - the agenda, the advisory list with
// filters and search, the advisory page (details, timeline, fix/backport
// table, need-to-know list, exports, a form for every action), sign-in,
// the public "Report a vulnerability" form and the reporter's page (their
// private link, or their account: the same reporter portal). A refused
// form comes back filled in as it was typed, with the message beside the
// field it is about. This file wires the routes and renders error pages;
// the pages live in server/web_*.cc.
#include "server/web_pages.h"


#include "app/audience_service.h"
#include "core/event_payloads.h"

#include <sodium.h>

#include "app/intake_service.h"
#include "app/reporter_portal.h"
#include "core/cvss/cvss_names.h"
#include "formats/markdown.h"
#include "formats/record_parts.h"
#include "base/strings.h"
#include "core/agenda.h"
#include "core/fix_status.h"
#include "formats/psirt_json.h"
#include "server/jobs.h"
#include "server/server.h"
#include "app/advisory_views.h"
#include "server/web_support.h"

namespace psirt {

using html::Esc;
using namespace web;

void RenderWebError(ServerContext& ctx, const Principal& who, const Status& st, http::Response& res) {
  int code = http::HttpStatus(st, who.signed_in());
  auto page = [&](const std::string& title, const std::string& body, int status) {
    res.status = status;
    res.SetContent(html::Page(FrameFor(who, title), body), "text/html; charset=utf-8");
  };
  if (code == 404) return page("Not found", "<h1>Not found</h1><p>There is no such page or advisory.</p>", 404);
  if (code == 401) {
    res.status = 303;
    res.SetHeader("Location", "/login");
    return;
  }
  if (code == 503) {
    res.SetHeader("Retry-After", "5");
    return page("Unavailable", "<h1>Unavailable</h1><p class=\"error\">The server cannot reach its database right now. "
                               "Go back and try again in a moment: nothing was lost.</p>", 503);
  }
  std::string msg = code >= 500 ? "Something went wrong on the server." : st.ToString();
  page("Error", "<h1>Error</h1><p class=\"error\">" + Esc(msg) + "</p><p><a href=\"javascript:history.back()\">Back</a></p>", code);
  (void)ctx;
}

void RegisterWebRoutes(Routes& routes) {
  auto get = [&](const std::string& pattern, Access access, CallHandler fn) {
    routes.Add({"GET", pattern, access, BodyKind::kNone, std::move(fn)});
  };
  auto post = [&](const std::string& pattern, Access access, BodyKind body, CallHandler fn) {
    routes.Add({"POST", pattern, access, body, std::move(fn)});
  };
  get("/", Access::kAnyone, AgendaPage);
  get("/advisories", Access::kAnyone, ListPage);
  get("/advisories/([^/]+)", Access::kAnyone, [](Call& c) { AdvisoryPage(c); });
  post("/advisories/([^/]+)/(note|ack|triage|assign|fix|cve|credit|edit|move|github-resolve|github-prs|github-push|github-request-cve|github-publish)",
       Access::kSignedIn, BodyKind::kForm, ActionPost);
  post("/github/pull", Access::kPsirt, BodyKind::kForm, GithubPullPost);
  get("/login", Access::kAnyone, [](Call& c) { LoginPage(c); });
  post("/login", Access::kAnyone, BodyKind::kForm, LoginPost);
  post("/logout", Access::kAnyone, BodyKind::kForm, LogoutPost);
  get("/report", Access::kAnyone, [](Call& c) { ReportForm(c); });
  post("/report", Access::kAnyone, BodyKind::kReport, ReportPost);
  get("/r/([^/]+)", Access::kAnyone, [](Call& c) { ReporterLinkPage(c); });
  post("/r/([^/]+)", Access::kAnyone, BodyKind::kForm, ReporterLinkPost);
  get("/jobs", Access::kPsirt, JobsPage);
  get("/modules", Access::kSignedIn, ModulesPage);
  get("/modules/history", Access::kSignedIn, ModuleHistoryPage);
  get("/modules/identity", Access::kSignedIn, ModuleIdentityPage);
  get("/modules/constraints", Access::kSignedIn, ModuleConstraintsPage);
  post("/modules/vex", Access::kSignedIn, BodyKind::kForm, ModuleVexPost);
  post("/modules/open", Access::kPsirt, BodyKind::kForm, ModuleOpenPost);
  post("/advisories/([^/]+)/module-forward", Access::kPsirt, BodyKind::kForm, ModuleForwardPost);
  post("/advisories/([^/]+)/module-upstream", Access::kPsirt, BodyKind::kForm, ModuleUpstreamPost);
  get("/cve-services", Access::kPsirt, CveServicesPage);
  post("/cve-services/reserve", Access::kPsirt, BodyKind::kForm, CveReservePost);
  post("/cve-services/update-all", Access::kPsirt, BodyKind::kForm, CveUpdateAllPost);
  post("/cve-services/reject", Access::kPsirt, BodyKind::kForm, CveRejectPost);
  post("/advisories/([^/]+)/cve-assign", Access::kPsirt, BodyKind::kForm, CveAssignPost);
  post("/advisories/([^/]+)/cve-publish", Access::kPsirt, BodyKind::kForm, CvePublishPost);
  post("/advisories/([^/]+)/patch-check", Access::kSignedIn, BodyKind::kForm, PatchCheckPost);
  // Everything else: the not-found page.
  get("/.*", Access::kAnyone, [](Call& c) { FailPage(c, Status::NotFound("no such page")); });
  post("/.*", Access::kAnyone, BodyKind::kForm, [](Call& c) { FailPage(c, Status::NotFound("no such page")); });
}

}  // namespace psirt