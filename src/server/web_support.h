// Internal to the dashboard's page files (server/web_*.cc): the page frame,
// CSRF tokens for forms before and after sign-in, the form helpers that
// bring a refused form back as typed with the message beside its field,
// the shared fragments (state badge, countdown, advisory rows, action
// form, reporter portal) and every page handler RegisterWebRoutes wires.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/reporter_portal.h"
#include "core/summary.h"
#include "server/html.h"
#include "server/server.h"

namespace psirt::web {

inline constexpr const char* kFormCookie = "psirt_form";  // CSRF for forms before sign-in
// A form whose CSRF token is missing, expired or from another site.
extern const Status kExpired;

// Cookie attributes (Secure under TLS).
std::string CookieAttrs(const ServerContext& ctx, long max_age);
// A form token signed with the database's form key, and its check.
std::string SignedFormToken(const ServerContext& ctx, const std::string& nonce);
bool FormTokenValid(const ServerContext& ctx, const std::string& token);
// The CSRF token a page's forms carry (the session's, or a signed one).
std::string FormToken(Call& c);
// Whether a POST carries the right CSRF token.
bool CsrfOk(const Call& c);
// The page frame for `who`.
html::Frame FrameFor(const Principal& who, const std::string& title);
void SendPage(Call& c, const std::string& title, const std::string& body, int status = 200);
void FailPage(Call& c, const Status& st);
void Redirect(Call& c, const std::string& to);

// A refused form: which, the request as typed, and why.
struct Refused {
  std::string form;  // the action (note, move, ...) or page form name
  const http::Request* req = nullptr;
  Status error;
  bool For(const std::string& f) const { return req && form == f; }
  std::string Value(const std::string& f, const std::string& name) const { return For(f) ? req->Param(name) : ""; }
};
std::string FieldError(const Refused* r, const std::string& form, const std::string& name);
std::string FormError(const Refused* r, const std::string& form, std::initializer_list<const char*> fields);
std::string Input(const std::string& name, const std::string& label, const Refused* r = nullptr, const std::string& form = "",
                  const std::string& type = "text");
std::string TextArea(const std::string& name, const std::string& label, int rows, const Refused* r = nullptr,
                     const std::string& form = "");
// One action's form on an advisory page, folded until opened.
std::string Form(const std::string& id, const std::string& action, const std::string& title, const std::string& csrf,
                 const std::string& fields, const Refused* r = nullptr, std::initializer_list<const char*> names = {},
                 const std::string& confirm = "");
// A JSON value as text (strings and string lists plainly).
std::string Shown(const nlohmann::json& v);

std::string StateBadge(State s);
std::string Countdown(const std::optional<Date>& d, Date today);
std::string AdvisoryRows(const std::vector<const AdvisorySummary*>& rows, const Policy& policy, Date today, bool insider);
bool TeamMember(const Principal& who);
// The reporter portal's page (their link or their account).
void ReporterPortalPage(Call& c, const ReporterView& v, const std::string& post_to, const std::string& csrf,
                        const Refused* r = nullptr, const std::string& notice = "", int status = 200);

// The pages (server/web_list_pages.cc, web_advisory_page.cc,
// web_account_pages.cc, web_intake_pages.cc, web_jobs_page.cc).
void AgendaPage(Call& c);
void ListPage(Call& c);
void AdvisoryPage(Call& c, const Refused* refused = nullptr, int status = 200);
void ActionPost(Call& c);
void LoginPage(Call& c, const Refused* r = nullptr, int status = 200);
void LoginPost(Call& c);
void LogoutPost(Call& c);
void ReportForm(Call& c, const Refused* r = nullptr, int status = 200);
void ReportPost(Call& c);
void ReporterLinkPage(Call& c, const Refused* r = nullptr, int status = 200);
void ReporterLinkPost(Call& c);
void JobsPage(Call& c);
void ModulesPage(Call& c);
void ModuleVexPost(Call& c);
void ModuleOpenPost(Call& c);
void ModuleHistoryPage(Call& c);   // /modules/history: what each release shipped
void ModuleIdentityPage(Call& c);  // /modules/identity: each module's identity and bundled code
void ModuleConstraintsPage(Call& c);  // /modules/constraints: version constraints between modules, checked
      // /modules/open: a finding becomes an advisory
void ModuleForwardPost(Call& c);   // /advisories/ID/module-forward
void ModuleUpstreamPost(Call& c);  // /advisories/ID/module-upstream
// The advisory page's module section: the module, its upstream, the scan's
// status and the coordination, with the PSIRT's forms.
std::string ModuleSection(const Advisory& a, Call& c);
void GithubPullPost(Call& c);
// CVE Services (server/web_cve_page.cc): the /cve-services page and its
// forms, and the advisory page's CVE record section (PSIRT only).
void CveServicesPage(Call& c);
void CveReservePost(Call& c);
void CveUpdateAllPost(Call& c);
void CveRejectPost(Call& c);
void CveAssignPost(Call& c);   // /advisories/ID/cve-assign
void CvePublishPost(Call& c);  // /advisories/ID/cve-publish
std::string CveSection(const Advisory& a, Call& c);
// Embargoed fixes (server/web_patch_section.cc): the advisory page's
// section and its check form (insiders only).
std::string PatchSection(const Advisory& a, Call& c);
void PatchCheckPost(Call& c);  // /advisories/ID/patch-check

}  // namespace psirt::web
