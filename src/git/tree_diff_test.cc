// Tests of FirstParentChangedFiles against libgit2's tree-to-tree diff (what
// RepoReader::ChangedFiles answered before): every commit of a history with
// each kind of change - modified, added and deleted files, nested
// directories appearing and vanishing, a file becoming a directory, a file
// becoming a symlink, a mode change, a submodule entry, a merge - loose and
// packed, with RepoReader's patch-ids (its libgit2 diff narrowed to these
// paths) equal to the whole diff's; and an unreadable object (nullopt: the
// caller falls back).
#include "git/tree_diff.h"

#include <git2.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "git/libgit2_handle.h"
#include "git/repo_reader.h"
#include "testing/test_support.h"

namespace psirt::git {
namespace {

using psirt::testing::GitRepo;

// libgit2's answers on the whole diff, as RepoReader computed them before:
// the sorted delta paths and the patch-id ("" for none).
struct Libgit2Answer {
  std::vector<std::string> files;
  std::string patch_id;
};
Libgit2Answer Libgit2Whole(const std::string& dir, const std::string& sha) {
  EnsureLibgit2();
  git_repository* repo = nullptr;
  EXPECT_EQ(git_repository_open(&repo, dir.c_str()), 0);
  git_oid oid;
  git_oid_fromstr(&oid, sha.c_str());
  git_commit* c = nullptr;
  EXPECT_EQ(git_commit_lookup(&c, repo, &oid), 0);
  Libgit2Answer answer;
  std::vector<std::string>& out = answer.files;
  if (git_commit_parentcount(c) == 1) {
    git_commit* p = nullptr;
    git_commit_parent(&p, c, 0);
    git_tree *a = nullptr, *b = nullptr;
    git_commit_tree(&a, p);
    git_commit_tree(&b, c);
    git_diff* diff = nullptr;
    EXPECT_EQ(git_diff_tree_to_tree(&diff, repo, a, b, nullptr), 0);
    for (size_t i = 0, n = git_diff_num_deltas(diff); i < n; ++i) {
      const git_diff_delta* d = git_diff_get_delta(diff, i);
      out.push_back(d->new_file.path ? d->new_file.path : d->old_file.path);
    }
    std::sort(out.begin(), out.end());
    git_oid pid;
    if (git_diff_patchid(&pid, diff, nullptr) == 0) answer.patch_id = git_oid_tostr_s(&pid);
    git_diff_free(diff);
    git_tree_free(a);
    git_tree_free(b);
    git_commit_free(p);
  }
  git_commit_free(c);
  git_repository_free(repo);
  return answer;
}

std::vector<std::string> EveryKindOfChange(GitRepo& r) {
  std::vector<std::string> c;
  c.push_back(r.Commit("README", "hello\n", "root"));
  c.push_back(r.Commit("src/a/b/deep.c", "int deep;\n", "nested directories appear"));
  c.push_back(r.Commit("src/a/b/deep.c", "int deeper;\n", "modified"));
  r.Commit("src/x.c", "x\n", "x");
  r.Git({"rm", "-q", "-r", "src/a"});
  r.Git({"commit", "-q", "-m", "a directory vanishes"});
  c.push_back(r.Git({"rev-parse", "HEAD"}));
  r.Git({"rm", "-q", "src/x.c"});
  r.Commit("src/x.c/now-a-dir.c", "d\n", "a file becomes a directory");
  c.push_back(r.Git({"rev-parse", "HEAD"}));
  std::filesystem::remove(r.dir() + "/README");
  std::filesystem::create_symlink("src", r.dir() + "/README");
  r.Git({"add", "README"});
  r.Git({"commit", "-q", "-m", "a file becomes a symlink"});
  c.push_back(r.Git({"rev-parse", "HEAD"}));
  r.Commit("tool.sh", "#!/bin/sh\n", "tool");
  r.Git({"update-index", "--chmod=+x", "tool.sh"});
  r.Git({"commit", "-q", "-m", "mode change only"});
  c.push_back(r.Git({"rev-parse", "HEAD"}));
  r.Git({"update-index", "--add", "--cacheinfo", "160000," + c[0] + ",modules/lib"});
  r.Git({"commit", "-q", "-m", "a submodule"});
  c.push_back(r.Git({"rev-parse", "HEAD"}));
  r.Git({"update-index", "--cacheinfo", "160000," + c[1] + ",modules/lib"});
  r.Git({"commit", "-q", "-m", "the submodule moves"});
  c.push_back(r.Git({"rev-parse", "HEAD"}));
  r.Git({"checkout", "-q", "-b", "side"});
  r.Commit("side.c", "s\n", "side");
  r.Git({"checkout", "-q", "-"});
  r.Commit("main.c", "m\n", "main");
  r.Git({"merge", "-q", "--no-edit", "side"});
  c.push_back(r.Git({"rev-parse", "HEAD"}));  // a merge: none
  for (int i = 0; i < 30; ++i)  // a big directory, deltified when packed
    c.push_back(r.Commit("many/f" + std::to_string(i) + ".c", std::to_string(i) + "\n", "many " + std::to_string(i)));
  return c;
}

TEST(TreeDiff, ChangedFilesAreLibgit2sForEveryKindOfChange) {
  GitRepo r;
  std::vector<std::string> commits = EveryKindOfChange(r);
  for (const char* where : {"loose", "packed"}) {
    if (std::string(where) == "packed") r.Git({"gc", "-q", "--aggressive", "--prune=now"});
    ObjectStore store(r.dir() + "/.git/objects");
    for (const std::string& sha : commits) {
      auto got = FirstParentChangedFiles(store, sha);
      ASSERT_TRUE(got.has_value()) << where << " " << sha;
      Libgit2Answer whole = Libgit2Whole(r.dir(), sha);
      EXPECT_EQ(*got, whole.files) << where << " " << r.Git({"log", "-1", "--format=%s", sha});
      // RepoReader narrows libgit2's diff to these paths: the same patch-id.
      auto reader = RepoReader::Open(r.dir());
      ASSERT_TRUE(reader.ok());
      auto pid = reader->PatchId(sha);
      ASSERT_TRUE(pid.ok());
      EXPECT_EQ(pid->value_or(""), whole.patch_id) << where << " " << r.Git({"log", "-1", "--format=%s", sha});
      EXPECT_EQ(*reader->ChangedFiles(sha), whole.files);
    }
  }
  // Facts, not only agreement: what a few of them change.
  ObjectStore store(r.dir() + "/.git/objects");
  EXPECT_EQ(*FirstParentChangedFiles(store, commits[0]), std::vector<std::string>{});  // a root
  EXPECT_EQ(*FirstParentChangedFiles(store, commits[3]), std::vector<std::string>{"src/a/b/deep.c"});
  EXPECT_EQ(*FirstParentChangedFiles(store, commits[4]),
            (std::vector<std::string>{"src/x.c", "src/x.c/now-a-dir.c"}));
  EXPECT_EQ(*FirstParentChangedFiles(store, commits[5]), (std::vector<std::string>{"README", "README"}));
  EXPECT_EQ(*FirstParentChangedFiles(store, commits[6]), std::vector<std::string>{"tool.sh"});
  EXPECT_EQ(*FirstParentChangedFiles(store, commits[8]), std::vector<std::string>{"modules/lib"});
  EXPECT_EQ(*FirstParentChangedFiles(store, commits[9]), std::vector<std::string>{});  // a merge
}

TEST(TreeDiff, AnUnreadableObjectIsNotAnAnswer) {
  GitRepo r;
  r.Commit("a.c", "a\n", "a");
  std::string c = r.Commit("b.c", "b\n", "b");
  std::string tree = r.Git({"rev-parse", "HEAD^{tree}"});
  std::string path = r.dir() + "/.git/objects/" + tree.substr(0, 2) + "/" + tree.substr(2);
  std::filesystem::permissions(path, std::filesystem::perms::owner_all);
  psirt::testing::WriteFile(path, "garbage");
  ObjectStore store(r.dir() + "/.git/objects");
  EXPECT_FALSE(FirstParentChangedFiles(store, c).has_value());
  EXPECT_FALSE(FirstParentChangedFiles(store, std::string(40, 'a')).has_value());
}

TEST(TreeDiff, ATreeGitFsckWouldRefuseIsNotAnAnswer) {
  GitRepo r;
  std::string first = r.Commit("a.c", "a\n", "a");
  std::string blob = r.Git({"rev-parse", "HEAD:a.c"});
  unsigned char raw[20];
  for (int i = 0; i < 20; ++i) raw[i] = static_cast<unsigned char>(std::stoi(blob.substr(2 * i, 2), nullptr, 16));
  const std::string oid(reinterpret_cast<const char*>(raw), 20);
  for (const std::string& entry : {"100644 \0" + oid, "100644 a/b\0" + oid, "100644 ..\0" + oid,
                                   "1x0644 a.c\0" + oid, "100644 a.c\0" + oid + "100644 a.c\0" + oid}) {
    auto tree = psirt::testing::Run({"git", "-C", r.dir(), "hash-object", "-t", "tree", "--literally", "-w", "--stdin"},
                                    ".", {}, entry);
    ASSERT_EQ(tree.exit_code, 0) << tree.err;
    std::string commit = r.Git({"commit-tree", tree.out.substr(0, 40), "-p", first, "-m", "odd tree"});
    ObjectStore store(r.dir() + "/.git/objects");
    EXPECT_FALSE(FirstParentChangedFiles(store, commit).has_value()) << entry.substr(0, entry.size() - 20);
  }
}

}  // namespace
}  // namespace psirt::git
