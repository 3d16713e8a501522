// Sync: cache in, git facts, events out, cache back.
#include "app/sync_service.h"

#include <nlohmann/json.hpp>

#include "app/advisory_service.h"
#include "app/git_service.h"
#include "core/fix_status.h"
#include "git/repo_reader.h"

namespace psirt {

Result<SyncReport> SyncService::Sync() {
  SyncReport report;
  GitCache cache;
  std::vector<AdvisorySummary> open;
  std::optional<std::string> old_ref_tips;
  PSIRT_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(old_ref_tips, tx.GetState("ref_tips"));
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
  // Where the refs are now, and how that differs from the last sync.
  PSIRT_ASSIGN_OR_RETURN(git::RepoReader reader, git::RepoReader::Open(repo_));
  PSIRT_ASSIGN_OR_RETURN(std::vector<git::RefInfo> refs, reader.Refs(config_.releases.pr_ref_pattern));
  nlohmann::json ref_tips = nlohmann::json::object();
  for (const git::RefInfo& r : refs)
    if (r.kind != git::RefInfo::Kind::kOther) ref_tips[r.name] = r.commit;
  RefChange change = RefChange::kOther;
  if (old_ref_tips) {
    auto old = nlohmann::json::parse(*old_ref_tips, nullptr, false);
    std::string main_ref = "refs/heads/" + config_.releases.main_branch;
    if (old.is_object() && old.size() == ref_tips.size()) {
      change = RefChange::kNone;
      for (auto& [name, sha] : ref_tips.items()) {
        auto it = old.find(name);
        if (it == old.end() || !it->is_string()) {
          change = RefChange::kOther;
          break;
        }
        if (*it == sha) continue;
        auto ff = reader.IsAncestor(it->get<std::string>(), sha.get<std::string>(), 20000);
        if (name == main_ref && ff.ok() && *ff && change == RefChange::kNone) {
          change = RefChange::kMainFastForward;
        } else {
          change = RefChange::kOther;
          break;
        }
      }
    }
  }

  AdvisoryService advisories(store_, config_, clock_);
  std::vector<Advisory> todo;
  for (const AdvisorySummary& s : open) {
    if (!s.has_fix) continue;
    ++report.advisories;
    PSIRT_ASSIGN_OR_RETURN(Advisory a, advisories.Get(s.id));
    const auto& last = a.last_sync;
    bool holds = SyncStatusStillHolds(
        a.sync_stale, last.is_object(), last.is_object() && last.value("main_merged", false),
        last.is_object() && last.contains("unresolved") && last["unresolved"].empty(), change);
    if (holds) {
      ++report.unchanged_refs;
      continue;
    }
    todo.push_back(std::move(a));
  }

  if (!todo.empty()) {
    PSIRT_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
      PSIRT_ASSIGN_OR_RETURN(auto pids, tx.LoadPatchIds());
      for (auto& [sha, pid] : pids) cache.patch_ids.emplace(std::move(sha), std::move(pid));
      return Status::Ok();
    }));
    cache.load_commits = [this](GitCache& c) {
      return store_.Read([&](StoreTx& tx) -> Status {
        PSIRT_ASSIGN_OR_RETURN(c.commits, tx.LoadGitCommits());
        return Status::Ok();
      });
    };
    PSIRT_ASSIGN_OR_RETURN(auto git, GitService::Open(repo_, config_.releases, &cache));
    report.commits_cached = cache.loaded_commits;
    report.commits_read = cache.commits.size() - cache.loaded_commits;
    report.commits_from_commit_graph = git->graph_source().from_commit_graph;
    if (!cache.graph_from_cache) report.commits_read = git->graph_source().walked;
    for (const Advisory& a : todo) {
      PSIRT_ASSIGN_OR_RETURN(AdvisoryFixStatus st, git->FixStatus(a));
      PSIRT_ASSIGN_OR_RETURN(Change c, advisories.RecordSync(kSyncActor, a.id, FixStatusToJson(st)));
      if (!c.events.empty()) ++report.changed;
      for (const Event& e : c.events) {
        if (e.kind == EventKind::kMoved) ++report.accepted;
        report.events.push_back(e.advisory + ": " + std::string(EventKindName(e.kind)));
      }
    }
  }
  report.patch_ids_computed = cache.new_patch_ids.size();
  // The cache last: a sync that failed above leaves it as it was.
  PSIRT_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    std::span<const std::pair<std::string, std::string>> fresh(
        cache.commits.data() + cache.loaded_commits, cache.commits.size() - cache.loaded_commits);
    if (cache.graph_from_cache) PSIRT_RETURN_IF_ERROR(tx.AddGitCommits(fresh));
    PSIRT_RETURN_IF_ERROR(tx.PutState("ref_tips", ref_tips.dump()));
    PSIRT_RETURN_IF_ERROR(tx.PutPatchIds(cache.new_patch_ids));
    if (cache.tips.empty()) return Status::Ok();  // graph not loaded this time
    return tx.PutState("tips", nlohmann::json(cache.tips).dump());
  }));
  return report;
}

}  // namespace psirt
