// FullSync: the one sync entry point. `psirt sync`, the server's scheduled
// sync job (with server.fetch_minutes, fetching first) and the follow-up of
// a pull-request webhook all run it, in one order: the clone's remote
// fetched (when asked), then the pull requests linked to advisories read
// from GitHub (when a repository is configured; a merged backport becomes a
// fix on its branch before git is read), then the fix status from the
// clone. A GitHub failure is reported and the git part still runs: the
// clone's facts do not depend on GitHub.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/github_service.h"
#include "app/sync_service.h"
#include "git/remote_fetch.h"

namespace psirt {

// What one sync does: fetch first, read GitHub PRs, and how.
struct FullSyncOptions {
  bool fetch = false;   // fetch the clone's origin first
  bool github = true;   // read linked PRs when psirt.yml names github.repo
  // Opens the GitHub session (the CLI's and the server's differ in transport).
  std::function<Result<std::unique_ptr<GithubSession>>()> open_github;
  std::function<void(size_t)> progress;  // commits read from the repository
};

// What one sync did: the fetch, the GitHub changes and the git fix status.
struct FullSyncReport {
  std::optional<git::FetchResult> fetched;
  bool github_read = false;
  std::vector<std::string> github_changes;
  Status github_status;  // why the pull requests were not read, when they were not
  SyncReport git;
};

// Runs the steps above; an error only when the git part fails (or the fetch).
Result<FullSyncReport> FullSync(Store& store, const WorkspaceConfig& config, const std::string& repo_dir, const Clock& clock,
                                const FullSyncOptions& options);

// The report as `psirt sync --json` prints it and a server's sync job
// answers it ("github_error": why the pull requests were not read, or null).
nlohmann::json ToJson(const FullSyncReport& r);

}  // namespace psirt
