// The one sync: fetch, GitHub's pull requests, then git.
#include "app/full_sync.h"

namespace psirt {

Result<FullSyncReport> FullSync(Store& store, const WorkspaceConfig& config, const std::string& repo_dir, const Clock& clock,
                                const FullSyncOptions& o) {
  PSIRT_RETURN_IF_ERROR(RequireRepository(config));
  FullSyncReport report;
  if (o.fetch) {
    PSIRT_ASSIGN_OR_RETURN(git::FetchResult fetched, git::FetchRemote(repo_dir));
    report.fetched = fetched;
  }
  if (o.github && !config.github.repo.empty()) {
    report.github_status = [&]() -> Status {
      if (!o.open_github) return Status::Internal("no way to reach GitHub was given");
      PSIRT_ASSIGN_OR_RETURN(auto session, o.open_github());
      PSIRT_ASSIGN_OR_RETURN(GithubPrReport prs, session->service->AllPrs());
      report.github_changes = prs.changes;
      report.github_read = true;
      return Status::Ok();
    }();
  }
  SyncService sync(store, config, repo_dir, clock);
  if (o.progress) sync.set_progress(o.progress);
  PSIRT_ASSIGN_OR_RETURN(report.git, sync.Sync());
  return report;
}

nlohmann::json ToJson(const FullSyncReport& report) {
  const SyncReport& r = report.git;
  return {{"advisories", r.advisories},
          {"unchanged_refs", r.unchanged_refs},
          {"public_not_final", r.public_advisories},
          {"changed", r.changed},
          {"accepted", r.accepted},
          {"commits_cached", r.commits_cached},
          {"commits_read", r.commits_read},
          {"commits_from_commit_graph", r.commits_from_commit_graph},
          {"patch_ids_computed", r.patch_ids_computed},
          {"github", report.github_changes},
          {"github_error", report.github_status.ok() ? nlohmann::json(nullptr) : nlohmann::json(report.github_status.message())},
          {"fetched_objects", report.fetched ? nlohmann::json(report.fetched->objects_received) : nlohmann::json(nullptr)},
          {"events", r.events}};
}

}  // namespace psirt
