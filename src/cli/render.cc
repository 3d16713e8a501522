// Text rendering.
#include "cli/render.h"

#include <algorithm>

#include "base/strings.h"
#include "core/event_payloads.h"

#include <fmt/format.h>

namespace psirt::cli {
namespace {

std::string OrDash(const std::string& s) { return s.empty() ? "-" : s; }


}  // namespace

std::string RenderEventLine(const Event& e) { return ev::DescribeEvent(e); }

std::string RenderAdvisory(const Advisory& a, const Deadlines& d) {
  std::string s = fmt::format("{}  {}\n", a.id, a.title);
  auto row = [&](const char* k, const std::string& v) { s += fmt::format("  {:<14}{}\n", k, v); };
  row("state", std::string(StateName(a.state)) +
                   (a.state_reason.empty() ? "" : " (" + a.state_reason + ")"));
  row("reported", DateOr(a.reported_on) +
                      (a.reporter.empty() ? "" : " by " + a.reporter.ToString()));
  row("acknowledged", a.acknowledged_at ? a.acknowledged_at->ToString()
                      : d.acknowledge_by ? "no (due " + d.acknowledge_by->ToString() + ")"
                                         : std::string("unknown"));
  row("fix due", DateOr(d.fix_due));
  row("embargo ends", DateOr(d.embargo_ends) + (a.embargo_override ? " (set explicitly)" : ""));
  row("assignee", OrDash(a.assignee));
  row("cvss", a.cvss.empty() ? "-"
                             : a.cvss + (a.cvss_score ? fmt::format(" ({:.1f} {})", *a.cvss_score,
                                                                    a.cvss_severity)
                                                      : ""));
  row("cwe", OrDash(Join(a.cwes)));
  row("subsystem", OrDash(a.subsystem));
  row("files", OrDash(Join(a.files)));
  row("areas", OrDash(Join(a.areas)));
  if (!a.suggested_assignee.empty()) row("suggested", a.suggested_assignee);
  row("need to know", OrDash(Join(a.need_to_know)));
  row("cve", OrDash(a.cve_id));
  row("ghsa", OrDash(a.ghsa_id));
  if (!a.introduced_by.empty()) row("introduced by", a.introduced_by);
  if (a.module.linked()) {
    const ModuleLink& m = a.module;
    row("module", m.module + (m.path.empty() ? "" : " (" + m.path + ")") + (m.upstream.empty() ? "" : ", upstream " + m.upstream));
    if (!m.vuln.empty()) row("upstream ids", Join(std::vector<std::string>{m.vuln}) + (m.aliases.empty() ? "" : ", " + Join(m.aliases)));
    if (!m.status.empty())
      row("module status", m.status == "vulnerable" ? "pinned at a vulnerable revision " + m.pinned.substr(0, 12)
                                                   : "resolved: " + m.resolution);
    if (!m.fixed_upstream.empty()) row("fixed upstream", Join(m.fixed_upstream));
    if (m.forwarded_on) row("forwarded", m.forwarded_on->ToString() + " to " + m.contact);
    if (m.upstream_acknowledged_on) row("upstream ack", m.upstream_acknowledged_on->ToString());
    if (!m.upstream_advisory.empty()) row("upstream id", m.upstream_advisory);
    if (m.upstream_embargo) row("upstream embargo", m.upstream_embargo->ToString() + " (the earlier end applies)");
    if (!m.fix_route.empty()) row("fix goes", m.fix_route == "fork" ? "to the fork only" : "upstream first, then a manifest bump");
  }
  if (a.fixes.empty()) {
    row("fixes", "-");
  } else {
    for (size_t i = 0; i < a.fixes.size(); ++i) {
      const Fix& f = a.fixes[i];
      row(i == 0 ? "fixes" : "",
          (f.kind == Fix::Kind::kPr ? "PR #" : "commit ") + f.ref + " on " + f.branch);
    }
  }
  // What published pages state about the fix (imported; git's own facts are `psirt status`).
  std::vector<std::string> stated = a.fixed_releases;
  if (!a.fixed_release.empty() && std::find(stated.begin(), stated.end(), a.fixed_release) == stated.end())
    stated.insert(stated.begin(), a.fixed_release);
  if (!stated.empty()) row("fixed in", Join(stated) + " (as published)");
  if (!a.fixed_branches.empty()) row("fixed on", Join(a.fixed_branches) + " (as published)");
  if (!a.fixed_statement.empty()) row("published", OneLine(a.fixed_statement));
  std::vector<std::string> credits;
  for (const Credit& c : a.credits) credits.push_back(c.name + " (" + c.type + ")");
  row("credits", OrDash(Join(credits)));
  if (!a.no_cve_reason.empty()) row("no CVE", a.no_cve_reason);
  if (!a.early_reason.empty()) row("published early", a.early_reason);
  if (!a.description.empty()) {
    s += "\n";
    for (size_t pos = 0; pos < a.description.size();) {
      size_t nl = a.description.find('\n', pos);
      if (nl == std::string::npos) nl = a.description.size();
      s += "  " + a.description.substr(pos, nl - pos) + "\n";
      pos = nl + 1;
    }
  }
  if (!a.notes.empty()) {
    s += "\n  notes:\n";
    for (const Note& n : a.notes)
      s += fmt::format("    {} {}: {}\n", n.time.ToString(), n.actor, n.text);
  }
  return s;
}

std::string RenderList(const nlohmann::json& rows) {
  if (rows.empty()) return "no advisories\n";
  auto text = [](const nlohmann::json& row, const char* key) {
    const auto it = row.find(key);
    return it != row.end() && it->is_string() && !it->get_ref<const std::string&>().empty() ? it->get<std::string>()
                                                                                             : std::string("-");
  };
  std::string s = fmt::format("{:<16} {:<9} {:<10} {:<13} {:<15} {:<14} {}\n", "ID", "STATE",
                              "EMBARGO", "SEVERITY", "CVE", "ASSIGNEE", "TITLE");
  for (const auto& a : rows) {
    const auto score = a.find("cvss_score");
    std::string sev = score != a.end() && score->is_number() ? fmt::format("{:.1f} {}", score->get<double>(), text(a, "severity")) : "-";
    s += fmt::format("{:<16} {:<9} {:<10} {:<13} {:<15} {:<14} {}\n", text(a, "id"), text(a, "state"),
                     text(a, "embargo_ends"), sev, text(a, "cve_id"), text(a, "assignee"),
                     OneLine(text(a, "title")));
  }
  return s;
}

std::string RenderHistory(std::span<const Event> events) {
  std::string s;
  for (const Event& e : events)
    s += fmt::format("{:>3}  {}  {:<28} {}\n", e.seq, e.time.ToString(), e.actor, RenderEventLine(e));
  return s;
}

std::string RenderAgenda(const nlohmann::json& agenda) {
  const std::string as_of = agenda.value("as_of", "");
  const nlohmann::json tasks = agenda.value("tasks", nlohmann::json::array());
  if (tasks.empty()) return "nothing due as of " + as_of + "\n";
  std::string s = fmt::format("Agenda as of {}: {} task(s)\n\n{:<10}  {:<16} {:<16} {}\n",
                              as_of, tasks.size(), "DUE", "ADVISORY", "TASK", "");
  for (const auto& t : tasks) {
    std::string when = "date unknown", due = "?";
    if (t["due"].is_string() && t["days_left"].is_number_integer()) {
      due = t["due"].get<std::string>();
      std::int64_t left = t["days_left"].get<std::int64_t>();
      when = t.value("overdue", false) ? fmt::format("OVERDUE {}d", -left) : (left == 0 ? "today" : fmt::format("in {}d", left));
    }
    std::string advisory = t.value("advisory", "");
    s += fmt::format("{:<10}  {:<16} {:<16} {} [{}]\n", due, advisory.empty() ? "(modules)" : advisory, t.value("task", ""),
                     t.value("text", ""), when);
  }
  return s;
}

}  // namespace psirt::cli
