// Tree-to-tree diffs and tree walks with libgit2.
#include "git/changed_paths.h"

#include <set>

#include "git/libgit2_handle.h"

namespace psirt::git {
namespace {

Result<RepoPtr> Open(const std::string& dir) {
  EnsureLibgit2();
  git_repository* r = nullptr;
  if (git_repository_open_ext(&r, dir.c_str(), 0, nullptr) != 0)
    return Status::NotFound(dir + ": not a git repository");
  return RepoPtr(r);
}

Result<TreePtr> TreeOf(git_repository* repo, const std::string& rev) {
  git_object* obj = nullptr;
  if (git_revparse_single(&obj, repo, rev.c_str()) != 0)
    return Status::NotFound("unknown revision '" + rev + "'");
  git_object* peeled = nullptr;
  int rc = git_object_peel(&peeled, obj, GIT_OBJECT_TREE);
  git_object_free(obj);
  if (rc != 0) return Status::Invalid("'" + rev + "' does not name a commit");
  return TreePtr(reinterpret_cast<git_tree*>(peeled));
}

int CollectFile(const git_diff_delta* d, float, void* payload) {
  auto* out = static_cast<std::set<std::string>*>(payload);
  if (d->old_file.path) out->insert(d->old_file.path);
  if (d->new_file.path) out->insert(d->new_file.path);
  return 0;
}

int CollectTree(const char* root, const git_tree_entry* e, void* payload) {
  if (git_tree_entry_type(e) == GIT_OBJECT_BLOB)
    static_cast<std::vector<std::string>*>(payload)->push_back(std::string(root) +
                                                               git_tree_entry_name(e));
  return 0;
}

}  // namespace

Result<std::vector<std::string>> ChangedPaths(const std::string& dir, const std::string& range) {
  PSIRT_ASSIGN_OR_RETURN(RepoPtr repo, Open(dir));
  std::string from, to;
  size_t dots = range.find("..");
  if (dots != std::string::npos) {
    from = range.substr(0, dots);
    to = range.substr(dots + 2);
    if (to.empty()) to = "HEAD";
    if (from.empty()) return Status::Usage("commit range '" + range + "': expected A..B");
  } else {
    from = range + "^";
    to = range;
  }
  PSIRT_ASSIGN_OR_RETURN(TreePtr a, TreeOf(repo.get(), from));
  PSIRT_ASSIGN_OR_RETURN(TreePtr b, TreeOf(repo.get(), to));
  git_diff* diff = nullptr;
  if (git_diff_tree_to_tree(&diff, repo.get(), a.get(), b.get(), nullptr) != 0)
    return LastError("diff " + range);
  std::set<std::string> paths;
  git_diff_foreach(diff, CollectFile, nullptr, nullptr, nullptr, &paths);
  git_diff_free(diff);
  return std::vector<std::string>(paths.begin(), paths.end());
}

Result<std::vector<std::string>> TrackedFiles(const std::string& dir) {
  PSIRT_ASSIGN_OR_RETURN(RepoPtr repo, Open(dir));
  PSIRT_ASSIGN_OR_RETURN(TreePtr t, TreeOf(repo.get(), "HEAD"));
  std::vector<std::string> out;
  git_tree_walk(t.get(), GIT_TREEWALK_PRE, CollectTree, &out);
  return out;
}

}  // namespace psirt::git
