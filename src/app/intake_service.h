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

struct WebReport {
  std::string title;
  std::string description;
  std::string affected;  // versions or files, as the reporter gives them
  Person reporter;       // name and e-mail (required: the team answers there)
  struct File {
    std::string name, content_type, data;
  };
  std::optional<File> attachment;
};

struct SubmittedReport {
  std::string advisory;
  std::string link_token;  // the reporter's private link secret (shown once)
};

class IntakeService {
 public:
  IntakeService(Store& store, const WorkspaceConfig& config, const Clock& clock)
      : store_(store), config_(config), clock_(clock) {}

  // `max_attachment` bytes at most.
  Result<SubmittedReport> Submit(const WebReport& r, size_t max_attachment);

 private:
  Store& store_;
  const WorkspaceConfig& config_;
  const Clock& clock_;
};

}  // namespace psirt
