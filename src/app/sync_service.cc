// Sync: cache in, git facts, events out, cache back.
#include "app/sync_service.h"

#include <map>

#include "app/advisory_service.h"
#include "app/git_cache.h"
#include "app/git_service.h"
#include "app/ref_tips.h"
#include "app/sync_memo.h"
#include "core/fix_status.h"
#include "core/versions.h"
#include "git/repo_reader.h"

namespace psirt {

Status RequireRepository(const WorkspaceConfig& config) {
  if (config.repository.empty())
    return Status::Invalid("psirt.yml has no 'repository': set the path of the project's clone");
  return Status::Ok();
}


Result<SyncReport> SyncService::Sync() {
  SyncReport report;
  std::vector<AdvisorySummary> candidates;
  std::optional<std::string> old_ref_tips, old_model, old_memo;
  PSIRT_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(old_ref_tips, tx.GetState("ref_tips"));
    PSIRT_ASSIGN_OR_RETURN(old_memo, tx.GetState("sync_memo"));
    PSIRT_ASSIGN_OR_RETURN(old_model, tx.GetState("release_model"));
    SummaryFilter f;
    f.open_only = true;
    PSIRT_ASSIGN_OR_RETURN(candidates, tx.ListSummaries(f));
    // Public advisories too, while their fix status is not final: published
    // records gain their versions from git.
    SummaryFilter pub;
    pub.state = State::kPublic;
    PSIRT_ASSIGN_OR_RETURN(auto published, tx.ListSummaries(pub));
    for (auto& s : published) candidates.push_back(std::move(s));
    return Status::Ok();
  }));
  // Where the refs are now, and how that differs from the last sync.
  PSIRT_ASSIGN_OR_RETURN(RefTips tips, ReadRefTips(repo_, config_.releases.main_branch, config_.releases.pr_ref_pattern));
  // The release model (psirt.yml's patterns, branches, policy) is part of
  // what a fix status depends on: when it changed, everything is read again.
  const std::string model_key = ReleaseModelKey(config_.releases);
  const bool model_changed = !old_model || *old_model != model_key;
  RefChange change = RefChange::kOther;
  std::optional<RefTips> before = old_ref_tips ? RefTips::Parse(*old_ref_tips) : std::nullopt;
  if (before && !model_changed) {
    change = CompareRefTips(*before, tips, [&](const std::string& older, const std::string& newer) {
      return IsFastForward(repo_, older, newer);
    });
  }

  AdvisoryService advisories(store_, config_, clock_);
  // Each candidate judged from the memo when its version did not change
  // since the last sync, else from its history (read in one transaction).
  const SyncMemo memo = old_memo ? ParseSyncMemo(*old_memo) : SyncMemo();
  SyncMemo next_memo;
  std::map<std::string, Advisory> folded;
  auto fold = [&](const std::vector<std::string>& ids) -> Status {
    return store_.Read([&](StoreTx& tx) -> Status {
      for (const std::string& id : ids) {
        PSIRT_ASSIGN_OR_RETURN(std::vector<Event> history, tx.LoadEvents(id));
        PSIRT_ASSIGN_OR_RETURN(Advisory a, Fold(history));
        folded.emplace(id, std::move(a));
      }
      return Status::Ok();
    });
  };
  std::vector<std::string> unknown;
  for (const AdvisorySummary& s : candidates) {
    auto it = memo.find(s.id);
    if (s.has_fix && (it == memo.end() || it->second.version != s.version)) unknown.push_back(s.id);
  }
  PSIRT_RETURN_IF_ERROR(fold(unknown));
  std::vector<std::string> todo_ids;
  for (const AdvisorySummary& s : candidates) {
    if (!s.has_fix) continue;
    auto f = folded.find(s.id);
    const SyncMemoEntry e = f != folded.end() ? SyncMemoOf(f->second) : memo.at(s.id);
    next_memo[s.id] = e;
    if (s.state == State::kPublic && !e.stale && e.has_last && e.final_status && !model_changed) continue;
    ++report.advisories;
    if (s.state == State::kPublic) ++report.public_advisories;
    if (SyncStatusStillHolds(e.stale, e.has_last, e.main_merged, e.unresolved_empty, change)) {
      ++report.unchanged_refs;
      continue;
    }
    todo_ids.push_back(s.id);
  }
  std::vector<std::string> to_fold;
  for (const std::string& id : todo_ids)
    if (!folded.count(id)) to_fold.push_back(id);
  PSIRT_RETURN_IF_ERROR(fold(to_fold));
  std::vector<Advisory> todo;
  for (const std::string& id : todo_ids) todo.push_back(std::move(folded.at(id)));

  std::unique_ptr<GitCacheSession> session;
  if (!todo.empty()) {
    PSIRT_ASSIGN_OR_RETURN(session, GitCacheSession::Open(store_, repo_, config_.releases, progress_));
    const GitCache& cache = session->cache();
    GitService& git = session->git();
    report.commits_cached = cache.loaded_commits;
    report.commits_read = git.graph_source().walked;
    report.commits_from_commit_graph = git.graph_source().from_commit_graph;
    std::vector<std::pair<std::string, FixFacts>> statuses;
    for (const Advisory& a : todo) {
      PSIRT_ASSIGN_OR_RETURN(FixFacts st, git.FixStatus(a));
      statuses.emplace_back(a.id, std::move(st));
    }
    // Every result in one write transaction.
    PSIRT_ASSIGN_OR_RETURN(std::vector<Change> changes, advisories.RecordSyncs(kSyncActor, statuses));
    for (const Change& c : changes) {
      next_memo[c.advisory.id] = SyncMemoOf(c.advisory);
      if (!c.events.empty()) ++report.changed;
      for (const Event& e : c.events) {
        if (e.kind == EventKind::kMoved) ++report.accepted;
        report.events.push_back(e.advisory + ": " + std::string(EventKindName(e.kind)));
      }
    }
    report.patch_ids_computed = cache.new_patch_ids.size();
    // The cache after the advisories: a sync that failed above leaves it as it was.
    PSIRT_RETURN_IF_ERROR(session->Save());
  }
  PSIRT_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    PSIRT_RETURN_IF_ERROR(tx.PutState("ref_tips", tips.Serialize()));
    PSIRT_RETURN_IF_ERROR(tx.PutState("sync_memo", SerializeSyncMemo(next_memo)));
    return tx.PutState("release_model", model_key);
  }));
  return report;
}

Result<std::pair<Advisory, FixFacts>> SyncService::StatusOf(const std::string& id) {
  AdvisoryService advisories(store_, config_, clock_);
  PSIRT_ASSIGN_OR_RETURN(Advisory a, advisories.Get(id));
  PSIRT_ASSIGN_OR_RETURN(auto session, GitCacheSession::Open(store_, repo_, config_.releases, progress_));
  PSIRT_ASSIGN_OR_RETURN(FixFacts facts, session->git().FixStatus(a));
  PSIRT_RETURN_IF_ERROR(session->Save());
  return std::make_pair(std::move(a), std::move(facts));
}

}  // namespace psirt
