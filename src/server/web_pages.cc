// The web dashboard: server-rendered pages over the same services and the
// same access filter as the API - the agenda, the advisory list with
// filters and search, the advisory page (details, timeline, fix/backport
// table, need-to-know list, exports, a form for every action), sign-in,
// the public "Report a vulnerability" form and the reporter's private page.
#include <httplib.h>

#include <sodium.h>

#include "app/intake_service.h"
#include "base/strings.h"
#include "core/agenda.h"
#include "core/fix_status.h"
#include "formats/psirt_json.h"
#include "server/html.h"
#include "server/jobs.h"
#include "server/server.h"
#include "server/views.h"

namespace psirt {
namespace {

using html::Esc;
constexpr const char* kFormCookie = "psirt_form";  // CSRF for forms before sign-in

std::string CookieAttrs(const Call& c, long max_age) {
  return "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age) + (c.ctx.tls ? "; Secure" : "");
}

// The CSRF token of this browser: the session's, else a form cookie
// (double submit), set on first use.
std::string FormToken(Call& c) {
  if (c.who.session) return c.who.csrf;
  std::string t = http::Cookie(c.req, kFormCookie);
  if (t.size() < 20 || t.size() > 100) {
    t = NewSecret("");
    c.res.set_header("Set-Cookie", std::string(kFormCookie) + "=" + t + CookieAttrs(c, 86400));
  }
  return t;
}

bool CsrfOk(const Call& c) {
  std::string sent = c.req.get_param_value("csrf");
  std::string want = c.who.session ? c.who.csrf : http::Cookie(c.req, kFormCookie);
  return !sent.empty() && !want.empty() && SecretsEqual(sent, want);
}

html::Frame FrameFor(const Call& c, const std::string& title) {
  html::Frame f;
  f.title = title;
  if (c.who.user) {
    f.user = c.who.user->name;
    f.role = std::string(RoleName(c.who.user->role));
    f.csrf = c.who.csrf;
  }
  return f;
}

void SendPage(Call& c, const std::string& title, const std::string& body, int status = 200) {
  c.res.status = status;
  c.res.set_content(html::Page(FrameFor(c, title), body), "text/html; charset=utf-8");
}

// An error as a page; hidden and missing advisories give the same page.
void FailPage(Call& c, const Status& st) {
  int code = http::HttpStatus(st, c.who.signed_in());
  if (code == 404) return SendPage(c, "Not found", "<h1>Not found</h1><p>There is no such page or advisory.</p>", 404);
  if (code == 401) {
    c.res.status = 303;
    c.res.set_header("Location", "/login");
    return;
  }
  std::string msg = code >= 500 ? "Something went wrong on the server." : st.ToString();
  SendPage(c, "Error", "<h1>Error</h1><p class=\"error\">" + Esc(msg) + "</p>", code);
}

void Redirect(Call& c, const std::string& to) {
  c.res.status = 303;
  c.res.set_header("Location", to);
}

std::string UrlEncode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char ch : s) {
    if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~') out += static_cast<char>(ch);
    else { out += '%'; out += hex[ch >> 4]; out += hex[ch & 15]; }
  }
  return out;
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

std::string AdvisoryRows(const std::vector<const AdvisorySummary*>& rows, const Policy& policy, Date today) {
  std::string h = "<table><thead><tr><th>Advisory</th><th>State</th><th>Title</th><th>CVE</th><th>Severity</th>"
                  "<th>Assignee</th><th>Embargo ends</th></tr></thead><tbody>";
  for (const AdvisorySummary* s : rows) {
    Deadlines d = ComputeDeadlines(policy, s->reported_on, s->embargo_override);
    bool open = s->state != State::kPublic && s->state != State::kRejected;
    h += "<tr><td><a href=\"/advisories/" + Esc(s->id) + "\">" + Esc(s->id) + "</a></td><td>" + StateBadge(s->state) +
         "</td><td>" + Esc(s->title) + "</td><td>" + Esc(s->cve_id) + "</td><td>" + Esc(s->cvss_severity) + "</td><td>" +
         Esc(s->assignee) + "</td><td>" + (open ? Countdown(d.embargo_ends, today) : "") + "</td></tr>";
  }
  return h + "</tbody></table>";
}

void AgendaPage(Call& c) {
  Date today = c.ctx.clock.Now().date();
  auto visible = c.ctx.filter.Visible(*c.store, c.who.viewer);
  if (!visible.ok()) return FailPage(c, visible.status());
  std::string body;
  if (!c.who.signed_in()) {
    std::vector<const AdvisorySummary*> pub;
    for (const auto& e : **visible)
      if (e->summary.state == State::kPublic) pub.push_back(&e->summary);
    body = "<h1>Security advisories</h1><p>Found a vulnerability? <a href=\"/report\">Report it privately</a>. "
           "Team members <a href=\"/login\">sign in</a>.</p>" + AdvisoryRows(pub, c.ctx.config().policy, today);
    return SendPage(c, "Security advisories", body);
  }
  auto agenda = AgendaFor(c, today);
  if (!agenda.ok()) return FailPage(c, agenda.status());
  const std::vector<Task>& tasks = agenda->tasks;
  body = "<h1>Agenda</h1><p>" + std::to_string(tasks.size()) + " tasks due on " + std::to_string(agenda->open) +
         " open advisories you may see.</p><table id=\"agenda\"><thead><tr><th>Due</th><th>Advisory</th><th>Task</th></tr></thead><tbody>";
  for (const Task& t : tasks)
    body += "<tr><td>" + Countdown(t.due, today) + "</td><td><a href=\"/advisories/" + Esc(t.advisory) + "\">" + Esc(t.advisory) +
            "</a></td><td>" + Esc(t.text) + "</td></tr>";
  body += "</tbody></table>";
  SendPage(c, "Agenda", body);
}

void ListPage(Call& c) {
  size_t page = 0;
  if (std::string p = c.req.get_param_value("page"); !p.empty() && p.size() < 7 && p.find_first_not_of("0123456789") == std::string::npos)
    page = std::stoul(p);
  const size_t per = 100;
  auto rows = Filtered(c, page * per, per);
  if (!rows.ok()) return FailPage(c, rows.status());
  std::string q = c.req.get_param_value("q"), state = c.req.get_param_value("state");
  std::string body = "<h1>Advisories</h1><form method=\"get\" action=\"/advisories\" class=\"filters\">"
                     "<label>Search <input type=\"text\" name=\"q\" value=\"" + Esc(q) + "\"></label><label>State <select name=\"state\"><option value=\"\">any</option>";
  for (State s : {State::kNew, State::kTriage, State::kAssigned, State::kReview, State::kAccepted, State::kPublic, State::kRejected}) {
    std::string n(StateName(s));
    body += "<option" + std::string(n == state ? " selected" : "") + ">" + n + "</option>";
  }
  body += "</select></label><button type=\"submit\">Filter</button></form>";
  std::vector<const AdvisorySummary*> shown;
  for (const ListedAdvisory* e : rows->rows) shown.push_back(&e->summary);
  body += "<p>" + std::to_string(rows->total) + " advisories.</p>" + AdvisoryRows(shown, c.ctx.config().policy, c.ctx.clock.Now().date());
  if ((page + 1) * per < rows->total)
    body += "<p><a href=\"/advisories?page=" + std::to_string(page + 1) + "&amp;q=" + Esc(UrlEncode(q)) +
            "&amp;state=" + Esc(state) + "\">Next page</a></p>";
  SendPage(c, "Advisories", body);
}

std::string Form(const std::string& id, const std::string& action, const std::string& title, const std::string& csrf,
                 const std::string& fields, const std::string& confirm = "") {
  return "<fieldset><legend>" + Esc(title) + "</legend><form method=\"post\" action=\"/advisories/" + Esc(id) + "/" + action + "\"" +
         (confirm.empty() ? "" : " data-confirm=\"" + Esc(confirm) + "\"") + ">" + html::CsrfField(csrf) + fields +
         "<button type=\"submit\">" + Esc(title) + "</button></form></fieldset>";
}

std::string Input(const std::string& name, const std::string& label, const std::string& type = "text") {
  return "<label>" + Esc(label) + " <input type=\"" + type + "\" name=\"" + name + "\"></label>";
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

void AdvisoryPage(Call& c) {
  AdvisoryService svc = c.Advisories();
  auto f = c.ctx.filter.Load(svc, c.req.matches[1], c.who.viewer);
  if (!f.ok()) return FailPage(c, f.status());
  const Advisory& a = f->advisory;
  Deadlines d = svc.DeadlinesOf(a);
  Date today = c.ctx.clock.Now().date();
  bool insider = IsInsider(a, c.who.viewer);
  Visibility vis = VisibilityOf(a);
  std::string b = "<h1>" + Esc(a.id) + ": " + Esc(a.title) + "</h1><p>" + StateBadge(a.state) + "</p>";
  b += "<table class=\"details\"><tbody>";
  auto row = [&](const std::string& k, const std::string& v) { b += "<tr><th>" + Esc(k) + "</th><td>" + v + "</td></tr>"; };
  row("CVE", Esc(a.cve_id));
  row("Severity", Esc(a.cvss_severity) + (a.cvss.empty() ? "" : " <code>" + Esc(a.cvss) + "</code>"));
  row("Assignee", Esc(a.assignee));
  if (insider) {
    row("Reporter", Esc(a.reporter.ToString()));
    row("Reported", a.reported_on ? Esc(a.reported_on->ToString()) : "unknown");
    if (a.state != State::kPublic && a.state != State::kRejected) {
      row("Acknowledge by", a.acknowledged_at ? "acknowledged" : Countdown(d.acknowledge_by, today));
      row("Fix due", Countdown(d.fix_due, today));
      row("Embargo ends", Countdown(d.embargo_ends, today));
    }
    row("Areas", Esc(Join(a.areas)));
  }
  row("Description", "<pre>" + Esc(a.description) + "</pre>");
  b += "</tbody></table>";

  // Fix and backport status, as last read from git.
  b += "<h2>Fixes</h2><ul>";
  for (const Fix& x : a.fixes)
    b += "<li>" + std::string(x.kind == Fix::Kind::kPr ? "PR #" : "commit ") + Esc(x.ref) + " on " + Esc(x.branch) + "</li>";
  b += "</ul>";
  if (a.fix_facts) {
    b += "<table id=\"backports\"><thead><tr><th>Branch</th><th>Status</th><th>Release</th></tr></thead><tbody>";
    b += "<tr><td>main</td><td>" + std::string(a.fix_facts->main_merged ? "merged" : "not merged") + "</td><td>" +
         Esc(a.fix_facts->main_first_release.value_or("")) + "</td></tr>";
    for (const FixFacts::Branch& br : a.fix_facts->branches)
      b += "<tr><td>" + Esc(br.facts.branch) + "</td><td>" + Esc(BranchStatusName(br.status)) + "</td><td>" +
           Esc(br.facts.release.value_or("")) + "</td></tr>";
    b += "</tbody></table>";
  } else {
    b += "<p class=\"muted\">No fix status from git yet (psirt sync).</p>";
  }

  if (insider && (a.github.linked() || !a.ghsa_id.empty())) b += GithubSection(a, c, vis);

  if (insider) {
    auto team = c.TeamNow();
    if (!team.ok()) return FailPage(c, team.status());
    b += "<h2>Need to know</h2><ul id=\"need-to-know\">";
    for (const NeedToKnowEntry& e : NeedToKnow(a, *team)) b += "<li>" + Esc(e.who) + " <span class=\"muted\">" + Esc(e.why) + "</span></li>";
    b += "</ul>";
    auto files = c.Attachments(a.id);
    if (!files.ok()) return FailPage(c, files.status());
    if (!files->empty()) {
      b += "<h2>Attachments</h2><ul>";
      for (const AttachmentRecord& x : *files)
        b += "<li><a href=\"/api/v1/advisories/" + Esc(a.id) + "/attachments/" + std::to_string(x.id) + "\">" + Esc(x.name) +
             "</a> (" + std::to_string(x.size) + " bytes)</li>";
      b += "</ul>";
    }
  }
  b += "<h2>Exports</h2><p>";
  for (const char* fmt : {"cve5", "osv", "csaf", "rst"})
    b += "<a href=\"/api/v1/advisories/" + Esc(a.id) + "/export/" + fmt + (a.state == State::kPublic ? "" : "?draft=1") + "\">" +
         fmt + "</a> ";
  b += "</p>";

  b += "<h2>Timeline</h2><ol class=\"timeline\">";
  for (const Event* ep : ShownHistory(*f, c.who.viewer)) {
    const Event& e = *ep;
    std::string what(EventKindName(e.kind));
    if (e.kind == EventKind::kNoted) what += ": " + e.payload.value("text", "");
    if (e.kind == EventKind::kMoved) what += " " + e.payload.value("from", "") + " → " + e.payload.value("to", "");
    b += "<li><span class=\"muted\">" + Esc(e.time.ToString()) + "</span> " + Esc(e.actor) + ": " + Esc(what) + "</li>";
  }
  b += "</ol>";

  if (c.who.signed_in()) {
    std::string csrf = c.who.csrf;
    std::string forms;
    if (MayDo(Action::kComment, vis, c.who.viewer))
      forms += Form(a.id, "note", "Add note", csrf,
                    "<label>Note <textarea name=\"text\" rows=\"3\"></textarea></label>"
                    "<label><input type=\"checkbox\" name=\"with_reporter\" value=\"1\"> Ask or tell the reporter</label>");
    if (MayDo(Action::kFix, vis, c.who.viewer))
      forms += Form(a.id, "fix", "Link fix", csrf, Input("pr", "PR number") + Input("commit", "or commit SHA") + Input("branch", "Branch (default main)"));
    if (MayDo(Action::kManage, vis, c.who.viewer)) {
      forms += Form(a.id, "ack", "Acknowledge reporter", csrf, "");
      forms += Form(a.id, "triage", "Triage", csrf,
                    Input("cvss", "CVSS vector") + Input("cwes", "CWE ids (comma separated)") + Input("files", "Affected files (comma separated)") +
                        Input("subsystem", "Subsystem"));
      forms += Form(a.id, "assign", "Assign", csrf, Input("user", "Assignee (handle)"));
      forms += Form(a.id, "cve", "Set CVE", csrf, Input("cve", "CVE id"));
      forms += Form(a.id, "credit", "Credit", csrf, Input("name", "Name") + Input("type", "Type (finder, reporter, ...)"));
      forms += Form(a.id, "edit", "Edit", csrf,
                    Input("title", "New title") + Input("ghsa", "GHSA id") + Input("embargo_ends", "Embargo ends (YYYY-MM-DD)") +
                        Input("reason", "Why the embargo changes"));
    }
    if (MayDo(Action::kStatus, vis, c.who.viewer) || MayDo(Action::kManage, vis, c.who.viewer)) {
      std::string opts;
      for (State s : {State::kTriage, State::kAssigned, State::kReview, State::kAccepted, State::kPublic, State::kRejected})
        if (MayDo(s == State::kAssigned || s == State::kReview ? Action::kStatus : Action::kManage, vis, c.who.viewer))
          opts += "<option>" + std::string(StateName(s)) + "</option>";
      forms += Form(a.id, "move", "Move", csrf,
                    "<label>To <select name=\"state\">" + opts + "</select></label>" + Input("reason", "Reason") +
                        Input("no_cve", "Public without CVE because") + Input("early", "Public early because"),
                    "Move this advisory? Public and Rejected are announced to everyone.");
    }
    if (c.who.viewer.role == Role::kPsirt && !c.ctx.config().github.repo.empty()) {
      bool has_pr = std::any_of(a.fixes.begin(), a.fixes.end(), [](const Fix& x) { return x.kind == Fix::Kind::kPr; });
      if (has_pr) forms += Form(a.id, "github-prs", "Read PRs from GitHub", csrf, "");
      if (!a.ghsa_id.empty()) {
        forms += Form(a.id, "github-push", "Preview GHSA update", csrf, "");
        if (a.cve_id.empty()) forms += Form(a.id, "github-request-cve", "Request CVE from GitHub", csrf, "", "Ask GitHub for a CVE id for this GHSA?");
        if (a.state == State::kPublic && a.github.facts.value("state", "") != "published")
          forms += Form(a.id, "github-publish", "Publish GHSA", csrf, "<input type=\"hidden\" name=\"apply\" value=\"1\">",
                        "Publish the GitHub advisory? Everyone will see it.");
      }
    }
    if (!forms.empty()) b += "<h2>Actions</h2><div class=\"actions\">" + forms + "</div>";
  }
  SendPage(c, a.id, b);
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
  if (!c.who.signed_in()) return FailPage(c, Status::Denied("sign in first"));
  if (!CsrfOk(c)) return FailPage(c, Status::Invalid("the form expired or came from another site: reload the page and try again"));
  std::string id = c.req.matches[1], action = c.req.matches[2];
  if (!CheckAdvisoryId(id, c.ctx.config()).ok()) return FailPage(c, HiddenAdvisory());
  auto p = [&](const char* k) { return c.req.get_param_value(k); };
  AdvisoryService svc = c.Advisories();
  const std::string& actor = c.who.actor;
  Result<Change> r = Status::Invalid("unknown action");
  if (action == "note") {
    r = svc.AddNote(actor, id, p("text"), p("with_reporter") == "1");
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
  } else if (action == "fix") {
    Fix x;
    x.kind = p("pr").empty() ? Fix::Kind::kCommit : Fix::Kind::kPr;
    x.ref = p("pr").empty() ? p("commit") : p("pr");
    x.branch = p("branch");
    r = svc.LinkFix(actor, id, x);
  } else if (action == "cve") {
    r = svc.SetCve(actor, id, p("cve"));
  } else if (action == "credit") {
    r = svc.AddCredit(actor, id, Credit{p("name"), p("type").empty() ? "finder" : p("type")});
  } else if (action == "edit") {
    EditRequest e;
    if (!p("title").empty()) e.title = p("title");
    if (!p("ghsa").empty()) e.ghsa = p("ghsa");
    if (!p("embargo_ends").empty()) {
      auto d = Date::Parse(p("embargo_ends"));
      if (!d.ok()) return FailPage(c, Status::Invalid("embargo ends: " + d.status().message()));
      e.embargo_ends = *d;
    }
    e.reason = p("reason");
    if (!e.title && !e.ghsa && !e.embargo_ends) return FailPage(c, Status::Invalid("nothing to change"));
    r = svc.Edit(actor, id, e);
  } else if (action == "github-resolve") {
    auto gh = c.Github(true);
    if (!gh.ok()) return FailPage(c, gh.status());
    r = (*gh)->service->Resolve(actor, id, p("field"), p("take"));
  } else if (action.rfind("github-", 0) == 0) {
    if (c.who.viewer.role != Role::kPsirt) return FailPage(c, Status::Denied("only the PSIRT may do this"));
    auto gh = c.Github(false);
    if (!gh.ok()) return FailPage(c, gh.status());
    GithubService& svc_gh = *(*gh)->service;
    if (action == "github-prs") {
      auto prs = svc_gh.Prs(id);
      if (!prs.ok()) return FailPage(c, prs.status());
      return Redirect(c, "/advisories/" + id);
    }
    bool apply = p("apply") == "1";
    auto plan = action == "github-push"          ? svc_gh.Push(id, apply)
                : action == "github-request-cve" ? svc_gh.RequestCve(id, true)
                                                 : svc_gh.Publish(id, apply);
    if (!plan.ok()) return FailPage(c, plan.status().code() == Status::Code::kNotFound ? HiddenAdvisory() : plan.status());
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
      b += Form(id, action, "Send to GitHub", c.who.csrf, "<input type=\"hidden\" name=\"apply\" value=\"1\">",
                "Update the GitHub advisory with these fields?");
    b += "<p><a href=\"/advisories/" + Esc(id) + "\">Back</a></p>";
    return SendPage(c, id + " on GitHub", b);
  } else if (action == "move") {
    auto to = ParseState(p("state"));
    if (!to) return FailPage(c, Status::Invalid("unknown state"));
    r = svc.Move(actor, id, MoveRequest{*to, p("reason"), p("no_cve"), p("early")});
  }
  if (!r.ok()) {
    Status st = r.status().code() == Status::Code::kNotFound ? HiddenAdvisory() : r.status();
    return FailPage(c, st);
  }
  Redirect(c, "/advisories/" + id);
}

void LoginPage(Call& c, const std::string& error = "", int status = 200) {
  std::string b = "<h1>Sign in</h1>";
  if (!error.empty()) b += "<p class=\"error\">" + Esc(error) + "</p>";
  b += "<form method=\"post\" action=\"/login\">" + html::CsrfField(FormToken(c)) +
       "<label>Account <input type=\"text\" name=\"name\" autocomplete=\"username\"></label>"
       "<label>Password <input type=\"password\" name=\"password\" autocomplete=\"current-password\"></label>"
       "<button type=\"submit\">Sign in</button></form>";
  SendPage(c, "Sign in", b, status);
}

void LoginPost(Call& c) {
  if (!CsrfOk(c)) return LoginPage(c, "The form expired: try again.", 400);
  if (!c.ctx.logins.Allow(c.req.remote_addr)) return LoginPage(c, "Too many attempts from this address: wait a few minutes.", 429);
  auto session = c.Accounts().Login(c.req.get_param_value("name"), c.req.get_param_value("password"));
  if (!session.ok()) return LoginPage(c, session.status().message(), 401);
  long age = static_cast<long>(session->expires_at.unix_seconds() - c.ctx.clock.Now().unix_seconds());
  c.res.set_header("Set-Cookie", std::string(kSessionCookie) + "=" + session->token + CookieAttrs(c, age));
  Redirect(c, "/");
}

void LogoutPost(Call& c) {
  if (c.who.session && CsrfOk(c)) (void)c.Accounts().Logout(http::Cookie(c.req, kSessionCookie));
  c.res.set_header("Set-Cookie", std::string(kSessionCookie) + "=" + CookieAttrs(c, 0));
  Redirect(c, "/");
}

void ReportForm(Call& c, const std::string& error = "", int status = 200) {
  std::string b = "<h1>Report a vulnerability</h1><p>Your report goes to the security team only. You get a private link to follow it "
                  "and answer questions.</p>";
  if (!error.empty()) b += "<p class=\"error\">" + Esc(error) + "</p>";
  b += "<form method=\"post\" action=\"/report\" enctype=\"multipart/form-data\" id=\"report-form\">" + html::CsrfField(FormToken(c)) +
       Input("title", "Title") + "<label>Description <textarea name=\"description\" rows=\"8\"></textarea></label>" +
       Input("affected", "Affected versions or files") + Input("reporter_name", "Your name") +
       Input("reporter_email", "Your e-mail", "email") +
       "<label>Attachment (optional, at most " + std::to_string(c.ctx.config().server.attachment_kb) +
       " KiB) <input type=\"file\" name=\"attachment\"></label><button type=\"submit\">Send report</button></form>";
  SendPage(c, "Report a vulnerability", b, status);
}

std::string Field(const httplib::Request& req, const char* name) {
  if (req.is_multipart_form_data()) return req.has_file(name) ? req.get_file_value(name).content : "";
  return req.get_param_value(name);
}

void ReportPost(Call& c) {
  std::string sent = Field(c.req, "csrf"), want = http::Cookie(c.req, kFormCookie);
  if (c.who.session) want = c.who.csrf;
  if (sent.empty() || want.empty() || !SecretsEqual(sent, want)) return ReportForm(c, "The form expired: send it again.", 400);
  if (!c.ctx.reports.Allow(c.req.remote_addr)) return ReportForm(c, "Too many reports from this address: try again in an hour.", 429);
  WebReport r;
  r.title = Field(c.req, "title");
  r.description = Field(c.req, "description");
  r.affected = Field(c.req, "affected");
  r.reporter = {Field(c.req, "reporter_name"), Field(c.req, "reporter_email")};
  if (c.req.has_file("attachment") && !c.req.get_file_value("attachment").filename.empty()) {
    const httplib::MultipartFormData& f = c.req.get_file_value("attachment");
    r.attachment = WebReport::File{f.filename, f.content_type, f.content};
  }
  IntakeService intake(*c.store, c.ctx.config(), c.ctx.clock);
  auto sub = intake.Submit(r, static_cast<size_t>(c.ctx.config().server.attachment_kb) * 1024);
  if (!sub.ok()) return ReportForm(c, sub.status().ToString(), 400);
  std::string link = "/r/" + sub->link_token;
  SendPage(c, "Report received",
           "<h1>Thank you</h1><p class=\"notice\">Your report was received. Keep this private link: it is the only way to "
           "follow your report and answer the team's questions.</p><p><a id=\"private-link\" href=\"" + Esc(link) + "\">" +
               Esc(link) + "</a></p>", 201);
}

void ReporterPage(Call& c, const std::string& notice = "") {
  auto id = c.Accounts().ReporterLink(c.req.matches[1]);
  if (!id.ok()) return FailPage(c, Status::NotFound("no such report"));
  AdvisoryService svc(*c.store, c.ctx.config(), c.ctx.clock);
  auto a = svc.Get(*id);
  if (!a.ok()) return FailPage(c, Status::NotFound("no such report"));
  nlohmann::json v = ReporterView(*a, svc.DeadlinesOf(*a));
  std::string b = "<h1>Your report: " + Esc(a->title) + "</h1>";
  if (!notice.empty()) b += "<p class=\"notice\">" + Esc(notice) + "</p>";
  b += "<table><tbody><tr><th>Reference</th><td>" + Esc(a->id) + "</td></tr><tr><th>State</th><td>" + StateBadge(a->state) +
       "</td></tr><tr><th>Received</th><td>" + Esc(v["reported_on"].is_string() ? v["reported_on"].get<std::string>() : "") +
       "</td></tr><tr><th>Acknowledged</th><td>" + (a->acknowledged_at ? "yes" : "not yet") + "</td></tr></tbody></table>";
  b += "<h2>Conversation</h2><ol class=\"timeline\">";
  for (const auto& n : v["conversation"])
    b += "<li><span class=\"muted\">" + Esc(n["time"].get<std::string>()) + " " + Esc(n["from"].get<std::string>()) + ":</span> " +
         Esc(n["text"].get<std::string>()) + "</li>";
  b += "</ol><form method=\"post\">" + html::CsrfField(FormToken(c)) +
       "<label>Answer or add information <textarea name=\"text\" rows=\"4\"></textarea></label><button type=\"submit\">Send</button></form>";
  SendPage(c, "Your report", b);
}

void ReporterPost(Call& c) {
  auto id = c.Accounts().ReporterLink(c.req.matches[1]);
  if (!id.ok()) return FailPage(c, Status::NotFound("no such report"));
  if (!CsrfOk(c)) return ReporterPage(c, "The form expired: send it again.");
  AdvisoryService svc(*c.store, c.ctx.config(), c.ctx.clock);
  auto r = svc.AddNote("reporter (private link)", *id, c.req.get_param_value("text"), true);
  if (!r.ok()) return ReporterPage(c, r.status().message());
  Redirect(c, "/r/" + c.req.matches[1].str());
}

void JobsPage(Call& c) {
  if (!c.who.signed_in() || c.who.viewer.role != Role::kPsirt) return FailPage(c, Status::NotFound("no such page"));
  auto runs = c.JobRuns();
  if (!runs.ok()) return FailPage(c, runs.status());
  const ServerInfo& s = c.ctx.config().server;
  std::string b = "<h1>Background jobs</h1><p>sync every " + (s.sync_minutes ? std::to_string(s.sync_minutes) + " minutes" : std::string("(off)")) +
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
  if (!c.who.signed_in() || c.who.viewer.role != Role::kPsirt) return FailPage(c, Status::NotFound("no such page"));
  if (!CsrfOk(c)) return FailPage(c, Status::Invalid("the form expired or came from another site: reload the page and try again"));
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

void RegisterWebRoutes(httplib::Server& http, ServerContext& ctx, const Wrap& wrap) {
  auto get = [&](const std::string& pattern, CallHandler fn) {
    http.Get(pattern, [wrap, fn](const httplib::Request& req, httplib::Response& res) { wrap(req, res, fn); });
  };
  auto post = [&](const std::string& pattern, CallHandler fn) {
    http.Post(pattern, [wrap, fn](const httplib::Request& req, httplib::Response& res) { wrap(req, res, fn); });
  };
  http.Get("/static/psirt.css", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "public, max-age=3600");
    res.set_content(html::kStylesheet, "text/css; charset=utf-8");
  });
  http.Get("/static/psirt.js", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "public, max-age=3600");
    res.set_content(html::kScript, "text/javascript; charset=utf-8");
  });
  get("/", AgendaPage);
  get("/advisories", ListPage);
  get("/advisories/([^/]+)", AdvisoryPage);
  post("/advisories/([^/]+)/(note|ack|triage|assign|fix|cve|credit|edit|move|github-resolve|github-prs|github-push|github-request-cve|github-publish)", ActionPost);
  post("/github/pull", GithubPullPost);
  get("/login", [](Call& c) { LoginPage(c); });
  post("/login", LoginPost);
  post("/logout", LogoutPost);
  get("/report", [](Call& c) { ReportForm(c); });
  post("/report", ReportPost);
  get("/r/([^/]+)", [](Call& c) { ReporterPage(c); });
  post("/r/([^/]+)", ReporterPost);
  get("/jobs", JobsPage);
  // Everything else: the not-found page.
  get("/.*", [](Call& c) { FailPage(c, Status::NotFound("no such page")); });
}

}  // namespace psirt
