// AdvisoryReader: one advisory as a caller is shown it, read in one
// snapshot - the advisory, the part of its history the caller is shown,
// and for the team its attachments and who needs to know; for a reporter
// on their own report, the reporter portal's view. The API's GET of an
// advisory, its events and attachments, and the dashboard's advisory page
// are each one call of this service.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/advisory_service.h"
#include "app/reporter_portal.h"
#include "base/status.h"
#include "core/need_to_know.h"
#include "core/sight.h"
#include "store/store.h"

namespace psirt {

// One advisory as one caller sees it (what `sight` allows, nothing more).
struct AdvisoryForCaller {
  Sight sight = Sight::kPublished;
  Advisory advisory;
  Deadlines deadlines;
  std::vector<Event> shown_history;             // the events `sight` is shown
  std::vector<AttachmentRecord> attachments;    // insiders only (without data)
  std::vector<NeedToKnowEntry> need_to_know;    // insiders only
  std::optional<ReporterView> reporter_view;    // kOwnReport only
};


// Reads one advisory for one caller, in one read transaction.
class AdvisoryReader {
 public:
  // A quick yes/no on an advisory id before its history is read (the
  // server's access filter answers it from memory, so a hidden advisory
  // and a missing one take the same path); the history is checked anyway.
  using Admit = std::function<bool(const std::string& id)>;

  AdvisoryReader(Store& store, const WorkspaceConfig& config) : store_(store), config_(config) {}

  // The advisory `ref` names (its id, CVE id or GHSA id) as `v` is shown
  // it, from one read transaction. NotFound when it does not exist, the
  // reference is malformed, or `v` may not see it - the same answer.
  Result<AdvisoryForCaller> Read(const std::string& ref, const Viewer& v, const Admit& admit = nullptr);

  // One attachment (with its data) of the advisory `ref` names, for an
  // insider of it; NotFound otherwise, as for a missing one. A missing
  // attachment of an advisory `v` may see is NotFound with field
  // "attachment" (the advisory itself is no secret then).
  Result<AttachmentRecord> Attachment(const std::string& ref, std::int64_t attachment, const Viewer& v,
                                      const Admit& admit = nullptr);

 private:
  Store& store_;
  const WorkspaceConfig& config_;
};

}  // namespace psirt
