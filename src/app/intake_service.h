// IntakeService: private vulnerability reports from outside the team -
// the server's "Report a vulnerability" form and API, and (psirt intake)
// a Maildir that security@ delivers into. A report becomes an advisory in
// New with its acknowledgement clock started, its attachment stored in the
// database, and a private link for the reporter, in one transaction.
#pragma once

#include <optional>
#include <string>

#include "app/account_service.h"
#include "app/advisory_service.h"
#include "base/status.h"

namespace psirt {

// A report as the public form or the API submits it.
struct WebReport {
  std::string title;
  std::string description;
  std::string affected;  // versions or files, as the reporter gives them
  Person reporter;       // name and e-mail (required: the team answers there)
  // The reporter account that sent it while signed in ("" when anonymous):
  // its address is then confirmed when it is the account's own.
  std::string account;
  struct File {
    std::string name, content_type, data;
  };
  std::optional<File> attachment;
};

// What one pass over a Maildir did.
struct MaildirOutcome {
  std::vector<std::string> created;     // advisory ids of new reports
  std::vector<std::string> replies;     // advisory ids a reply was added to (as a note)
  int already_seen = 0;                 // Message-IDs read before (moved to cur/ only)
  std::vector<std::string> failed;      // "file: why" - left in new/ for a person
};

// A report received: its advisory and the reporter's private link (once).
struct SubmittedReport {
  std::string advisory;
  std::string link_token;  // the reporter's private link secret (shown once)
};

// Private intake: the web form, the API and security@'s Maildir.
class IntakeService {
 public:
  IntakeService(Store& store, const WorkspaceConfig& config, const Clock& clock)
      : store_(store), config_(config), clock_(clock) {}

  // `max_attachment` bytes at most. A report is never refused for its
  // characters: control characters in its text are kept escaped
  // (NeutralizeText), line breaks normalised; only what a report needs
  // (a title, a name, a valid address) and the sizes are checked.
  Result<SubmittedReport> Submit(const WebReport& r, size_t max_attachment);

  // Every message in `dir`/new: a new report, or - when it answers a
  // message already read (In-Reply-To/References) - a note on that
  // advisory (shown to the reporter when they sent it). Then moved to
  // `dir`/cur with the seen flag. Idempotent by Message-ID (a message
  // without one is keyed by its SHA-256). A message that cannot be read
  // stays in new/ and is listed in `failed`; the others go on.
  Result<MaildirOutcome> FromMaildir(const std::string& dir);

 private:
  Store& store_;
  const WorkspaceConfig& config_;
  const Clock& clock_;
};

}  // namespace psirt
