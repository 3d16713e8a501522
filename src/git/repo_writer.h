// RepoWriter: creates git history programmatically (commits with given
// files, authors and times; branches; tags; cherry-picks with or without
// "-x" trailers). Used by `psirt demo` and by tests that need real
// repositories. Writes only the repository it created or opened.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "git/libgit2_handle.h"

namespace psirt::git {

// Writes commits, branches and tags into a repository (tests and demos).
class RepoWriter {
 public:
  // Creates a new non-bare repository whose HEAD points at `main_branch`.
  static Result<RepoWriter> Init(const std::string& path, const std::string& main_branch);

  struct CommitSpec {
    std::string branch;                            // ref to advance (refs/heads/<branch>)
    std::map<std::string, std::string> files;      // path -> new content
    std::vector<std::string> remove;               // paths to delete
    std::string message;
    std::string author_name = "Dev";
    std::string author_email = "dev@example.org";
    Timestamp time;
    std::optional<std::string> second_parent;      // makes a merge commit
  };
  // Commits on top of the branch's tip (or as a root commit when the branch
  // does not exist yet). Returns the new commit's SHA.
  Result<std::string> Commit(const CommitSpec& spec);

  Status Branch(const std::string& name, const std::string& at_sha);
  Status DeleteBranch(const std::string& name);
  Status Tag(const std::string& name, const std::string& at_sha, Timestamp time);
  // Any ref, e.g. refs/pull/42/head.
  Status Ref(const std::string& ref, const std::string& at_sha);
  Result<std::string> Tip(const std::string& branch);
  // The content of `path` at the tip of `branch`, if it exists there.
  Result<std::optional<std::string>> ReadFile(const std::string& branch, const std::string& path);
  // Checks the main branch out into the work tree.
  Status CheckoutHead();

 private:
  explicit RepoWriter(RepoPtr repo) : repo_(std::move(repo)) {}
  RepoPtr repo_;
};

}  // namespace psirt::git
