// GitCacheSession: the git engine over the store's rebuildable git cache,
// for every command that reads fix status from the repository (sync,
// status). It loads what earlier runs learned (the commit graph when the
// clone has no commit-graph file, ref tips, patch-ids), opens GitService so
// only new commits are read, and writes back what this run learned. The
// cache tables never hold anything the repository cannot give again.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "app/git_service.h"
#include "base/status.h"
#include "core/config.h"
#include "store/store.h"

namespace psirt {

// The repository opened once with its mapped commit graph and ref readers, for a sync.
class GitCacheSession {
 public:
  // `progress` is told how many commits were read from the objects (a
  // first run on a big repository without a commit-graph file).
  static Result<std::unique_ptr<GitCacheSession>> Open(Store& store, const std::string& repo_dir,
                                                       const ReleaseModel& model,
                                                       std::function<void(size_t)> progress = nullptr);
  GitService& git() { return *git_; }
  const GitCache& cache() const { return cache_; }
  // New commits, patch-ids and tips, in one write transaction.
  Status Save();

 private:
  GitCacheSession(Store& store) : store_(store) {}
  Store& store_;
  GitCache cache_;
  std::unique_ptr<GitService> git_;
};

}  // namespace psirt
