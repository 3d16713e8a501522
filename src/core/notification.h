// Notifications the process requires (reporting.rst), as pure rules over
// advisories: which are due, to whom, about what. A sent notification is
// recorded on each advisory it covers under its key, so it is never due
// twice.
//  - assigned:  to the assignee and the maintainers on the need-to-know
//               list once an advisory is assigned (key "assigned:<who>");
//  - alerts:    to the vulnerability-alerts list, one report a day of the
//               embargoed advisories (key "alerts:<date>");
//  - published: to the reporter when the advisory becomes Public
//               (key "published").
#pragma once

#include <span>
#include <string>
#include <vector>

#include "base/time.h"
#include "core/advisory.h"
#include "core/config.h"

namespace psirt {

// The kinds of notices psirt sends.
enum class NoticeKind { kAssigned, kAlerts, kPublished };
std::string_view NoticeKindName(NoticeKind k);  // assigned, alerts, published

// One notice to send: its kind, the advisories it covers and its recipients.
struct Notice {
  NoticeKind kind;
  std::string key;
  std::vector<std::string> advisories;  // ids covered, in order
  std::vector<Person> to;               // recipients: any display name, an address
  std::vector<std::string> unknown;     // handles with no address in notify.addresses
};

// Whether an advisory is under embargo (reported, not yet public or closed).
bool UnderEmbargo(const Advisory& a);

std::vector<Notice> DueNotices(std::span<const Advisory> all, const NotifyInfo& n, Date today);

}  // namespace psirt
