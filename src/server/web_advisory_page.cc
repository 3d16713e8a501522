// The dashboard's advisory page - details, description, CVSS metrics,
// fixes and affected versions, GitHub, need to know, attachments, exports,
// timeline, the actions this viewer may take - and those actions' posts.

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
#include "server/action_fields.h"
#include "server/web_support.h"

namespace psirt::web {

using html::Esc;

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

void AdvisoryPage(Call& c, const Refused* refused, int status) {
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
  if (insider && a.module.linked()) b += ModuleSection(a, c);
  if (insider) b += PatchSection(a, c);
  if (insider && c.who.viewer.role == Role::kPsirt) b += CveSection(a, c);

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
  if (const ActionSpec* spec = FindAction(action)) {
    r = RunBoundAction(svc, actor, id, *spec, *FormActionFields(c.req));
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
  }
  if (!r.ok()) return refuse(r.status());
  Redirect(c, "/advisories/" + id);
}


}  // namespace psirt::web
