// The dashboard's agenda (counts per state, overdue, assigned to you) and
// the advisory list with its filters.

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
    std::string what = t.advisory.empty() ? "<a href=\"/modules/constraints\">modules</a>"
                                          : "<a href=\"/advisories/" + Esc(t.advisory) + "\">" + Esc(t.advisory) + "</a>";
    body += "<tr><td>" + Countdown(t.due, today) + "</td><td>" + what + "</td><td>" +
            (it == by_id.end() ? "" : Esc(it->second->title)) + "</td><td>" + Esc(t.text) + "</td></tr>";
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


}  // namespace psirt::web
