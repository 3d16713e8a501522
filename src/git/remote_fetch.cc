// git fetch with libgit2.
#include "git/remote_fetch.h"

#include "git/libgit2_handle.h"

namespace psirt::git {

Result<FetchResult> FetchRemote(const std::string& repo_dir, const std::string& remote_name) {
  EnsureLibgit2();
  git_repository* raw = nullptr;
  if (git_repository_open_ext(&raw, repo_dir.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) != 0)
    return LastError(repo_dir + ": not a git repository");
  RepoPtr repo(raw);
  git_remote* r = nullptr;
  if (git_remote_lookup(&r, repo.get(), remote_name.c_str()) != 0)
    return LastError(repo_dir + ": no remote '" + remote_name + "' to fetch");
  std::unique_ptr<git_remote, Deleter<git_remote, git_remote_free>> remote(r);
  git_fetch_options opts;
  git_fetch_options_init(&opts, GIT_FETCH_OPTIONS_VERSION);
  opts.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_ALL;
  opts.prune = GIT_FETCH_NO_PRUNE;
  if (git_remote_fetch(remote.get(), nullptr, &opts, "fetch (psirt)") != 0)
    return LastError(repo_dir + ": fetching '" + remote_name + "'");
  const git_indexer_progress* p = git_remote_stats(remote.get());
  return FetchResult{p ? p->received_objects : 0, p ? p->received_bytes : 0};
}

}  // namespace psirt::git
