// Notification texts, delivery and recording.
#include "app/notify_service.h"

#include "app/audience_service.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <map>

#include "app/advisory_service.h"
#include "app/file_io.h"
#include "base/strings.h"
#include "core/affected.h"
#include "core/notification.h"
#include "core/policy.h"
#include "formats/advisory_rst.h"
#include "formats/record_parts.h"
#include "formats/email_message.h"

namespace psirt {
namespace {

std::string Severity(const Advisory& a) {
  if (!a.cvss_score) return "not scored yet";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f", *a.cvss_score);
  return std::string(buf) + " " + a.cvss_severity + " (" + a.cvss + ")";
}

std::string Link(const Advisory& a, const WorkspaceConfig& c) {
  std::string url = a.ghsa_id.empty() ? "" : GhsaUrl(c, a.ghsa_id, a.id);
  return url.empty() ? a.id + " (psirt show " + a.id + ")" : url;
}

std::string FixLines(const Advisory& a, const WorkspaceConfig& c) {
  std::string s;
  for (const Fix& f : a.fixes) {
    std::string url = FixUrl(c, f);
    s += "    " + std::string(f.kind == Fix::Kind::kPr ? "PR " : "commit ") + f.ref + " for " +
         (f.branch.empty() ? c.releases.main_branch : f.branch) + (url.empty() ? "" : "  " + url) + "\n";
  }
  return s;
}

std::string BackportLines(const Advisory& a) {
  std::string s;
  if (!a.fix_facts) return s;
  const FixFacts& f = *a.fix_facts;
  s += "    main: " + std::string(f.main_merged ? "merged" : "not merged");
  if (f.main_first_release) s += ", first release " + *f.main_first_release;
  s += "\n";
  for (const FixFacts::Branch& b : f.branches) {
    if (b.status == BranchStatus::kNotRequired) continue;
    s += "    " + b.facts.branch + ": " + std::string(BranchStatusName(b.status));
    if (b.facts.release) s += " in " + *b.facts.release;
    s += "\n";
  }
  return s;
}

struct Composed {
  std::string subject;
  std::string body;
};

Composed Compose(const Notice& n, const std::map<std::string, const Advisory*>& by_id, const WorkspaceConfig& c,
                 const Team& team, Date today) {
  std::string project = c.project.empty() ? "psirt" : c.project;
  if (n.kind == NoticeKind::kAssigned) {
    const Advisory& a = *by_id.at(n.advisories[0]);
    Deadlines d = DeadlinesOf(c.policy, a);
    std::string b = a.id + (a.cve_id.empty() ? "" : " (" + a.cve_id + ")") + " has been assigned to " +
                    a.assignee + ".\n\n";
    b += "What:      " + OneLine(a.title) + "\n";
    b += "Where:     " + (a.areas.empty() ? (a.subsystem.empty() ? std::string("not triaged to an area yet")
                                                                  : a.subsystem)
                                          : Join(a.areas, ", ")) + "\n";
    if (!a.files.empty()) b += "Files:     " + Join(a.files, ", ") + "\n";
    b += "Severity:  " + Severity(a) + "\n";
    b += "Fix due:   " + DateOr(d.fix_due) + "\n";
    b += "Embargo:   until " + DateOr(d.embargo_ends) + "\n\n";
    b += "This report is under embargo: discuss it only with the people on its\n"
         "need-to-know list:\n";
    for (const NeedToKnowEntry& e : NeedToKnow(a, team)) b += "  - " + e.who + " (" + e.why + ")\n";
    b += "Details are in the advisory, not in this e-mail: " + Link(a, c) + "\n";
    return {"[" + project + " security] " + a.id + " assigned: " + OneLine(a.title), b};
  }
  if (n.kind == NoticeKind::kPublished) {
    const Advisory& a = *by_id.at(n.advisories[0]);
    std::string name = a.reporter.name.empty() ? "" : " " + a.reporter.name;
    std::string b = "Hello" + name + ",\n\nthe vulnerability you reported to the " + project +
                    " project is now public:\n\n";
    b += "    " + (a.cve_id.empty() ? a.id : a.cve_id) + ": " + OneLine(a.title) + "\n";
    b += "    " + Link(a, c) + "\n\n";
    AffectedModel am = DeriveAffected(a, c.releases);
    std::vector<std::string> fixed;
    if (!am.main_fixed.empty()) fixed.push_back(am.main_fixed);
    for (const SeriesRange& r : am.series)
      if (!r.fixed.empty()) fixed.push_back(r.fixed);
    if (!fixed.empty()) b += "It is fixed in " + Join(fixed, ", ") + ".\n";
    if (!a.credits.empty()) {
      std::vector<std::string> names;
      for (const Credit& k : a.credits) names.push_back(k.name + " (" + k.type + ")");
      b += "Credited: " + Join(names, ", ") + ".\n";
    }
    b += "\nThank you for reporting it.\n\n-- \nThe " + project + " security team\n";
    return {(a.cve_id.empty() ? a.id : a.cve_id) + " is now public: " + OneLine(a.title), b};
  }
  std::string b = "Embargoed vulnerabilities of " + project + " as of " + today.ToString() + " (" +
                  std::to_string(n.advisories.size()) + ").\n";
  for (const std::string& id : n.advisories) {
    const Advisory& a = *by_id.at(id);
    Deadlines d = DeadlinesOf(c.policy, a);
    b += "\n" + a.id + "  " + (a.cve_id.empty() ? "no CVE yet" : a.cve_id) + "  " + std::string(StateName(a.state)) + "\n";
    b += "  Advisory:  " + Link(a, c) + "\n";
    b += "  Subsystem: " + (a.areas.empty() ? (a.subsystem.empty() ? std::string("-") : a.subsystem)
                                            : Join(a.areas, ", ")) + "\n";
    b += "  Severity:  " + Severity(a) + "\n";
    b += "  Embargo:   until " + DateOr(d.embargo_ends) + "\n";
    bool merged = a.fix_facts && a.fix_facts->main_merged;
    if (merged) {
      b += "  Fixes (" + (a.cve_id.empty() ? a.id : a.cve_id) + "):\n" + FixLines(a, c);
      b += "  Backports:\n" + BackportLines(a);
    } else {
      b += "  Fix:       not merged yet\n";
    }
  }
  b += "\nDo not forward: this list is under embargo.\n";
  return {"[" + project + " security] embargoed vulnerabilities report " + today.ToString(), b};
}

std::string Sanitize(const std::string& key) {
  std::string s;
  for (char ch : key) s += std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '.' ? ch : '.';
  return s;
}

}  // namespace

Result<NotifyReport> NotifyService::Run(const NotifyOptions& o) {
  if (o.mbox.empty() == o.smtp.url.empty() && !o.dry_run)
    return Status::Usage("say where to deliver: --mbox FILE or --smtp smtp://HOST:PORT");
  if (config_.notify.from.empty())
    return Status::Invalid("psirt.yml has no notify.from: set the sender, e.g. \"Security <security@example.org>\"");
  PSIRT_ASSIGN_OR_RETURN(std::string from_addr, EmailAddress(config_.notify.from));
  std::string domain = from_addr.substr(from_addr.find('@') + 1);

  AdvisoryService advisories(store_, config_, clock_);
  PSIRT_ASSIGN_OR_RETURN(std::vector<FoldedAdvisory> folded, advisories.All());
  std::vector<Advisory> all;
  for (FoldedAdvisory& f : folded) all.push_back(std::move(f.advisory));
  std::map<std::string, const Advisory*> by_id;
  for (const Advisory& a : all) by_id.emplace(a.id, &a);
  Timestamp now = clock_.Now();
  // The need-to-know list a notice names: the same as who-can-see's.
  PSIRT_ASSIGN_OR_RETURN(Team team, AudienceService(store_, config_).CurrentTeam());
  NotifyReport report;
  for (const Notice& n : DueNotices(all, config_.notify, now.date())) {
    std::vector<std::string> to_text;
    for (const Person& p : n.to) to_text.push_back(p.ToString());
    if (n.to.empty()) {
      // Nobody to tell (addresses unknown): not delivered, it stays due,
      // and the run says so (exit 1), like any notification that failed.
      report.sent.push_back({std::string(NoticeKindName(n.kind)), n.key, n.advisories, {}, n.unknown, "", "", ""});
      ++report.failed;
      continue;
    }
    Composed text = Compose(n, by_id, config_, team, now.date());
    OutgoingEmail mail;
    mail.from = config_.notify.from;
    mail.to = n.to;
    mail.subject = text.subject;
    mail.body = text.body;
    mail.date = now;
    mail.message_id = "psirt." + Sanitize(n.key) + "." + Sanitize(n.advisories.size() == 1 ? n.advisories[0] : "list") +
                      "." + std::to_string(now.unix_seconds()) + "@" + domain;
    SentNotice s{std::string(NoticeKindName(n.kind)), n.key, n.advisories, to_text, n.unknown, mail.subject,
                 mail.message_id, ""};
    // Someone it is for could not be addressed: it goes to the others,
    // and the run reports it (exit 1) instead of looking complete.
    if (!n.unknown.empty()) ++report.failed;
    auto fail = [&](const Status& st) {  // reported, stays due, the others still go out
      s.error = st.ToString();
      ++report.failed;
      report.sent.push_back(s);
    };
    auto message = BuildEmail(mail);
    if (!message.ok()) {
      fail(message.status());
      continue;
    }
    if (o.dry_run) {
      report.sent.push_back(std::move(s));
      continue;
    }
    std::string transport;
    if (!o.mbox.empty()) {
      Status st = AppendToMbox(o.mbox, MboxEntry(*message, from_addr, now));
      if (!st.ok()) return st;  // the file, not the notice: stop
      transport = "mbox";
    } else {
      std::vector<std::string> rcpts;
      for (const Person& p : n.to) rcpts.push_back(p.email);
      Status st = SendSmtp(o.smtp, from_addr, rcpts, *message);
      if (!st.ok()) {
        fail(st);
        continue;
      }
      transport = "smtp";
    }
    // Delivered: record it on every advisory it covers (which it had not yet).
    ev::Notified payload{n.key, std::string(NoticeKindName(n.kind)), to_text, mail.message_id, transport};
    for (const std::string& id : n.advisories) {
      const Advisory& a = *by_id.at(id);
      if (std::find(a.notified.begin(), a.notified.end(), n.key) != a.notified.end()) continue;
      PSIRT_RETURN_IF_ERROR(advisories.RecordNotification("psirt-notify", id, payload).status());
    }
    report.sent.push_back(std::move(s));
  }
  return report;
}

nlohmann::json ToJson(const NotifyReport& r, bool dry_run) {
  nlohmann::json list = nlohmann::json::array();
  for (const SentNotice& s : r.sent)
    list.push_back({{"kind", s.kind}, {"key", s.key}, {"advisories", s.advisories}, {"to", s.to},
                    {"no_address", s.unknown}, {"subject", s.subject}, {"message_id", s.message_id},
                    {"error", s.error.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.error)}});
  return {{"dry_run", dry_run}, {"notifications", list}, {"failed", r.failed}};
}

}  // namespace psirt
