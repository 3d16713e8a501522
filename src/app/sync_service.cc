// Sync: cache in, git facts, events out, cache back.
#include "app/sync_service.h"

#include <nlohmann/json.hpp>

#include "app/advisory_service.h"
#include "app/git_service.h"

namespace psirt {

Result<SyncReport> SyncService::Sync() {
  SyncReport report;
  GitCache cache;
  std::vector<AdvisorySummary> open;
  PSIRT_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(cache.commits, tx.LoadGitCommits());
    PSIRT_ASSIGN_OR_RETURN(auto pids, tx.LoadPatchIds());
    for (auto& [sha, pid] : pids) cache.patch_ids.emplace(std::move(sha), std::move(pid));
    PSIRT_ASSIGN_OR_RETURN(auto tips, tx.GetState("tips"));
    if (tips) {
      auto j = nlohmann::json::parse(*tips, nullptr, false);
      if (j.is_array())
        for (auto& t : j)
          if (t.is_string()) cache.tips.push_back(t.get<std::string>());
    }
    SummaryFilter f;
    f.open_only = true;
    PSIRT_ASSIGN_OR_RETURN(open, tx.ListSummaries(f));
    return Status::Ok();
  }));
  PSIRT_ASSIGN_OR_RETURN(auto git, GitService::Open(repo_, config_.releases, &cache));
  report.commits_cached = cache.loaded_commits;
  report.commits_read = cache.commits.size() - cache.loaded_commits;

  AdvisoryService advisories(store_, config_, clock_);
  for (const AdvisorySummary& s : open) {
    if (!s.has_fix) continue;
    ++report.advisories;
    PSIRT_ASSIGN_OR_RETURN(Advisory a, advisories.Get(s.id));
    PSIRT_ASSIGN_OR_RETURN(AdvisoryFixStatus st, git->FixStatus(a));
    PSIRT_ASSIGN_OR_RETURN(Change c, advisories.RecordSync(kSyncActor, a.id, FixStatusToJson(st)));
    if (!c.events.empty()) ++report.changed;
    for (const Event& e : c.events) {
      if (e.kind == EventKind::kMoved) ++report.accepted;
      report.events.push_back(e.advisory + ": " + std::string(EventKindName(e.kind)));
    }
  }
  report.patch_ids_computed = cache.new_patch_ids.size();
  // The cache last: a sync that failed above leaves it as it was.
  PSIRT_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    std::span<const std::pair<std::string, std::string>> fresh(
        cache.commits.data() + cache.loaded_commits, cache.commits.size() - cache.loaded_commits);
    PSIRT_RETURN_IF_ERROR(tx.AddGitCommits(fresh));
    PSIRT_RETURN_IF_ERROR(tx.PutPatchIds(cache.new_patch_ids));
    return tx.PutState("tips", nlohmann::json(cache.tips).dump());
  }));
  return report;
}

}  // namespace psirt
