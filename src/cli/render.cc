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

std::string RenderList(std::span<const AdvisorySummary> list, const Policy& policy) {
  if (list.empty()) return "no advisories\n";
  std::string s = fmt::format("{:<16} {:<9} {:<10} {:<13} {:<15} {:<14} {}\n", "ID", "STATE",
                              "EMBARGO", "SEVERITY", "CVE", "ASSIGNEE", "TITLE");
  for (const auto& a : list) {
    Deadlines d = ComputeDeadlines(policy, a.reported_on, a.embargo_override);
    std::string sev = a.cvss_score ? fmt::format("{:.1f} {}", *a.cvss_score, a.cvss_severity) : "-";
    s += fmt::format("{:<16} {:<9} {:<10} {:<13} {:<15} {:<14} {}\n", a.id, StateName(a.state),
                     DateOr(d.embargo_ends, "-"), sev, OrDash(a.cve_id), OrDash(a.assignee),
                     OrDash(OneLine(a.title)));
  }
  return s;
}

std::string RenderHistory(std::span<const Event> events) {
  std::string s;
  for (const Event& e : events)
    s += fmt::format("{:>3}  {}  {:<28} {}\n", e.seq, e.time.ToString(), e.actor, RenderEventLine(e));
  return s;
}

std::string RenderAgenda(std::span<const Task> tasks, Date as_of) {
  if (tasks.empty()) return "nothing due as of " + as_of.ToString() + "\n";
  std::string s = fmt::format("Agenda as of {}: {} task(s)\n\n{:<10}  {:<16} {:<16} {}\n",
                              as_of.ToString(), tasks.size(), "DUE", "ADVISORY", "TASK", "");
  for (const Task& t : tasks) {
    std::string when = "date unknown";
    if (t.due) {
      std::int64_t left = as_of.DaysUntil(*t.due);
      when = t.overdue ? fmt::format("OVERDUE {}d", -left) : (left == 0 ? "today" : fmt::format("in {}d", left));
    }
    s += fmt::format("{:<10}  {:<16} {:<16} {} [{}]\n", DateOr(t.due, "?"), t.advisory,
                     TaskKindName(t.kind), t.text, when);
  }
  return s;
}

}  // namespace psirt::cli
