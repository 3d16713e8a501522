// The need-to-know filter of the team server.
#include "server/access_filter.h"

namespace psirt {

Status HiddenAdvisory() { return Status::NotFound("no such advisory"); }

std::string ViewerKey(const Viewer& v) {
  std::string k = std::string(RoleName(v.role)) + '\x1f' + v.handle + '\x1f' + v.email;
  for (const std::string& b : v.branches) k += '\x1f' + b;
  return k;
}

Status AccessFilter::Refresh(Store& store) {
  if (watch_) {
    bool filled;
    {
      std::lock_guard<std::mutex> lock(mu_);
      filled = counter_ >= 0;
    }
    if (filled && !watch_->MaybeChanged()) return Status::Ok();
  }
  Status st = RefreshFromStore(store);
  if (!st.ok() && watch_) watch_->MarkChanged();  // look again next time
  return st;
}

Status AccessFilter::RefreshFromStore(Store& store) {
  std::int64_t counter = 0;
  PSIRT_RETURN_IF_ERROR(store.Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(counter, tx.ChangeCounter());
    return Status::Ok();
  }));
  std::lock_guard<std::mutex> lock(mu_);
  if (counter == counter_) return Status::Ok();
  std::vector<AdvisorySummary> changed;
  PSIRT_RETURN_IF_ERROR(store.Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(counter, tx.ChangeCounter());
    if (counter == counter_) return Status::Ok();
    SummaryFilter f;
    if (counter_ >= 0) f.changed_since = counter_;
    PSIRT_ASSIGN_OR_RETURN(changed, tx.ListSummaries(f));
    return Status::Ok();
  }));
  if (counter != counter_) {
    for (AdvisorySummary& s : changed) {
      Key k{s.year, s.seq, s.id};
      if (auto old = key_of_.find(s.id); old != key_of_.end() && !(old->second == k)) entries_.erase(old->second);
      key_of_[s.id] = k;
      auto e = std::make_shared<ListedAdvisory>();
      e->json = render_ ? render_(s) : std::string();
      e->summary = std::move(s);
      entries_[k] = std::move(e);
    }
    counter_ = counter;
    by_viewer_.clear();
  }
  return Status::Ok();
}

Result<std::shared_ptr<const Listing>> AccessFilter::Visible(Store& store, const Viewer& v) {
  PSIRT_RETURN_IF_ERROR(Refresh(store));
  std::string key = ViewerKey(v);
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = by_viewer_.find(key); it != by_viewer_.end()) return it->second;
  auto list = std::make_shared<Listing>();
  for (const auto& [k, e] : entries_)
    if (v.role == Role::kPsirt || MaySee(e->summary.visibility(), v)) list->push_back(e);
  std::shared_ptr<const Listing> out = list;
  if (by_viewer_.size() > 10000) by_viewer_.clear();  // bounded however many viewers
  by_viewer_[key] = out;
  return out;
}

Result<AdvisoryReader::Admit> AccessFilter::Admission(Store& store, const Viewer& v) {
  PSIRT_RETURN_IF_ERROR(Refresh(store));
  return AdvisoryReader::Admit([this, v](const std::string& id) {
    std::lock_guard<std::mutex> lock(mu_);
    auto k = key_of_.find(id);
    auto e = k == key_of_.end() ? entries_.end() : entries_.find(k->second);
    return e != entries_.end() && (v.role == Role::kPsirt || MaySee(e->second->summary.visibility(), v));
  });
}

AdvisoryService::Guard AccessFilter::GuardFor(const Viewer& v) {
  return [v](const Advisory& a, Action action) -> Status {
    Visibility vis = VisibilityOf(a);
    if (!MaySee(vis, v)) return HiddenAdvisory();
    if (MayDo(action, vis, v)) return Status::Ok();
    std::string role(RoleName(v.role));
    return Status::Denied("a " + role + " may not " +
                          (action == Action::kManage    ? std::string("manage this advisory (PSIRT only)")
                           : action == Action::kComment ? std::string("comment on this advisory")
                                                        : std::string(ActionName(action)) + " this advisory"));
  };
}

}  // namespace psirt
