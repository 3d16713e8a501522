// The web dashboard: server-rendered pages over the same services and the
// same access filter as the API - the agenda, the advisory list with
// filters and search, the advisory page (details, timeline, fix/backport
// table, need-to-know list, exports, a form for every action), sign-in,
// the public "Report a vulnerability" form and the reporter's page (their
// private link, or their account: the same reporter portal). A refused
// form comes back filled in as it was typed, with the message beside the
// field it is about.
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
#include "server/views.h"

namespace psirt {
namespace {

using html::Esc;
constexpr const char* kFormCookie = "psirt_form";  // CSRF for forms before sign-in

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

void SendPage(Call& c, const std::string& title, const std::string& body, int status = 200) {
  c.res.status = status;
  c.res.SetContent(html::Page(FrameFor(c.who, title), body), "text/html; charset=utf-8");
}

void FailPage(Call& c, const Status& st) { RenderWebError(c.ctx, c.who, st, c.res); }

void Redirect(Call& c, const std::string& to) {
  c.res.status = 303;
  c.res.SetHeader("Location", to);
}

// A form that was refused: which one, what was typed, and why.
struct Refused {
  std::string form;  // the action (note, move, ...) or page form name
  const http::Request* req = nullptr;
  Status error;
  bool For(const std::string& f) const { return req && form == f; }
  std::string Value(const std::string& f, const std::string& name) const { return For(f) ? req->Param(name) : ""; }
};

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

std::string Input(const std::string& name, const std::string& label, const Refused* r = nullptr, const std::string& form = "",
                  const std::string& type = "text") {
  std::string value = r ? r->Value(form, name) : "";
  return "<label>" + Esc(label) + " <input type=\"" + type + "\" name=\"" + name + "\"" +
         (value.empty() ? "" : " value=\"" + Esc(value) + "\"") + ">" + FieldError(r, form, name) + "</label>";
}

std::string TextArea(const std::string& name, const std::string& label, int rows, const Refused* r = nullptr,
                     const std::string& form = "") {
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
    Deadlines d = ComputeDeadlines(policy, s->reported_on, s->embargo_override);
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

void AgendaPage(Call& c) {
  Date today = c.ctx.clock.Now().date();
  auto visible = c.ctx.filter.Visible(*c.store, c.who.viewer);
  if (!visible.ok()) return FailPage(c, visible.status());
  std::string body;
  if (!TeamMember(c.who)) {
    std::vector<const AdvisorySummary*> own, pub;
    for (const auto& e : **visible) {
      if (e->summary.state == State::kPublic) pub.push_back(&e->summary);
      else own.push_back(&e->summary);
    }
    body = "<h1>Security advisories</h1><p>Found a vulnerability? <a href=\"/report\">Report it privately</a>." +
           std::string(c.who.signed_in() ? "" : " Team members <a href=\"/login\">sign in</a>.") + "</p>";
    if (!own.empty()) body += "<h2>Your reports</h2>" + AdvisoryRows(own, c.ctx.config().policy, today, false);
    body += "<h2>Published</h2>" + AdvisoryRows(pub, c.ctx.config().policy, today, false);
    return SendPage(c, "Security advisories", body);
  }
  auto agenda = AgendaFor(c, today);
  if (!agenda.ok()) return FailPage(c, agenda.status());
  const std::vector<Task>& tasks = agenda->tasks;
  // The overview: how many advisories in each state, what is overdue, and
  // what is assigned to this person.
  std::map<State, int> per_state;
  std::map<std::string, const AdvisorySummary*> by_id;
  std::vector<const AdvisorySummary*> mine;
  for (const auto& e : **visible) {
    ++per_state[e->summary.state];
    by_id[e->summary.id] = &e->summary;
    if (!c.who.viewer.handle.empty() && e->summary.assignee == c.who.viewer.handle && IsOpen(e->summary.state))
      mine.push_back(&e->summary);
  }
  int overdue = 0;
  for (const Task& t : tasks) overdue += t.due && *t.due < today;
  body = "<h1>Agenda</h1><ul class=\"overview\" id=\"overview\">";
  for (State s : kAllStates)
    body += "<li><a href=\"/advisories?state=" + std::string(StateName(s)) + "\"><strong>" + std::to_string(per_state[s]) +
            "</strong> " + std::string(StateName(s)) + "</a></li>";
  body += "<li class=\"" + std::string(overdue ? "overdue" : "") + "\"><strong>" + std::to_string(overdue) + "</strong> overdue</li>";
  body += "<li><strong>" + std::to_string(mine.size()) + "</strong> assigned to you</li></ul>";
  body += "<p>" + std::to_string(tasks.size()) + " tasks due on " + std::to_string(agenda->open) +
          " open advisories you may see.</p><table id=\"agenda\"><thead><tr><th>Due</th><th>Advisory</th><th>Title</th><th>Task</th></tr></thead><tbody>";
  for (const Task& t : tasks) {
    auto it = by_id.find(t.advisory);
    body += "<tr><td>" + Countdown(t.due, today) + "</td><td><a href=\"/advisories/" + Esc(t.advisory) + "\">" + Esc(t.advisory) +
            "</a></td><td>" + (it == by_id.end() ? "" : Esc(it->second->title)) + "</td><td>" + Esc(t.text) + "</td></tr>";
  }
  body += "</tbody></table>";
  if (!mine.empty()) body += "<h2>Assigned to you</h2>" + AdvisoryRows(mine, c.ctx.config().policy, today, true);
  SendPage(c, "Agenda", body);
}

// The list's filter form: the same filters as `psirt list` and the API.
std::string ListFilterForm(Call& c) {
  auto values = [&](std::string_view name) { return c.req.Params(name); };
  auto has = [](const std::vector<std::string>& v, std::string_view x) {
    return std::any_of(v.begin(), v.end(), [&](const std::string& s) { return EqualsIgnoreCaseAscii(s, x); });
  };
  std::string text = c.req.Param("text").empty() ? c.req.Param("q") : c.req.Param("text");
  std::string body = "<form method=\"get\" action=\"/advisories\" class=\"filters\"><label>Search <input type=\"text\" name=\"text\" value=\"" +
                     Esc(text) + "\"></label><label>State <select name=\"state\" multiple size=\"3\">";
  std::vector<std::string> states = values("state");
  for (State s : kAllStates) {
    std::string n(StateName(s));
    body += "<option" + std::string(has(states, n) ? " selected" : "") + ">" + n + "</option>";
  }
  body += "</select></label><label>Severity <select name=\"severity\" multiple size=\"3\">";
  std::vector<std::string> severities = values("severity");
  for (std::string_view sev : {"Critical", "High", "Medium", "Low", "None"})
    body += "<option" + std::string(has(severities, sev) ? " selected" : "") + ">" + std::string(sev) + "</option>";
  std::vector<std::string> areas = values("area"), assignees = values("assignee");
  body += "</select></label><label>Area <input type=\"text\" name=\"area\" value=\"" + Esc(areas.empty() ? "" : areas[0]) +
          "\"></label><label>Assignee <input type=\"text\" name=\"assignee\" value=\"" +
          Esc(assignees.empty() ? "" : assignees[0]) + "\"></label><label><input type=\"checkbox\" name=\"unfixed\" value=\"1\"" +
          std::string(c.req.Param("unfixed") == "1" ? " checked" : "") + "> Unfixed</label><label>Sort <select name=\"sort\">";
  std::string sort = c.req.Param("sort");
  for (ListSort so : {ListSort::kId, ListSort::kUpdated, ListSort::kSeverity, ListSort::kDeadline}) {
    std::string n(ListSortName(so));
    body += "<option" + std::string(sort == n ? " selected" : "") + ">" + n + "</option>";
  }
  return body + "</select></label><button type=\"submit\">Filter</button></form>";
}

void ListPage(Call& c) {
  size_t page = 0;
  if (std::string p = c.req.Param("page"); !p.empty() && p.size() < 7 && p.find_first_not_of("0123456789") == std::string::npos)
    page = std::stoul(p);
  const size_t per = 100;
  auto rows = Filtered(c, page * per, per);
  if (!rows.ok()) return FailPage(c, rows.status());
  std::string body = "<h1>Advisories</h1>" + ListFilterForm(c);
  std::vector<const AdvisorySummary*> shown;
  for (const ListedAdvisory* e : rows->rows) shown.push_back(&e->summary);
  body += "<p>" + std::to_string(rows->total) + " advisories.</p>" +
          AdvisoryRows(shown, c.ctx.config().policy, c.ctx.clock.Now().date(), TeamMember(c.who));
  if ((page + 1) * per < rows->total) {
    std::string next = "/advisories?page=" + std::to_string(page + 1);
    for (const FormField& f : c.req.query)
      if (f.name != "page") next += "&" + PercentEncode(f.name) + "=" + PercentEncode(f.value);
    body += "<p><a href=\"" + Esc(next) + "\">Next page</a></p>";
  }
  SendPage(c, "Advisories", body);
}

std::string Form(const std::string& id, const std::string& action, const std::string& title, const std::string& csrf,
                 const std::string& fields, const Refused* r = nullptr, std::initializer_list<const char*> names = {},
                 const std::string& confirm = "") {
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
std::string GithubSection(const Advisory& a, Call& c, Visibility vis) {
  const nlohmann::json& facts = a.github.facts;
  std::string b = "<h2>GitHub</h2><table class=\"details\" id=\"github\"><tbody>";
  auto row = [&](const std::string& k, const std::string& v) { b += "<tr><th>" + Esc(k) + "</th><td>" + v + "</td></tr>"; };
  std::string url = facts.value("html_url", "");
  row("GHSA", url.rfind("https://", 0) == 0 ? "<a href=\"" + Esc(url) + "\">" + Esc(a.ghsa_id) + "</a>" : Esc(a.ghsa_id));
  row("Repository", Esc(a.github.repo.empty() ? c.ctx.config().github.repo : a.github.repo));
  if (!facts.empty()) {
    row("GHSA state", Esc(facts.value("state", "")) + (facts.value("private_report", false) ? " (private report)" : ""));
    row("Collaborators", Esc(Shown(facts.value("collaborating_users", nlohmann::json::array()))) + " " +
                             Esc(Shown(facts.value("collaborating_teams", nlohmann::json::array()))));
    std::string ranges;
    for (const auto& v : facts.value("vulnerabilities", nlohmann::json::array()))
      ranges += Esc(v.value("vulnerable_version_range", "")) + " → " + Esc(v.value("patched_versions", "")) + "<br>";
    row("Versions", ranges);
    row("Updated on GitHub", Esc(facts.value("updated_at", "")));
  }
  b += "</tbody></table>";
  if (!a.github.pulls.empty()) {
    b += "<table id=\"github-pulls\"><thead><tr><th>PR</th><th>Base</th><th>State</th><th>Merge commit</th></tr></thead><tbody>";
    for (auto it = a.github.pulls.begin(); it != a.github.pulls.end(); ++it)
      b += "<tr><td>#" + Esc(it.key()) + "</td><td>" + Esc(it->value("base", "")) + "</td><td>" +
           (it->value("merged", false) ? std::string("merged") : Esc(it->value("state", ""))) + "</td><td><code>" +
           Esc(it->value("merge_commit_sha", "").substr(0, 12)) + "</code></td></tr>";
    b += "</tbody></table>";
  }
  if (!a.github.conflicts.empty()) {
    bool may = c.who.signed_in() && MayDo(Action::kManage, vis, c.who.viewer);
    b += "<table id=\"github-conflicts\"><thead><tr><th>Conflict</th><th>psirt</th><th>GitHub</th><th></th></tr></thead><tbody>";
    for (auto it = a.github.conflicts.begin(); it != a.github.conflicts.end(); ++it) {
      std::string choose;
      if (may)
        for (const char* take : {"ours", "theirs"})
          choose += "<form method=\"post\" action=\"/advisories/" + Esc(a.id) + "/github-resolve\">" + html::CsrfField(c.who.csrf) +
                    "<input type=\"hidden\" name=\"field\" value=\"" + Esc(it.key()) + "\"><input type=\"hidden\" name=\"take\" value=\"" +
                    take + "\"><button type=\"submit\">" + Esc(std::string(take) == "ours" ? "Keep psirt's" : "Take GitHub's") + "</button></form>";
      b += "<tr><td>" + Esc(it.key()) + "</td><td>" + Esc(Shown(it->value("ours", nlohmann::json()))) + "</td><td>" +
           Esc(Shown(it->value("theirs", nlohmann::json()))) + "</td><td>" + choose + "</td></tr>";
    }
    b += "</tbody></table>";
  }
  return b;
}

// The reporter portal as a page: for the private link and for a signed-in
// reporter account alike. `post_to`: where the reply form goes.
void ReporterPortalPage(Call& c, const ReporterView& v, const std::string& post_to, const std::string& csrf,
                        const Refused* r = nullptr, const std::string& notice = "", int status = 200) {
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
std::string ActionForms(Call& c, const Advisory& a, const Visibility& vis, const Refused* r) {
  std::string csrf = c.who.csrf;
  std::string forms;
  if (MayDo(Action::kComment, vis, c.who.viewer))
    forms += Form(a.id, "note", "Add note", csrf,
                  TextArea("text", "Note", 3, r, "note") +
                      "<label><input type=\"checkbox\" name=\"with_reporter\" value=\"1\"" +
                      (r && r->Value("note", "with_reporter") == "1" ? " checked" : "") + "> Ask or tell the reporter</label>",
                  r, {"text"});
  if (MayDo(Action::kFix, vis, c.who.viewer))
    forms += Form(a.id, "fix", "Link fix", csrf,
                  Input("pr", "PR number", r, "fix") + Input("commit", "or commit SHA", r, "fix") +
                      Input("branch", "Branch (default main)", r, "fix"),
                  r, {"pr", "commit", "branch"});
  if (MayDo(Action::kManage, vis, c.who.viewer)) {
    if (!a.acknowledged_at && (a.state == State::kNew || a.state == State::kTriage))
      forms += Form(a.id, "ack", "Acknowledge reporter", csrf, "", r);
    forms += Form(a.id, "triage", "Triage", csrf,
                  Input("cvss", "CVSS vector", r, "triage") + Input("cwes", "CWE ids (comma separated)", r, "triage") +
                      Input("files", "Affected files (comma separated)", r, "triage") + Input("subsystem", "Subsystem", r, "triage"),
                  r, {"cvss", "cwes", "files", "subsystem"});
    forms += Form(a.id, "assign", "Assign", csrf, Input("user", "Assignee (account or MAINTAINERS.yml handle)", r, "assign"), r, {"user"});
    forms += Form(a.id, "cve", "Set CVE", csrf,
                  Input("cve", "CVE id", r, "cve") + (a.cve_id.empty() ? "" : Input("reason", "Why the id changes", r, "cve")), r,
                  {"cve", "reason"});
    forms += Form(a.id, "credit", "Credit", csrf, Input("name", "Name", r, "credit") + Input("type", "Type (finder, reporter, ...)", r, "credit"),
                  r, {"name", "type"});
    forms += Form(a.id, "edit", "Edit", csrf,
                  Input("title", "New title", r, "edit") + Input("ghsa", "GHSA id", r, "edit") +
                      Input("embargo_ends", "Embargo ends (YYYY-MM-DD)", r, "edit") + Input("reason", "Why the embargo changes", r, "edit") +
                      (a.reporter_confirmed || a.reporter.email.empty()
                           ? std::string()
                           : "<label><input type=\"checkbox\" name=\"reporter_confirmed\" value=\"1\"> The reporter's address is confirmed "
                             "(their reporter account may see this report)</label>"),
                  r, {"title", "ghsa", "embargo_ends", "reason"});
  }
  std::vector<State> moves = OfferedMoves(a.state, [&](Action act) { return MayDo(act, vis, c.who.viewer); });
  if (!moves.empty()) {
    std::string opts, chosen = r ? r->Value("move", "state") : "";
    // Only the moves this viewer may make from here, none preselected.
    opts += "<option value=\"\"" + std::string(chosen.empty() ? " selected" : "") + ">choose...</option>";
    for (State s : moves)
      opts += "<option" + std::string(chosen == StateName(s) ? " selected" : "") + ">" + std::string(StateName(s)) + "</option>";
    forms += Form(a.id, "move", "Move", csrf,
                  "<label>To <select name=\"state\">" + opts + "</select>" + FieldError(r, "move", "state") + "</label>" + Input("reason", "Reason", r, "move") +
                      Input("no_cve", "Public without CVE because", r, "move") + Input("early", "Public early because", r, "move"),
                  r, {"state", "reason", "no_cve", "early"}, "Move this advisory? Public and Rejected are announced to everyone.");
  }
  if (c.who.viewer.role == Role::kPsirt && !c.ctx.config().github.repo.empty()) {
    bool has_pr = std::any_of(a.fixes.begin(), a.fixes.end(), [](const Fix& x) { return x.kind == Fix::Kind::kPr; });
    if (has_pr) forms += Form(a.id, "github-prs", "Read PRs from GitHub", csrf, "", r);
    if (!a.ghsa_id.empty()) {
      forms += Form(a.id, "github-push", "Preview GHSA update", csrf, "", r);
      if (a.cve_id.empty())
        forms += Form(a.id, "github-request-cve", "Request CVE from GitHub", csrf, "", r, {}, "Ask GitHub for a CVE id for this GHSA?");
      if (a.state == State::kPublic && a.github.facts.value("state", "") != "published")
        forms += Form(a.id, "github-publish", "Publish GHSA", csrf, "<input type=\"hidden\" name=\"apply\" value=\"1\">", r, {},
                      "Publish the GitHub advisory? Everyone will see it.");
    }
  }
  return forms;
}

// The headline score and rating with the vector; "not scored" without one.
std::string CvssCell(const Advisory& a) {
  if (a.cvss.empty()) return "<span class=\"muted\">not scored</span>";
  char score[16] = "";
  if (a.cvss_score) std::snprintf(score, sizeof score, "%.1f", *a.cvss_score);
  return "<strong>" + Esc(score) + " " + Esc(a.cvss_severity) + "</strong> <code class=\"vector\">" + Esc(a.cvss) + "</code>";
}

// Each base metric of the vector by name, as GitHub's advisory page lists them.
std::string CvssBreakdown(const std::string& vector) {
  std::string b = "<details class=\"cvss\" open><summary>CVSS metrics</summary><table id=\"cvss-parts\"><tbody>";
  for (const CvssPart& p : CvssParts(vector))
    b += "<tr><th>" + Esc(p.metric_name.empty() ? p.metric : p.metric_name) + "</th><td>" +
         Esc(p.value_name.empty() ? p.value : p.value_name) + "</td></tr>";
  return b + "</tbody></table></details>";
}

// CWE ids linking to their MITRE pages.
std::string CweLinks(const std::vector<std::string>& cwes) {
  std::string out;
  for (const std::string& cwe : cwes) {
    std::string number = cwe.rfind("CWE-", 0) == 0 ? cwe.substr(4) : "";
    bool digits = !number.empty() && number.find_first_not_of("0123456789") == std::string::npos;
    if (!out.empty()) out += ", ";
    out += digits ? "<a class=\"token\" href=\"https://cwe.mitre.org/data/definitions/" + number + ".html\">" + Esc(cwe) + "</a>"
                  : Esc(cwe);
  }
  return out;
}

// A fix as a link to the project's repository (a PR or a commit).
std::string FixLink(const WorkspaceConfig& config, const Fix& f) {
  std::string label = f.kind == Fix::Kind::kPr ? "PR #" + f.ref : "commit " + f.ref.substr(0, 12);
  std::string url = FixUrl(config, f);
  if (url.rfind("https://", 0) != 0) return "<span class=\"token\">" + Esc(label) + "</span>";
  return "<a class=\"token\" href=\"" + Esc(url) + "\">" + Esc(label) + "</a>";
}

void AdvisoryPage(Call& c, const Refused* refused = nullptr, int status = 200) {
  auto r = c.ReadAdvisory(c.Arg(1));
  if (!r.ok()) return FailPage(c, r.status());
  const Advisory& a = r->advisory;
  if (r->sight == Sight::kOwnReport)
    return ReporterPortalPage(c, *r->reporter_view, "/advisories/" + a.id + "/note", c.who.csrf, refused, "", status);
  const Deadlines& d = r->deadlines;
  Date today = c.ctx.clock.Now().date();
  bool insider = r->sight == Sight::kInsider;
  Visibility vis = VisibilityOf(a);
  std::string b = "<h1>" + Esc(a.id) + ": " + Esc(a.title) + "</h1><p>" + StateBadge(a.state) + "</p>";
  b += "<table class=\"details\"><tbody>";
  auto row = [&](const std::string& k, const std::string& v) { b += "<tr><th>" + Esc(k) + "</th><td>" + v + "</td></tr>"; };
  row("CVE", a.cve_id.empty() ? "<span class=\"muted\">none yet</span>" : "<span class=\"token\">" + Esc(a.cve_id) + "</span>");
  if (!a.ghsa_id.empty()) row("GHSA", "<span class=\"token\">" + Esc(a.ghsa_id) + "</span>");
  row("Severity", CvssCell(a));
  row("Weaknesses", a.cwes.empty() ? "<span class=\"muted\">none given</span>" : CweLinks(a.cwes));
  if (insider) {
    row("Assignee", Esc(a.assignee));
    row("Reporter", Esc(a.reporter.ToString()) + (a.reporter.email.empty() || a.reporter_confirmed ? "" : " <span class=\"muted\">(address not confirmed)</span>"));
    row("Reported", a.reported_on ? "<span class=\"token\">" + Esc(a.reported_on->ToString()) + "</span>" : "unknown");
    if (IsOpen(a.state)) {
      // The same rules as the agenda (core/agenda.h): no fix target once
      // the fix is in, no acknowledgement once it was given.
      row("Acknowledge by", a.acknowledged_at ? "acknowledged" : Countdown(d.acknowledge_by, today));
      row("Fix due", AwaitsFix(a.state) ? Countdown(d.fix_due, today)
                                        : std::string("fix merged (") + std::string(StateName(a.state)) + ")");
      row("Embargo ends", Countdown(d.embargo_ends, today));
    }
    row("Areas", Esc(Join(a.areas)));
  } else if (a.public_on) {
    row("Published", "<span class=\"token\">" + Esc(a.public_on->ToString()) + "</span>");
  }
  if (!a.credits.empty()) {
    std::string credits;
    for (const Credit& cr : a.credits) credits += "<li>" + Esc(cr.name) + " <span class=\"muted\">" + Esc(cr.type) + "</span></li>";
    row("Credits", "<ul class=\"plain\" id=\"credits\">" + credits + "</ul>");
  }
  b += "</tbody></table>";
  // The description as GitHub renders it (formats/markdown.h: safe mode).
  b += "<h2>Description</h2><div class=\"markdown\" id=\"description\">" + MarkdownToSafeHtml(a.description) + "</div>";
  if (!a.cvss.empty()) b += CvssBreakdown(a.cvss);

  if (insider && IsOpen(a.state)) {
    AdvisorySummary s = Summarize(a);
    std::vector<Task> due = BuildAgenda(std::span<const AdvisorySummary>(&s, 1), c.ctx.config().policy, today);
    if (!due.empty()) {
      b += "<h2>Due</h2><ul id=\"due\">";
      for (const Task& t : due) b += "<li>" + Countdown(t.due, today) + " " + Esc(t.text) + "</li>";
      b += "</ul>";
    }
  }

  // Fix and backport status, as last read from git.
  b += "<h2>Fixes</h2><ul id=\"fixes\">";
  for (const Fix& x : a.fixes) b += "<li>" + FixLink(c.ctx.config(), x) + " on " + Esc(x.branch) + "</li>";
  b += "</ul>";
  if (a.fix_facts) {
    b += "<h2>Affected versions</h2><div class=\"scroll\"><table id=\"backports\"><thead><tr><th>Branch</th><th>Status</th><th>Fixed in</th></tr></thead><tbody>";
    b += "<tr><td>main</td><td>" + std::string(a.fix_facts->main_merged ? "merged" : "not merged") + "</td><td>" +
         Esc(a.fix_facts->main_first_release.value_or("")) + "</td></tr>";
    for (const FixFacts::Branch& br : a.fix_facts->branches)
      b += "<tr><td>" + Esc(br.facts.branch) + "</td><td>" + Esc(BranchStatusName(br.status)) + "</td><td>" +
           Esc(br.facts.release.value_or("")) + "</td></tr>";
    b += "</tbody></table></div>";
  } else {
    b += "<p class=\"muted\">No fix status from git yet (psirt sync).</p>";
  }
  if (!a.fixed_releases.empty()) b += "<p>Published as fixed in: " + Esc(Join(a.fixed_releases)) + "</p>";

  if (insider && (a.github.linked() || !a.ghsa_id.empty())) b += GithubSection(a, c, vis);

  if (insider) {
    b += "<h2>Need to know</h2><ul id=\"need-to-know\">";
    for (const NeedToKnowEntry& e : r->need_to_know) b += "<li>" + Esc(e.who) + " <span class=\"muted\">" + Esc(e.why) + "</span></li>";
    b += "</ul>";
    if (!r->attachments.empty()) {
      b += "<h2>Attachments</h2><ul>";
      for (const AttachmentRecord& x : r->attachments)
        b += "<li><a href=\"/api/v1/advisories/" + Esc(a.id) + "/attachments/" + std::to_string(x.id) + "\">" + Esc(x.name) +
             "</a> (" + std::to_string(x.size) + " bytes)</li>";
      b += "</ul>";
    }
  }
  if (insider || a.state == State::kPublic) {
    b += "<h2>Exports</h2><p>";
    for (const char* fmt : {"cve5", "osv", "csaf", "rst"})
      b += "<a href=\"/api/v1/advisories/" + Esc(a.id) + "/export/" + fmt + (a.state == State::kPublic ? "" : "?draft=1") + "\">" +
           fmt + "</a> ";
    b += "</p>";
  }

  b += "<h2>Timeline</h2><ol class=\"timeline\">";
  for (const Event& e : r->shown_history) {
    std::string what = ev::DescribeEvent(e, insider);
    if (insider)
      b += "<li><span class=\"muted\">" + Esc(e.time.ToString()) + "</span> " + Esc(e.actor) + ": " + Esc(what) + "</li>";
    else
      b += "<li><span class=\"muted\">" + Esc(e.time.date().ToString()) + "</span> " + Esc(what) + "</li>";
  }
  b += "</ol>";

  if (c.who.signed_in()) {
    std::string forms = ActionForms(c, a, vis, refused);
    if (!forms.empty()) b += "<h2>Actions</h2><div class=\"actions\">" + forms + "</div>";
  }
  SendPage(c, a.id, b, status);
}

std::vector<std::string> CommaList(const std::string& s) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t e = s.find(',', pos);
    if (e == std::string::npos) e = s.size();
    std::string x = Trim(s.substr(pos, e - pos));
    if (!x.empty()) out.push_back(x);
    pos = e + 1;
  }
  return out;
}

void ActionPost(Call& c) {
  std::string id = c.Arg(1), action = c.Arg(2);
  // A refused action shows the advisory page again, the form as typed and
  // the message beside it - never a bare error page.
  auto refuse = [&](const Status& st) {
    Status shown = st.code() == Status::Code::kNotFound ? HiddenAdvisory() : st;
    if (shown.code() == Status::Code::kNotFound || shown.code() == Status::Code::kIo || shown.code() == Status::Code::kInternal)
      return FailPage(c, shown);
    Refused r{action, &c.req, shown};
    AdvisoryPage(c, &r, http::HttpStatus(shown, true));
  };
  if (!CheckAdvisoryRef(id, c.ctx.config()).ok()) return FailPage(c, HiddenAdvisory());
  if (!CsrfOk(c)) return refuse(kExpired);
  auto p = [&](const char* k) { return c.req.Param(k); };
  if (c.who.viewer.role == Role::kReporter) {
    // A reporter answers in their conversation, as through their link.
    auto f = c.ReadAdvisory(id);
    if (!f.ok()) return FailPage(c, f.status());
    if (action != "note" || f->sight != Sight::kOwnReport) return FailPage(c, HiddenAdvisory());
    ReporterPortal portal(*c.store, c.ctx.config(), c.ctx.clock);
    auto v = portal.ReplyAsAccount(c.who.viewer, c.who.actor, id, p("text"));
    if (!v.ok()) {
      Refused r{"reply", &c.req, std::move(Status(v.status()).Field("text"))};
      return ReporterPortalPage(c, *f->reporter_view, "/advisories/" + id + "/note", c.who.csrf, &r, "", 400);
    }
    return Redirect(c, "/advisories/" + id);
  }
  AdvisoryService svc = c.Advisories();
  const std::string& actor = c.who.actor;
  Result<Change> r = Status::Invalid("unknown action");
  if (action == "note") {
    r = svc.AddNote(actor, id, p("text"), p("with_reporter") == "1");
    if (!r.ok() && r.status().field().empty() && r.status().code() == Status::Code::kInvalid) r = Status(r.status()).Field("text");
  } else if (action == "ack") {
    r = svc.Acknowledge(actor, id);
  } else if (action == "triage") {
    TriageRequest t;
    if (!p("cvss").empty()) t.cvss = p("cvss");
    if (!p("cwes").empty()) t.cwes = CommaList(p("cwes"));
    if (!p("files").empty()) t.files = CommaList(p("files"));
    if (!p("subsystem").empty()) t.subsystem = p("subsystem");
    r = svc.Triage(actor, id, t);
  } else if (action == "assign") {
    r = svc.Assign(actor, id, p("user"));
    if (!r.ok() && r.status().field().empty()) r = Status(r.status()).Field("user");
  } else if (action == "fix") {
    Fix x;
    x.kind = p("pr").empty() ? Fix::Kind::kCommit : Fix::Kind::kPr;
    x.ref = p("pr").empty() ? p("commit") : p("pr");
    x.branch = p("branch");
    r = svc.LinkFix(actor, id, x);
  } else if (action == "cve") {
    r = svc.SetCve(actor, id, p("cve"), p("reason"));
    if (!r.ok() && r.status().field().empty()) r = Status(r.status()).Field("cve");
  } else if (action == "credit") {
    r = svc.AddCredit(actor, id, Credit{p("name"), p("type")});
  } else if (action == "edit") {
    EditRequest e;
    if (!p("title").empty()) e.title = p("title");
    if (!p("ghsa").empty()) e.ghsa = p("ghsa");
    if (!p("embargo_ends").empty()) {
      auto d = Date::Parse(p("embargo_ends"));
      if (!d.ok()) return refuse(Status::Invalid("embargo ends: " + d.status().message()).Field("embargo_ends"));
      e.embargo_ends = *d;
    }
    e.confirm_reporter = p("reporter_confirmed") == "1";
    e.reason = p("reason");
    if (!e.title && !e.ghsa && !e.embargo_ends && !e.confirm_reporter) return refuse(Status::Invalid("nothing to change"));
    r = svc.Edit(actor, id, e);
  } else if (action == "github-resolve") {
    auto gh = c.Github(true);
    if (!gh.ok()) return refuse(gh.status());
    r = (*gh)->service->Resolve(actor, id, p("field"), p("take"));
  } else if (action.rfind("github-", 0) == 0) {
    if (c.who.viewer.role != Role::kPsirt) return refuse(Status::Denied("only the PSIRT may do this"));
    auto gh = c.Github(false);
    if (!gh.ok()) return refuse(gh.status());
    GithubService& svc_gh = *(*gh)->service;
    if (action == "github-prs") {
      auto prs = svc_gh.Prs(id);
      if (!prs.ok()) return refuse(prs.status());
      return Redirect(c, "/advisories/" + id);
    }
    bool apply = p("apply") == "1";
    auto plan = action == "github-push"          ? svc_gh.Push(id, apply)
                : action == "github-request-cve" ? svc_gh.RequestCve(id, true)
                                                 : svc_gh.Publish(id, apply);
    if (!plan.ok()) return refuse(plan.status());
    if (apply || action == "github-request-cve") return Redirect(c, "/advisories/" + id);
    // The preview: the field diff, and the button that sends it.
    std::string b = "<h1>" + Esc(id) + " → " + Esc(plan->ghsa_id) + "</h1>";
    if (plan->changes.empty()) b += "<p>The GHSA already says what psirt says.</p>";
    b += "<table id=\"github-diff\"><thead><tr><th>Field</th><th>GitHub now</th><th>psirt</th></tr></thead><tbody>";
    for (const FieldChange& ch : plan->changes)
      b += "<tr><td>" + Esc(ch.field) + "</td><td>" + Esc(Shown(ch.from)) + "</td><td>" + Esc(Shown(ch.to)) + "</td></tr>";
    b += "</tbody></table>";
    for (const std::string& h : plan->held) b += "<p class=\"muted\">Held: " + Esc(h) + "</p>";
    if (!plan->changes.empty())
      b += Form(id, action, "Send to GitHub", c.who.csrf, "<input type=\"hidden\" name=\"apply\" value=\"1\">", nullptr, {},
                "Update the GitHub advisory with these fields?");
    b += "<p><a href=\"/advisories/" + Esc(id) + "\">Back</a></p>";
    return SendPage(c, id + " on GitHub", b);
  } else if (action == "move") {
    auto to = ParseState(p("state"));
    if (p("state").empty()) return refuse(Status::Invalid("choose the state to move to").Field("state"));
    if (!to) return refuse(Status::Invalid("unknown state").Field("state"));
    r = svc.Move(actor, id, MoveRequest{*to, p("reason"), p("no_cve"), p("early")});
  }
  if (!r.ok()) return refuse(r.status());
  Redirect(c, "/advisories/" + id);
}

void LoginPage(Call& c, const Refused* r = nullptr, int status = 200) {
  std::string b = "<h1>Sign in</h1>" + FormError(r, "login", {}) + "<form method=\"post\" action=\"/login\" id=\"login\">" +
                  html::CsrfField(FormToken(c)) +
                  "<label>Account <input type=\"text\" name=\"name\" autocomplete=\"username\"" +
                  (r ? " value=\"" + Esc(r->Value("login", "name")) + "\"" : std::string()) +
                  "></label>"
                  "<label>Password <input type=\"password\" name=\"password\" autocomplete=\"current-password\"></label>"
                  "<button type=\"submit\">Sign in</button></form>";
  SendPage(c, "Sign in", b, status);
}

void LoginPost(Call& c) {
  auto refuse = [&](const Status& st, int status) {
    Refused r{"login", &c.req, st};
    LoginPage(c, &r, status);
  };
  if (!CsrfOk(c)) return refuse(kExpired, 400);
  if (!c.ctx.logins.Allow(c.req.client)) return refuse(Status::Denied("Too many sign-in attempts from this address: wait a few minutes."), 429);
  auto session = c.Accounts().Login(c.req.Param("name"), c.req.Param("password"), c.req.client);
  if (!session.ok()) {
    if (session.status().code() == Status::Code::kIo) return FailPage(c, session.status());
    return refuse(session.status(), 401);
  }
  long age = static_cast<long>(session->expires_at.unix_seconds() - c.ctx.clock.Now().unix_seconds());
  c.res.SetHeader("Set-Cookie", std::string(kSessionCookie) + "=" + session->token + CookieAttrs(c.ctx, age));
  Redirect(c, "/");
}

void LogoutPost(Call& c) {
  if (c.who.session && CsrfOk(c)) (void)c.Accounts().Logout(c.req.Cookie(kSessionCookie));
  c.res.SetHeader("Set-Cookie", std::string(kSessionCookie) + "=" + CookieAttrs(c.ctx, 0));
  Redirect(c, "/");
}

void ReportForm(Call& c, const Refused* r = nullptr, int status = 200) {
  size_t max = static_cast<size_t>(c.ctx.config().server.attachment_kb) * 1024;
  std::string b =
      "<h1>Report a vulnerability</h1><p>Your report goes to the security team only. You get a private link to follow it "
      "and answer questions.</p><p>A good report says what is affected (the file, function or module and the versions), "
      "what an attacker can do, and how to reproduce it (steps, a proof of concept, a crash log as an attachment). "
      "Please keep it private until it is published: the team aims to fix it within " +
      std::to_string(c.ctx.config().policy.fix_target_days) + " days and publish within " +
      std::to_string(c.ctx.config().policy.embargo_days) + " days of your report.</p>";
  b += FormError(r, "report", {"title", "description", "affected", "reporter_name", "reporter_email", "attachment"});
  b += "<form method=\"post\" action=\"/report\" enctype=\"multipart/form-data\" id=\"report-form\">" + html::CsrfField(FormToken(c)) +
       Input("title", "Title", r, "report") + TextArea("description", "Description (Markdown: the team sees it as GitHub would show it)", 8, r, "report") +
       Input("affected", "Affected versions or files", r, "report") + Input("reporter_name", "Your name (optional)", r, "report") +
       Input("reporter_email", "Your e-mail (optional: without it, the private link is the only way to hear from the team)", r,
             "report", "email") +
       "<label>Attachment (optional, at most " + std::to_string(c.ctx.config().server.attachment_kb) +
       " KiB) <input type=\"file\" name=\"attachment\" id=\"attachment\" data-max-bytes=\"" + std::to_string(max) + "\">" +
       "<span class=\"field-error\" id=\"attachment-error\" role=\"alert\"" +
       (r && r->error.field() == "attachment" ? ">" + Esc(r->error.message() + " (choose the file again)") : std::string(" hidden>")) +
       "</span></label><button type=\"submit\">Send report</button></form>";
  SendPage(c, "Report a vulnerability", b, status);
}

void ReportPost(Call& c) {
  auto refuse = [&](const Status& st, int status) {
    Refused r{"report", &c.req, st};
    ReportForm(c, &r, status);
  };
  if (!CsrfOk(c)) return refuse(kExpired, 400);
  if (!c.ctx.reports.Allow(c.req.client)) return refuse(Status::Denied("Too many reports from this address: try again in an hour."), 429);
  WebReport r;
  r.title = c.req.Param("title");
  r.description = c.req.Param("description");
  r.affected = c.req.Param("affected");
  r.reporter = {c.req.Param("reporter_name"), c.req.Param("reporter_email")};
  if (const FormField* f = c.req.File("attachment"); f && !f->filename.empty())
    r.attachment = WebReport::File{f->filename, f->content_type, f->value};
  if (c.who.viewer.role == Role::kReporter) r.account = c.who.user->name;
  IntakeService intake(*c.store, c.ctx.config(), c.ctx.clock);
  auto sub = intake.Submit(r, static_cast<size_t>(c.ctx.config().server.attachment_kb) * 1024);
  if (!sub.ok()) {
    if (sub.status().code() == Status::Code::kIo || sub.status().code() == Status::Code::kInternal) return FailPage(c, sub.status());
    return refuse(sub.status(), 400);
  }
  std::string link = "/r/" + sub->link_token;
  // The whole address to keep: the configured public URL, else the one
  // this browser used.
  std::string base = c.ctx.config().server.public_url;
  if (base.empty()) base = std::string(c.ctx.tls ? "https://" : "http://") + c.req.Header("Host");
  while (!base.empty() && base.back() == '/') base.pop_back();
  SendPage(c, "Report received",
           "<h1>Thank you</h1><p class=\"notice\">Your report was received. Keep this private link: it is the only way to "
           "follow your report and answer the team's questions.</p><p><a id=\"private-link\" href=\"" + Esc(link) + "\">" +
               Esc(base + link) + "</a> <button type=\"button\" data-copy=\"private-link\" hidden>Copy link</button></p>",
           201);
}

void ReporterLinkPage(Call& c, const Refused* r = nullptr, int status = 200) {
  ReporterPortal portal(*c.store, c.ctx.config(), c.ctx.clock);
  auto v = portal.ByLink(c.Arg(1));
  if (!v.ok()) return FailPage(c, Status::NotFound("no such report"));
  ReporterPortalPage(c, *v, "/r/" + c.Arg(1), FormToken(c), r, "", status);
}

void ReporterLinkPost(Call& c) {
  ReporterPortal portal(*c.store, c.ctx.config(), c.ctx.clock);
  if (!portal.AdvisoryOfLink(c.Arg(1)).ok()) return FailPage(c, Status::NotFound("no such report"));
  if (!CsrfOk(c)) {
    Refused r{"reply", &c.req, kExpired};
    return ReporterLinkPage(c, &r, 400);
  }
  auto v = portal.ReplyByLink(c.Arg(1), c.req.Param("text"));
  if (!v.ok()) {
    Refused r{"reply", &c.req, std::move(Status(v.status()).Field("text"))};
    return ReporterLinkPage(c, &r, http::HttpStatus(v.status(), false));
  }
  Redirect(c, "/r/" + c.Arg(1));
}

void JobsPage(Call& c) {
  auto runs = c.Jobs().Recent();
  if (!runs.ok()) return FailPage(c, runs.status());
  const ServerInfo& s = c.ctx.config().server;
  std::string b = "<h1>Background jobs</h1><p>sync every " + (s.sync_minutes ? std::to_string(s.sync_minutes) + " minutes" : std::string("(off)")) +
                  ", fetch and sync every " + (s.fetch_minutes ? std::to_string(s.fetch_minutes) + " minutes" : std::string("(off)")) +
                  ", notify every " + (s.notify_minutes ? std::to_string(s.notify_minutes) + " minutes" : std::string("(off)")) +
                  ", intake every " + (s.intake_minutes ? std::to_string(s.intake_minutes) + " minutes" : std::string("(off)")) +
                  ", GitHub pull every " + (c.ctx.config().github.pull_minutes ? std::to_string(c.ctx.config().github.pull_minutes) + " minutes" : std::string("(off: webhooks only)")) +
                  " (server: and github: in psirt.yml).</p>" +
                  (c.ctx.config().github.repo.empty() ? std::string()
                   : "<form method=\"post\" action=\"/github/pull\">" + html::CsrfField(c.who.csrf) +
                         "<button type=\"submit\">Pull GitHub advisories of " + Esc(c.ctx.config().github.repo) + " now</button></form>") +
                  "<table id=\"jobs\"><thead><tr><th>Job</th><th>Started</th><th>Finished</th><th>Result</th><th>Instance</th></tr></thead><tbody>";
  for (const JobRun& r : *runs)
    b += "<tr><td>" + Esc(r.job) + "</td><td>" + Esc(r.started_at.ToString()) + "</td><td>" + Esc(r.finished_at.ToString()) + "</td><td class=\"" +
         (r.ok ? "" : "overdue") + "\">" + (r.ok ? "ok" : "failed") + ": " + Esc(r.message) + "</td><td>" + Esc(r.instance) + "</td></tr>";
  b += "</tbody></table>";
  SendPage(c, "Jobs", b);
}

void GithubPullPost(Call& c) {
  if (!CsrfOk(c)) return FailPage(c, kExpired);
  auto gh = c.Github(false);
  if (!gh.ok()) return FailPage(c, gh.status());
  auto r = (*gh)->service->Pull(c.ctx.config().github.repo);
  if (!r.ok()) return FailPage(c, r.status());
  std::string b = "<h1>Pulled from GitHub</h1><p>" + std::to_string(r->advisories) + " advisories: " + std::to_string(r->created) +
                  " created, " + std::to_string(r->updated) + " updated, " + std::to_string(r->unchanged) + " unchanged.</p><ul id=\"github-pull\">";
  for (const std::string& x : r->changes) b += "<li>" + Esc(x) + "</li>";
  for (const std::string& x : r->conflicts) b += "<li class=\"overdue\">conflict: " + Esc(x) + "</li>";
  for (const std::string& x : r->errors) b += "<li class=\"overdue\">not taken: " + Esc(x) + "</li>";
  b += "</ul><p><a href=\"/jobs\">Back</a></p>";
  SendPage(c, "GitHub pull", b);
}

}  // namespace

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
  // Everything else: the not-found page.
  get("/.*", Access::kAnyone, [](Call& c) { FailPage(c, Status::NotFound("no such page")); });
  post("/.*", Access::kAnyone, BodyKind::kForm, [](Call& c) { FailPage(c, Status::NotFound("no such page")); });
}

}  // namespace psirt
