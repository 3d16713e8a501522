// Tests of commit headers and ancestry read from the object store: answers
// equal to `git merge-base --is-ancestor` over a history with a merge,
// loose and packed; the walk limit; malformed headers and absent commits.
#include "git/commit_objects.h"

#include <gtest/gtest.h>

#include "testing/test_support.h"

namespace psirt::git {
namespace {

using psirt::testing::GitRepo;

TEST(CommitObjects, AncestryAsGitAnswersIt) {
  GitRepo r;
  std::string root = r.Commit("a", "1\n", "root");
  std::string m1 = r.Commit("a", "2\n", "main 1");
  r.Git({"checkout", "-q", "-b", "side"});
  std::string s1 = r.Commit("b", "1\n", "side 1");
  r.Git({"checkout", "-q", "-"});
  std::string m2 = r.Commit("a", "3\n", "main 2");
  r.Git({"merge", "-q", "--no-edit", "side"});
  std::string merge = r.Git({"rev-parse", "HEAD"});
  std::string m3 = r.Commit("a", "4\n", "main 3");
  std::vector<std::string> all = {root, m1, s1, m2, merge, m3};
  for (const char* where : {"loose", "packed"}) {
    if (std::string(where) == "packed") r.Git({"gc", "-q", "--prune=now"});
    ObjectStore store(r.dir() + "/.git/objects");
    for (const std::string& a : all)
      for (const std::string& d : all) {
        auto res = psirt::testing::Run({"git", "merge-base", "--is-ancestor", a, d}, r.dir(), {}, "");
        auto ours = IsAncestorInStore(store, a, d, 1000);
        ASSERT_TRUE(ours.has_value()) << where;
        EXPECT_EQ(*ours, res.exit_code == 0) << where << " " << a << " " << d;
      }
    auto h = ReadCommitHeader(store, merge);
    ASSERT_TRUE(h.has_value());
    EXPECT_EQ(h->parents, (std::vector<std::string>{m2, s1}));
    EXPECT_EQ(h->tree, r.Git({"rev-parse", merge + "^{tree}"}));
    EXPECT_TRUE(ReadCommitHeader(store, root)->parents.empty());
  }
  ObjectStore store(r.dir() + "/.git/objects");
  EXPECT_EQ(IsAncestorInStore(store, root, m3, 2), std::optional<bool>(false));  // beyond the limit
  EXPECT_FALSE(IsAncestorInStore(store, root, std::string(40, 'a'), 10).has_value());  // unreadable: ask libgit2
  EXPECT_FALSE(ReadCommitHeader(store, r.Git({"rev-parse", "HEAD^{tree}"})).has_value());  // a tree
}

TEST(CommitObjects, MalformedHeadersAreNotRead) {
  const std::string t = "tree " + std::string(40, 'a') + "\n";
  const std::string p = "parent " + std::string(40, 'b') + "\n";
  EXPECT_TRUE(ParseCommitHeader(t + p + p + "author x\n").has_value());
  EXPECT_EQ(ParseCommitHeader(t + p + p + "author x\n")->parents.size(), 2u);
  for (std::string bad : {std::string(""), std::string("tree abc\n"), "tree " + std::string(40, 'g') + "\n",
                          t + "parent " + std::string(39, 'b') + "\n", t + "parent " + std::string(40, 'B') + "\n",
                          "tree " + std::string(40, 'a')})
    EXPECT_FALSE(ParseCommitHeader(bad).has_value()) << bad;
}

}  // namespace
}  // namespace psirt::git
