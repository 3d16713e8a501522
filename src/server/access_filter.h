// AccessFilter: the server's one access rule, in front of every read and
// write. It applies the core's need-to-know (MaySee, MayDo) to lists,
// counts, searches, agenda items and single advisories, and gives the
// advisory service the guard its writes check. An advisory the viewer may
// not see is answered exactly like one that does not exist.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/advisory_reader.h"
#include "app/advisory_service.h"
#include "core/need_to_know.h"
#include "core/summary.h"
#include "store/store.h"

namespace psirt {

// The error for "no such advisory", the same whether it does not exist or
// may not be seen.
Status HiddenAdvisory();

// One advisory as lists show it: its projection row and its JSON (the
// list endpoint's element), rendered once per change.
struct ListedAdvisory {
  AdvisorySummary summary;
  std::string json;
};
// The advisories one viewer may see, in id order.
using Listing = std::vector<std::shared_ptr<const ListedAdvisory>>;

// The server's access rule in front of every list and advisory read.
class AccessFilter {
 public:
  // `render` turns a row into its JSON list element.
  explicit AccessFilter(std::function<std::string(const AdvisorySummary&)> render = nullptr)
      : render_(std::move(render)) {}

  // The advisories `v` may see, in id order. Kept in memory and brought up
  // to date from the store's change counter: only advisories with new
  // events are read again, and each viewer's list is rebuilt once per
  // change, so a list costs a lookup.
  Result<std::shared_ptr<const Listing>> Visible(Store& store, const Viewer& v);

  // The reader's quick check (app/advisory_reader.h) for `v`, brought up
  // to date with the store first: whether `v` may see an advisory id is
  // decided from the projection kept in memory, so a hidden advisory and a
  // missing one take the same path and the same time; only a visible one
  // has its history read.
  Result<AdvisoryReader::Admit> Admission(Store& store, const Viewer& v);

  // A watch that tells when the store may have changed: with it, the
  // change counter is read only then (PostgreSQL: after a notification).
  void set_watch(std::shared_ptr<ChangeWatch> watch) { watch_ = std::move(watch); }

  // The guard an AdvisoryService checks inside each write: hidden
  // advisories are not found; visible ones the viewer may not change are
  // Denied with what their role allows.
  static AdvisoryService::Guard GuardFor(const Viewer& v);

 private:
  // Brings the entries up to date with the store's change counter (when
  // the watch, if any, says something may have changed).
  Status Refresh(Store& store);
  Status RefreshFromStore(Store& store);
  struct Key {
    int year, seq;
    std::string id;
    auto operator<=>(const Key&) const = default;
  };
  std::function<std::string(const AdvisorySummary&)> render_;
  std::shared_ptr<ChangeWatch> watch_;
  std::mutex mu_;
  std::int64_t counter_ = -1;  // the store's ChangeCounter the entries reflect
  std::map<Key, std::shared_ptr<const ListedAdvisory>> entries_;
  std::map<std::string, Key> key_of_;
  std::unordered_map<std::string, std::shared_ptr<const Listing>> by_viewer_;
};

// A key that tells viewers with different rights apart (role, handle,
// e-mail, branches).
std::string ViewerKey(const Viewer& v);

}  // namespace psirt
