// Tests of the tag-object reader against objects written by git: loose,
// packed (git gc), a tag of a tag, other object types, and corrupt data
// (nullopt, never a crash or a wrong answer).
#include "git/tag_objects.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "testing/test_support.h"

namespace psirt::git {
namespace {

using psirt::testing::GitRepo;

TEST(TagObjects, PeelsLooseAndPackedTagsAsGitDoes) {
  GitRepo r;
  std::string c = r.Commit("a", "a\n", "a");
  r.Git({"tag", "-a", "v1", "-m", "v1"});
  r.Git({"tag", "-a", "v1-signed-off", "-m", "tag of a tag", "v1"});
  std::string tag = r.Git({"rev-parse", "refs/tags/v1"});
  std::string tag2 = r.Git({"rev-parse", "refs/tags/v1-signed-off"});
  std::string tree = r.Git({"rev-parse", "HEAD^{tree}"});
  for (const char* where : {"loose", "packed"}) {
    if (std::string(where) == "packed") {
      r.Git({"gc", "-q", "--prune=now"});
      ASSERT_FALSE(std::filesystem::exists(r.dir() + "/.git/objects/" + tag.substr(0, 2) + "/" + tag.substr(2)));
    }
    TagObjects objects(r.dir() + "/.git/objects");
    EXPECT_EQ(objects.Target(tag), std::optional<std::string>(c)) << where;
    EXPECT_EQ(objects.Target(tag2), std::optional<std::string>(tag)) << where;
    EXPECT_FALSE(objects.Target(c).has_value()) << where;  // a commit is not a tag
    auto commit = objects.Read(c);
    ASSERT_TRUE(commit.has_value()) << where;
    EXPECT_EQ(commit->type, "commit");
    EXPECT_EQ(commit->body.substr(0, 45), "tree " + tree);
    EXPECT_FALSE(objects.Read(std::string(40, '0')).has_value());
    EXPECT_FALSE(objects.Read("not an id").has_value());
  }
}

TEST(TagObjects, CorruptObjectsAreNotRead) {
  GitRepo r;
  r.Commit("a", "a\n", "a");
  r.Git({"tag", "-a", "v1", "-m", "v1"});
  std::string tag = r.Git({"rev-parse", "refs/tags/v1"});
  std::string path = r.dir() + "/.git/objects/" + tag.substr(0, 2) + "/" + tag.substr(2);
  std::filesystem::permissions(path, std::filesystem::perms::owner_all);
  psirt::testing::WriteFile(path, "not zlib at all");
  TagObjects objects(r.dir() + "/.git/objects");
  EXPECT_FALSE(objects.Target(tag).has_value());
  r.Git({"pack-refs", "--all"});
  psirt::testing::WriteFile(r.dir() + "/.git/objects/pack/pack-bad.idx", "\377tOc\0\0\0\2 short");
  psirt::testing::WriteFile(r.dir() + "/.git/objects/pack/pack-bad.pack", "PACK");
  TagObjects again(r.dir() + "/.git/objects");
  EXPECT_FALSE(again.Target(tag).has_value());
}

}  // namespace
}  // namespace psirt::git
