// The dashboard's shared page parts (server/web_support.h).

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

namespace psirt::web {

using html::Esc;

std::string CookieAttrs(const ServerContext& ctx, long max_age) {
  return "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age) + (ctx.tls ? "; Secure" : "");
}

// Pre-sign-in CSRF tokens are bound to the server: a random nonce and its
// HMAC under the server's form key (kept in the database, so every
// instance accepts them). A cookie the server did not issue is worthless.
std::string SignedFormToken(const ServerContext& ctx, const std::string& nonce) {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(ctx.form_key.data()), ctx.form_key.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(nonce.data()), nonce.size());
  crypto_auth_hmacsha256_final(&st, mac);
  char hex[sizeof mac * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return nonce + "." + hex;
}

bool FormTokenValid(const ServerContext& ctx, const std::string& token) {
  size_t dot = token.find('.');
  if (dot == std::string::npos || dot < 20 || token.size() > 200 || ctx.form_key.empty()) return false;
  return SecretsEqual(SignedFormToken(ctx, token.substr(0, dot)), token);
}

// The CSRF token of this browser: the session's, else a signed form
// cookie (double submit), set on first use.
std::string FormToken(Call& c) {
  if (c.who.session) return c.who.csrf;
  std::string t = c.req.Cookie(kFormCookie);
  if (!FormTokenValid(c.ctx, t)) {
    t = SignedFormToken(c.ctx, NewSecret(""));
    c.res.SetHeader("Set-Cookie", std::string(kFormCookie) + "=" + t + CookieAttrs(c.ctx, 86400));
  }
  return t;
}

bool CsrfOk(const Call& c) {
  std::string sent = c.req.Param("csrf");
  if (sent.empty()) return false;
  if (c.who.session) return SecretsEqual(sent, c.who.csrf);
  std::string cookie = c.req.Cookie(kFormCookie);
  return FormTokenValid(c.ctx, cookie) && SecretsEqual(sent, cookie);
}

extern const Status kExpired;
const Status kExpired = Status::Invalid("the form expired or came from another site: send it again");

html::Frame FrameFor(const Principal& who, const std::string& title) {
  html::Frame f;
  f.title = title;
  if (who.user) {
    f.user = who.user->name;
    f.role = std::string(RoleName(who.user->role));
    f.csrf = who.csrf;
  }
  return f;
}

void SendPage(Call& c, const std::string& title, const std::string& body, int status) {
  c.res.status = status;
  c.res.SetContent(html::Page(FrameFor(c.who, title), body), "text/html; charset=utf-8");
}

void FailPage(Call& c, const Status& st) { RenderWebError(c.ctx, c.who, st, c.res); }

void Redirect(Call& c, const std::string& to) {
  c.res.status = 303;
  c.res.SetHeader("Location", to);
}

// A form that was refused: which one, what was typed, and why.

std::string FieldError(const Refused* r, const std::string& form, const std::string& name) {
  if (!r || !r->For(form) || r->error.field() != name) return "";
  return "<span class=\"field-error\" role=\"alert\">" + Esc(r->error.message()) + "</span>";
}

// The form-level message when the error is not about one of its fields.
std::string FormError(const Refused* r, const std::string& form, std::initializer_list<const char*> fields) {
  if (!r || !r->For(form)) return "";
  for (const char* f : fields)
    if (r->error.field() == f) return "";
  return "<p class=\"error\" role=\"alert\">" + Esc(r->error.message()) + "</p>";
}

std::string Input(const std::string& name, const std::string& label, const Refused* r, const std::string& form,
                  const std::string& type) {
  std::string value = r ? r->Value(form, name) : "";
  return "<label>" + Esc(label) + " <input type=\"" + type + "\" name=\"" + name + "\"" +
         (value.empty() ? "" : " value=\"" + Esc(value) + "\"") + ">" + FieldError(r, form, name) + "</label>";
}

std::string TextArea(const std::string& name, const std::string& label, int rows, const Refused* r,
                     const std::string& form) {
  return "<label>" + Esc(label) + " <textarea name=\"" + name + "\" rows=\"" + std::to_string(rows) + "\">" +
         Esc(r ? r->Value(form, name) : "") + "</textarea>" + FieldError(r, form, name) + "</label>";
}

std::string StateBadge(State s) {
  std::string n(StateName(s));
  return "<span class=\"state state-" + n + "\">" + n + "</span>";
}

std::string Countdown(const std::optional<Date>& d, Date today) {
  if (!d) return "<span class=\"muted\">unknown</span>";
  std::int64_t days = today.DaysUntil(*d);
  std::string text = days < 0 ? std::to_string(-days) + " days overdue" : days == 0 ? "due today" : std::to_string(days) + " days left";
  return Esc(d->ToString()) + " <span data-deadline=\"" + d->ToString() + "\" class=\"" +
         (days < 0 ? "overdue" : days <= 7 ? "due-soon" : "") + "\">" + text + "</span>";
}

std::string AdvisoryRows(const std::vector<const AdvisorySummary*>& rows, const Policy& policy, Date today, bool insider) {
  std::string h = "<table><thead><tr><th>Advisory</th><th>State</th><th>Title</th><th>CVE</th><th>Severity</th>" +
                  std::string(insider ? "<th>Assignee</th><th>Embargo ends</th>" : "") + "</tr></thead><tbody>";
  for (const AdvisorySummary* s : rows) {
    Deadlines d = DeadlinesOf(policy, *s);
    bool open = IsOpen(s->state);
    h += "<tr><td><a href=\"/advisories/" + Esc(s->id) + "\">" + Esc(s->id) + "</a></td><td>" + StateBadge(s->state) +
         "</td><td>" + Esc(s->title) + "</td><td>" + Esc(s->cve_id) + "</td><td>" + Esc(s->cvss_severity) + "</td>";
    if (insider) h += "<td>" + Esc(s->assignee) + "</td><td>" + (open ? Countdown(d.embargo_ends, today) : "") + "</td>";
    h += "</tr>";
  }
  return h + "</tbody></table>";
}

bool TeamMember(const Principal& who) {
  return who.signed_in() && who.viewer.role != Role::kReporter;
}


std::string Form(const std::string& id, const std::string& action, const std::string& title, const std::string& csrf,
                 const std::string& fields, const Refused* r, std::initializer_list<const char*> names,
                 const std::string& confirm) {
  // Folded until opened; a refused form comes back open, with what was typed.
  bool open = r && r->For(action);
  return "<details class=\"action\" id=\"form-" + action + "\"" + (open ? " open" : "") + "><summary>" + Esc(title) +
         "</summary>" + FormError(r, action, names) + "<form method=\"post\" action=\"/advisories/" + Esc(id) + "/" + action +
         "\"" + (confirm.empty() ? "" : " data-confirm=\"" + Esc(confirm) + "\"") + ">" + html::CsrfField(csrf) + fields +
         "<button type=\"submit\">" + Esc(title) + "</button></form></details>";
}

std::string Shown(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array() && std::all_of(v.begin(), v.end(), [](const auto& x) { return x.is_string(); })) {
    std::vector<std::string> parts;
    for (const auto& x : v) parts.push_back(x.get<std::string>());
    return Join(parts);
  }
  return v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// What GitHub sync knows: the GHSA, its collaborators and ranges, the PRs,
// open conflicts with the choice to make.

void ReporterPortalPage(Call& c, const ReporterView& v, const std::string& post_to, const std::string& csrf,
                        const Refused* r, const std::string& notice, int status) {
  std::string b = "<h1>Your report: " + Esc(v.title) + "</h1>";
  if (!notice.empty()) b += "<p class=\"notice\">" + Esc(notice) + "</p>";
  b += "<table id=\"report\"><tbody>";
  if (!v.id.empty()) b += "<tr><th>Reference</th><td>" + Esc(v.id) + "</td></tr>";
  b += "<tr><th>State</th><td>" + StateBadge(v.state) + "</td></tr><tr><th>Received</th><td>" +
       Esc(v.reported_on ? v.reported_on->ToString() : "") + "</td></tr><tr><th>Acknowledged</th><td>" +
       (v.acknowledged ? "yes" : "not yet") + "</td></tr>";
  if (v.embargo_ends && IsOpen(v.state))
    b += "<tr><th>Published at the latest</th><td>" + Esc(v.embargo_ends->ToString()) + "</td></tr>";
  if (!v.cve_id.empty()) b += "<tr><th>CVE</th><td>" + Esc(v.cve_id) + "</td></tr>";
  b += "</tbody></table><h2>Conversation</h2><ol class=\"timeline\" id=\"conversation\">";
  for (const ReporterMessage& m : v.conversation)
    b += "<li><span class=\"muted\">" + Esc(m.time.ToString()) + " " + (m.from_reporter ? "you" : "security team") +
         ":</span> <span class=\"message\">" + Esc(m.text) + "</span></li>";
  b += "</ol>" + FormError(r, "reply", {"text"}) + "<form method=\"post\" action=\"" + Esc(post_to) + "\" id=\"reply\">" +
       html::CsrfField(csrf) + TextArea("text", "Answer or add information", 4, r, "reply") +
       "<button type=\"submit\">Send</button></form>";
  SendPage(c, "Your report", b, status);
}

// The actions this viewer may take on the advisory, each a form (a refused
// one comes back filled in, its message beside the field).

}  // namespace psirt::web
