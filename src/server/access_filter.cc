// The need-to-know filter of the team server.
#include "server/access_filter.h"

namespace psirt {

Status HiddenAdvisory() { return Status::NotFound("no such advisory"); }

std::string ViewerKey(const Viewer& v) {
  std::string k = std::string(RoleName(v.role)) + '\x1f' + v.handle + '\x1f' + v.email;
  for (const std::string& b : v.branches) k += '\x1f' + b;
  return k;
}

Result<std::shared_ptr<const std::vector<AdvisorySummary>>> AccessFilter::Visible(Store& store,
                                                                                  const Viewer& v) {
  std::int64_t counter = 0;
  PSIRT_RETURN_IF_ERROR(store.Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(counter, tx.ChangeCounter());
    return Status::Ok();
  }));
  std::string key = ViewerKey(v);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (snap_.counter == counter) {
      auto it = snap_.by_viewer.find(key);
      if (it != snap_.by_viewer.end()) return it->second;
    }
  }
  std::shared_ptr<const std::vector<AdvisorySummary>> all;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (snap_.counter == counter) all = snap_.all;
  }
  if (!all) {
    std::vector<AdvisorySummary> rows;
    std::int64_t read_counter = 0;
    PSIRT_RETURN_IF_ERROR(store.Read([&](StoreTx& tx) -> Status {
      PSIRT_ASSIGN_OR_RETURN(read_counter, tx.ChangeCounter());
      PSIRT_ASSIGN_OR_RETURN(rows, tx.ListSummaries(SummaryFilter{}));
      return Status::Ok();
    }));
    all = std::make_shared<const std::vector<AdvisorySummary>>(std::move(rows));
    counter = read_counter;  // the snapshot the rows belong to
    std::lock_guard<std::mutex> lock(mu_);
    if (counter > snap_.counter) snap_ = Snapshot{counter, all, {}};
  }
  auto visible = std::make_shared<std::vector<AdvisorySummary>>();
  if (v.role == Role::kPsirt) {
    *visible = *all;
  } else {
    for (const AdvisorySummary& s : *all)
      if (MaySee(s.visibility(), v)) visible->push_back(s);
  }
  std::shared_ptr<const std::vector<AdvisorySummary>> out = visible;
  std::lock_guard<std::mutex> lock(mu_);
  if (snap_.counter == counter) snap_.by_viewer[key] = out;
  return out;
}

Result<FoldedAdvisory> AccessFilter::Load(AdvisoryService& svc, const std::string& id, const Viewer& v) {
  if (!CheckAdvisoryId(id, svc.config()).ok()) return HiddenAdvisory();
  auto history = svc.History(id);
  if (!history.ok()) {
    if (history.status().code() == Status::Code::kNotFound) return HiddenAdvisory();
    return history.status();
  }
  if (history->empty()) return HiddenAdvisory();
  PSIRT_ASSIGN_OR_RETURN(Advisory a, Fold(*history));
  if (!MaySee(a, v)) return HiddenAdvisory();
  return FoldedAdvisory{std::move(a), std::move(*history)};
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
