// Notification rules.
#include "core/notification.h"

#include <algorithm>
#include <optional>

namespace psirt {

std::string_view NoticeKindName(NoticeKind k) {
  switch (k) {
    case NoticeKind::kAssigned: return "assigned";
    case NoticeKind::kAlerts: return "alerts";
    case NoticeKind::kPublished: return "published";
  }
  return "?";
}

bool UnderEmbargo(const Advisory& a) { return a.state != State::kNew && !IsClosed(a.state); }

namespace {

bool Sent(const Advisory& a, const std::string& key) {
  return std::find(a.notified.begin(), a.notified.end(), key) != a.notified.end();
}

bool Has(const std::vector<Person>& v, const Person& p) {
  for (const Person& x : v)
    if (x.email == p.email) return true;
  return false;
}

// A handle's mailbox: itself when it is an address, else from the map
// ("Name <addr>": the address is the last <...>, the name anything before).
void Resolve(const std::string& who, const NotifyInfo& n, Notice& out) {
  std::optional<Person> box;
  if (who.find('@') != std::string::npos) {
    box = Person{"", who};
  } else if (auto it = n.addresses.find(who); it != n.addresses.end()) {
    auto p = ParsePerson(it->second);
    if (p.ok() && !p->email.empty()) box = *p;
  }
  if (!box) {
    if (std::find(out.unknown.begin(), out.unknown.end(), who) == out.unknown.end()) out.unknown.push_back(who);
  } else if (!Has(out.to, *box)) {
    out.to.push_back(*box);
  }
}

}  // namespace

std::vector<Notice> DueNotices(std::span<const Advisory> all, const NotifyInfo& n, Date today) {
  std::vector<Notice> out;
  for (const Advisory& a : all) {
    bool assigned = a.state == State::kAssigned || a.state == State::kReview || a.state == State::kAccepted;
    if (assigned && !a.assignee.empty()) {
      Notice x{NoticeKind::kAssigned, "assigned:" + a.assignee, {a.id}, {}, {}};
      if (!Sent(a, x.key)) {
        Resolve(a.assignee, n, x);
        for (const std::string& who : a.need_to_know) Resolve(who, n, x);
        out.push_back(std::move(x));
      }
    }
    if (a.state == State::kPublic && !a.reporter.empty() && !Sent(a, "published")) {
      // A reporter known only by name is due too, and reported as having
      // no address: never silently left out.
      Notice x{NoticeKind::kPublished, "published", {a.id}, {}, {}};
      if (!a.reporter.email.empty()) x.to.push_back(a.reporter);
      else x.unknown.push_back("the reporter " + a.reporter.name + " (psirt edit " + a.id + " --reporter \"Name <address>\")");
      out.push_back(std::move(x));
    }
  }
  if (!n.alerts_list.empty()) {
    auto list = ParsePerson(n.alerts_list);
    Notice x{NoticeKind::kAlerts, "alerts:" + today.ToString(), {}, {}, {}};
    if (list.ok() && !list->email.empty()) x.to.push_back(*list);
    else x.unknown.push_back(n.alerts_list);
    bool any_new = false;
    for (const Advisory& a : all)
      if (UnderEmbargo(a)) {
        x.advisories.push_back(a.id);
        any_new = any_new || !Sent(a, x.key);
      }
    if (any_new) out.push_back(std::move(x));
  }
  return out;
}

}  // namespace psirt
