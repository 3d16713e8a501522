// Git cache load and save.
#include "app/git_cache.h"

#include <nlohmann/json.hpp>

namespace psirt {

Result<std::unique_ptr<GitCacheSession>> GitCacheSession::Open(Store& store, const std::string& repo_dir,
                                                               const ReleaseModel& model,
                                                               std::function<void(size_t)> progress) {
  std::unique_ptr<GitCacheSession> s(new GitCacheSession(store));
  GitCache& cache = s->cache_;
  cache.progress = std::move(progress);
  PSIRT_RETURN_IF_ERROR(store.Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(auto tips, tx.GetState("tips"));
    if (tips) {
      auto j = nlohmann::json::parse(*tips, nullptr, false);
      if (j.is_array())
        for (auto& t : j)
          if (t.is_string()) cache.tips.push_back(t.get<std::string>());
    }
    PSIRT_ASSIGN_OR_RETURN(auto pids, tx.LoadPatchIds());
    for (auto& [sha, pid] : pids) cache.patch_ids.emplace(std::move(sha), std::move(pid));
    return Status::Ok();
  }));
  Store* st = &store;
  cache.load_graph = [st](GitCache& c) {
    return st->Read([&](StoreTx& tx) -> Status {
      PSIRT_ASSIGN_OR_RETURN(auto blob, tx.GetBlob("graph"));
      if (blob) {
        c.graph = std::move(*blob);
        return Status::Ok();
      }
      PSIRT_ASSIGN_OR_RETURN(c.legacy_commits, tx.LoadGitCommits());
      return Status::Ok();
    });
  };
  PSIRT_ASSIGN_OR_RETURN(s->git_, GitService::Open(repo_dir, model, &cache));
  return s;
}

Status GitCacheSession::Save() {
  return store_.Write([&](StoreTx& tx) -> Status {
    if (cache_.graph_from_cache && cache_.new_commits > 0)
      PSIRT_RETURN_IF_ERROR(tx.PutBlob("graph", git_->graph().Serialize()));
    if (!cache_.new_patch_ids.empty()) PSIRT_RETURN_IF_ERROR(tx.PutPatchIds(cache_.new_patch_ids));
    if (cache_.tips.empty()) return Status::Ok();
    return tx.PutState("tips", nlohmann::json(cache_.tips).dump());
  });
}

}  // namespace psirt
