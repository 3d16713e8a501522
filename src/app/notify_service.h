// NotifyService: `psirt notify` - composes the notifications that are due
// (core/notification.h) as RFC 5322 messages and delivers them to an mbox
// file or over SMTP; each delivered notification is recorded as a
// `notified` event on the advisories it covers, so a second run does not
// send it again.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "base/time.h"
#include "core/config.h"
#include "net/smtp_client.h"
#include "store/store.h"

namespace psirt {

// How notifications are sent: SMTP options, dry run, recipients.
struct NotifyOptions {
  std::string mbox;   // append messages to this mbox file, or
  SmtpOptions smtp;   // send them (smtp.url set)
  bool dry_run = false;  // compose and report, deliver and record nothing
};

// One notice sent (or that would be sent): kind, advisories, recipients, error.
struct SentNotice {
  std::string kind;
  std::string key;
  std::vector<std::string> advisories;
  std::vector<std::string> to;       // recipients as they appear in the header
  std::vector<std::string> unknown;  // handles without an address (not notified)
  std::string subject;
  std::string message_id;
  // Why it was not delivered (a recipient that is no address, the server's
  // refusal); it stays due and the others go out regardless.
  std::string error;
};

// What a notify run sent and how many failed.
struct NotifyReport {
  std::vector<SentNotice> sent;
  int failed = 0;  // notices that could not be delivered (error set) or addressed (to empty)
};

// Sends the due notices (assignments, alerts, publications) once each.
class NotifyService {
 public:
  NotifyService(Store& store, const WorkspaceConfig& config, const Clock& clock)
      : store_(store), config_(config), clock_(clock) {}
  Result<NotifyReport> Run(const NotifyOptions& o);

 private:
  Store& store_;
  const WorkspaceConfig& config_;
  const Clock& clock_;
};

// The report as `psirt notify --json` prints it and the server answers it.
nlohmann::json ToJson(const NotifyReport& r, bool dry_run);

}  // namespace psirt
