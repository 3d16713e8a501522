// Sync: cache in, git facts, events out, cache back.
#include "app/sync_service.h"

#include <nlohmann/json.hpp>

#include "app/advisory_service.h"
#include "app/git_cache.h"
#include "app/git_service.h"
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
  std::optional<std::string> old_ref_tips, old_model;
  PSIRT_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(old_ref_tips, tx.GetState("ref_tips"));
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
  PSIRT_ASSIGN_OR_RETURN(git::RepoReader reader, git::RepoReader::Open(repo_));
  PSIRT_ASSIGN_OR_RETURN(std::vector<git::RefInfo> refs, reader.Refs(config_.releases.pr_ref_pattern));
  nlohmann::json ref_tips = nlohmann::json::object();
  for (const git::RefInfo& r : refs)
    if (r.kind != git::RefInfo::Kind::kOther) ref_tips[r.name] = r.commit;
  // The release model (psirt.yml's patterns, branches, policy) is part of
  // what a fix status depends on: when it changed, everything is read again.
  const std::string model_key = ReleaseModelKey(config_.releases);
  const bool model_changed = !old_model || *old_model != model_key;
  RefChange change = RefChange::kOther;
  if (old_ref_tips && !model_changed) {
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
  for (const AdvisorySummary& s : candidates) {
    if (!s.has_fix) continue;
    PSIRT_ASSIGN_OR_RETURN(Advisory a, advisories.Get(s.id));
    const std::optional<FixFacts>& last = a.fix_facts;
    if (a.state == State::kPublic && !a.sync_stale && last && last->IsFinal() && !model_changed) continue;
    ++report.advisories;
    if (a.state == State::kPublic) ++report.public_advisories;
    bool holds = SyncStatusStillHolds(a.sync_stale, last.has_value(), last && last->main_merged,
                                      last && last->unresolved.empty(), change);
    if (holds) {
      ++report.unchanged_refs;
      continue;
    }
    todo.push_back(std::move(a));
  }

  std::unique_ptr<GitCacheSession> session;
  if (!todo.empty()) {
    PSIRT_ASSIGN_OR_RETURN(session, GitCacheSession::Open(store_, repo_, config_.releases, progress_));
    const GitCache& cache = session->cache();
    GitService& git = session->git();
    report.commits_cached = cache.loaded_commits;
    report.commits_read = git.graph_source().walked;
    report.commits_from_commit_graph = git.graph_source().from_commit_graph;
    for (const Advisory& a : todo) {
      PSIRT_ASSIGN_OR_RETURN(FixFacts st, git.FixStatus(a));
      PSIRT_ASSIGN_OR_RETURN(Change c, advisories.RecordSync(kSyncActor, a.id, st));
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
    PSIRT_RETURN_IF_ERROR(tx.PutState("ref_tips", ref_tips.dump()));
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
