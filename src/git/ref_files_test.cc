// Tests of the ref-file reader against refs written by git itself: packed
// (with peeled tags) and loose, a worktree's .git file, symbolic refs, and
// malformed files (the reader steps aside, never guesses).
#include "git/ref_files.h"

#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "testing/test_support.h"

namespace psirt::git {
namespace {

using psirt::testing::GitRepo;

// name -> peeled commit, as git for-each-ref reports it.
std::map<std::string, std::string> GitsView(GitRepo& r) {
  std::map<std::string, std::string> out;
  std::istringstream in(r.Git({"for-each-ref", "--format=%(refname)|%(objectname)|%(*objectname)|%(symref)",
                               "refs/tags", "refs/heads", "refs/remotes"}));
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> f;
    std::istringstream fields(line);
    for (std::string x; std::getline(fields, x, '|');) f.push_back(x);
    f.resize(4);
    if (!f[3].empty()) continue;  // symbolic: not a tip of its own
    if (r.Git({"cat-file", "-t", f[0]}) == "commit" || !f[2].empty()) out[f[0]] = f[2].empty() ? f[1] : f[2];
  }
  return out;
}

std::map<std::string, std::string> ReadersView(GitRepo& r, const std::string& dir) {
  auto dirs = FindGitDirs(dir);
  EXPECT_TRUE(dirs.has_value());
  std::vector<std::string> prefixes = {"refs/tags/", "refs/heads/", "refs/remotes/"};
  auto files = ReadRefFiles(*dirs, prefixes);
  EXPECT_TRUE(files.has_value());
  std::map<std::string, std::string> out;
  for (const RefFile& f : *files)
    out[f.name] = f.peeled.empty() ? r.Git({"rev-parse", f.target + "^{commit}"}) : f.peeled;
  return out;
}

TEST(RefFiles, SameRefsAsGitPackedLooseAndInAWorktree) {
  GitRepo r;
  std::string a = r.Commit("a", "a\n", "a");
  r.Git({"tag", "-a", "v1.0.0", "-m", "v1.0.0"});
  r.Git({"branch", "feature/deep/name"});
  r.Git({"remote", "add", "origin", "https://example.org/x.git"});
  r.Git({"update-ref", "refs/remotes/origin/main", a});
  r.Git({"symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main"});
  r.Git({"update-ref", "refs/pull/1/head", a});
  r.Git({"pack-refs", "--all"});
  std::string b = r.Commit("b", "b\n", "b");  // main now loose, newer than packed
  r.Git({"tag", "-a", "v1.1.0", "-m", "v1.1.0"});
  r.Git({"tag", "light"});
  auto expected = GitsView(r);
  auto got = ReadersView(r, r.dir());
  EXPECT_EQ(got, expected);
  EXPECT_EQ(got["refs/heads/main"], b);
  EXPECT_EQ(got.count("refs/pull/1/head"), 0u);
  EXPECT_EQ(got.count("refs/remotes/origin/HEAD"), 0u);  // symbolic
  // A worktree: a .git file naming its git dir, refs in the common dir.
  std::string wt = r.tmp().path() + "/wt";
  r.Git({"worktree", "add", "-q", "-b", "wt-branch", wt, a});
  auto dirs = FindGitDirs(wt);
  ASSERT_TRUE(dirs.has_value());
  EXPECT_NE(dirs->git_dir, dirs->common_dir);
  EXPECT_EQ(ReadersView(r, wt), GitsView(r));
}

TEST(RefFiles, StepsAsideForWhatItDoesNotUnderstand) {
  GitRepo r;
  r.Commit("a", "a\n", "a");
  r.Git({"pack-refs", "--all"});
  auto dirs = FindGitDirs(r.dir());
  ASSERT_TRUE(dirs.has_value());
  std::vector<std::string> prefixes = {"refs/heads/"};
  std::string packed = dirs->common_dir + "/packed-refs";
  psirt::testing::WriteFile(packed, "# pack-refs with: peeled\nnot-a-sha refs/heads/x\n");
  EXPECT_FALSE(ReadRefFiles(*dirs, prefixes).has_value());
  psirt::testing::WriteFile(packed, "# pack-refs with: peeled\n^zz\n");
  EXPECT_FALSE(ReadRefFiles(*dirs, prefixes).has_value());
  psirt::testing::WriteFile(packed, "");
  psirt::testing::WriteFile(dirs->common_dir + "/refs/heads/broken", "garbage\n");
  EXPECT_FALSE(ReadRefFiles(*dirs, prefixes).has_value());
  // Not a repository; a shallow clone (libgit2 refuses it with its reason).
  EXPECT_FALSE(FindGitDirs(r.tmp().path()).has_value());
  psirt::testing::WriteFile(dirs->common_dir + "/shallow", "");
  EXPECT_FALSE(FindGitDirs(r.dir()).has_value());
}

}  // namespace
}  // namespace psirt::git
