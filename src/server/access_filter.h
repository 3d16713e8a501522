// AccessFilter: the server's one access rule, in front of every read and
// write. It applies the core's need-to-know (MaySee, MayDo) to lists,
// counts, searches, agenda items and single advisories, and gives the
// advisory service the guard its writes check. An advisory the viewer may
// not see is answered exactly like one that does not exist.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/advisory_service.h"
#include "core/need_to_know.h"
#include "core/summary.h"
#include "store/store.h"

namespace psirt {

// The error for "no such advisory", the same whether it does not exist or
// may not be seen.
Status HiddenAdvisory();

class AccessFilter {
 public:
  // The advisories `v` may see, in id order. Cached per viewer until the
  // next change to the store (ChangeCounter), so a list costs a lookup.
  Result<std::shared_ptr<const std::vector<AdvisorySummary>>> Visible(Store& store, const Viewer& v);

  // One advisory with its history, or HiddenAdvisory() when it does not
  // exist, its id is malformed, or `v` may not see it.
  Result<FoldedAdvisory> Load(AdvisoryService& svc, const std::string& id, const Viewer& v);

  // The guard an AdvisoryService checks inside each write: hidden
  // advisories are not found; visible ones the viewer may not change are
  // Denied with what their role allows.
  static AdvisoryService::Guard GuardFor(const Viewer& v);

 private:
  struct Snapshot {
    std::int64_t counter = -1;
    std::shared_ptr<const std::vector<AdvisorySummary>> all;
    std::unordered_map<std::string, std::shared_ptr<const std::vector<AdvisorySummary>>> by_viewer;
  };
  std::mutex mu_;
  Snapshot snap_;
};

// A key that tells viewers with different rights apart (role, handle,
// e-mail, branches).
std::string ViewerKey(const Viewer& v);

}  // namespace psirt
