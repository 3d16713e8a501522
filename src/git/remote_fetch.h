// Fetching a clone's remote (libgit2), so a team server sees new commits,
// tags and release branches without a cron job running `git fetch`.
#pragma once

#include <cstddef>
#include <string>

#include "base/status.h"

namespace psirt::git {

// What a fetch brought.
struct FetchResult {
  size_t objects_received = 0;
  size_t bytes_received = 0;
};

// Fetches `remote` of the repository at `repo_dir` with the remote's
// configured refspecs (tags too), like `git fetch REMOTE`. Credentials are
// not asked for: a remote that needs them is an error naming it.
Result<FetchResult> FetchRemote(const std::string& repo_dir, const std::string& remote = "origin");

}  // namespace psirt::git
