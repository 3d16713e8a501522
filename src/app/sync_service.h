// SyncService: `psirt sync` - refreshes every open advisory with a fix from
// the repository (fix/backport status as "synced" events, Review ->
// Accepted once merged). Incremental: it remembers where every ref was; an
// advisory whose status cannot have changed since (SyncStatusStillHolds) is
// not recomputed, and when none needs it the commit graph is not even
// loaded. The graph comes from git's commit-graph file, or from the store's
// cache plus the commits that are new.
#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "core/advisory.h"
#include "core/config.h"
#include "core/fix_status.h"
#include "store/store.h"

namespace psirt {

// What a git sync did: advisories checked and changed.
struct SyncReport {
  int advisories = 0;         // advisories with fixes that were checked (open, or Public and not final)
  int public_advisories = 0;  // of those, Public ones whose fix status was not final yet
  int unchanged_refs = 0;     // of those, skipped: nothing they depend on moved
  int changed = 0;            // advisories whose status changed
  int accepted = 0;           // moved Review -> Accepted
  size_t commits_cached = 0;  // commits taken from the cache
  size_t commits_read = 0;    // commits read from the repository this time
  size_t commits_from_commit_graph = 0;  // taken from git's commit-graph file
  size_t patch_ids_computed = 0;
  std::vector<std::string> events;  // "ID: what changed"
};

// Ok when psirt.yml names the project's clone (`repository`); otherwise
// Invalid saying how to set it. Every sync entry point asks this first.
Status RequireRepository(const WorkspaceConfig& config);

// Reads fix, release and backport status from git into the advisories.
class SyncService {
 public:
  SyncService(Store& store, const WorkspaceConfig& config, std::string repo_dir, const Clock& clock)
      : store_(store), config_(config), repo_(std::move(repo_dir)), clock_(clock) {}
  Result<SyncReport> Sync();
  // One advisory's fix status from the repository now (`psirt status`),
  // over the same graph cache as Sync (a second call reads no old commit);
  // records nothing about the advisory.
  Result<std::pair<Advisory, FixFacts>> StatusOf(const std::string& id);
  // Told how many commits were read from the repository's objects.
  void set_progress(std::function<void(size_t)> p) { progress_ = std::move(p); }

 private:
  Store& store_;
  const WorkspaceConfig& config_;
  std::string repo_;
  const Clock& clock_;
  std::function<void(size_t)> progress_;
};

inline constexpr const char* kSyncActor = "psirt-sync";

}  // namespace psirt
