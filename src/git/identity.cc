// user.email lookup through libgit2's configuration stack.
#include "git/identity.h"

#include "git/libgit2_handle.h"

namespace psirt::git {

std::optional<std::string> UserEmail(const std::string& dir) {
  EnsureLibgit2();
  ConfigPtr cfg;
  git_repository* repo_raw = nullptr;
  if (git_repository_open_ext(&repo_raw, dir.c_str(), 0, nullptr) == 0) {
    RepoPtr repo(repo_raw);
    git_config* c = nullptr;
    if (git_repository_config_snapshot(&c, repo.get()) == 0) cfg.reset(c);
  }
  if (!cfg) {
    git_config* c = nullptr;
    if (git_config_open_default(&c) != 0) return std::nullopt;
    git_config* snap = nullptr;
    int rc = git_config_snapshot(&snap, c);
    git_config_free(c);
    if (rc != 0) return std::nullopt;
    cfg.reset(snap);
  }
  const char* email = nullptr;
  if (git_config_get_string(&email, cfg.get(), "user.email") != 0 || !email || !*email)
    return std::nullopt;
  return std::string(email);
}

}  // namespace psirt::git
