// Tests of the object store reader against objects git wrote: loose, in a
// pack as whole objects, deltified against an earlier entry (OFS_DELTA)
// and against an object id (REF_DELTA), every object byte-equal to what
// `git cat-file` prints; and corrupt or absent objects (nullptr, never a
// crash or a wrong answer).
#include "git/object_store.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "testing/test_support.h"

namespace psirt::git {
namespace {

using psirt::testing::GitRepo;

// A repository whose directory listing grows commit by commit, so a pack
// stores most of its trees as deltas of one another.
std::vector<std::string> GrowingHistory(GitRepo& r) {
  std::vector<std::string> commits;
  for (int i = 0; i < 24; ++i) {
    std::string body;
    for (int line = 0; line <= i; ++line) body += "line " + std::to_string(line) + " of a file that grows\n";
    commits.push_back(r.Commit("dir/file-" + std::to_string(i) + ".c", body, "commit " + std::to_string(i)));
  }
  return commits;
}

// Every object of the repository read back, compared byte for byte with
// `git cat-file --batch` ("<sha> <type> <size>\n<body>\n" each).
void ExpectEveryObjectAsGitHasIt(GitRepo& r, const std::string& label) {
  ObjectStore store(r.dir() + "/.git/objects", size_t{1} << 16);  // small: evictions happen
  std::string all = r.Git({"cat-file", "--batch-all-objects", "--batch"}) + "\n";
  size_t n = 0;
  for (size_t at = 0; at < all.size();) {
    size_t nl = all.find('\n', at);
    ASSERT_NE(nl, std::string::npos);
    std::string head = all.substr(at, nl - at);
    size_t sp1 = head.find(' '), sp2 = head.rfind(' ');
    std::string sha = head.substr(0, sp1), type = head.substr(sp1 + 1, sp2 - sp1 - 1);
    size_t size = std::stoul(head.substr(sp2 + 1));
    std::string body = all.substr(nl + 1, size);
    at = nl + 1 + size + 1;
    auto obj = store.Read(sha);
    ASSERT_TRUE(obj) << label << ": " << sha;
    EXPECT_EQ(obj->type, type) << label << ": " << sha;
    EXPECT_EQ(obj->body, body) << label << ": " << sha;
    ++n;
  }
  EXPECT_GT(n, 90u) << label;
}

// Whether the repository's pack stores deltas (the test is only worth
// something if git did write them).
bool PackHasDeltas(GitRepo& r) {
  for (const auto& e : std::filesystem::directory_iterator(r.dir() + "/.git/objects/pack"))
    if (e.path().extension() == ".idx")
      return r.Git({"verify-pack", "-v", e.path().string()}).find("chain length = 1") != std::string::npos;
  return false;
}

TEST(ObjectStore, ReadsLooseWholeAndDeltifiedObjectsAsGitStoresThem) {
  GitRepo r;
  GrowingHistory(r);
  ExpectEveryObjectAsGitHasIt(r, "loose");
  r.Git({"repack", "-adf", "-q"});  // OFS_DELTA, git's default
  ASSERT_TRUE(PackHasDeltas(r));
  ExpectEveryObjectAsGitHasIt(r, "packed, offset deltas");
  r.Git({"-c", "repack.useDeltaBaseOffset=false", "repack", "-adf", "-q"});  // REF_DELTA
  ASSERT_TRUE(PackHasDeltas(r));
  ExpectEveryObjectAsGitHasIt(r, "packed, reference deltas");
}

TEST(ObjectStore, AbsentAndCorruptObjectsAreNotRead) {
  GitRepo r;
  std::string c = r.Commit("a", "a\n", "a");
  ObjectStore store(r.dir() + "/.git/objects");
  EXPECT_FALSE(store.Read(std::string(40, '0')));
  EXPECT_FALSE(store.Read("not an id"));
  std::string path = r.dir() + "/.git/objects/" + c.substr(0, 2) + "/" + c.substr(2);
  std::filesystem::permissions(path, std::filesystem::perms::owner_all);
  psirt::testing::WriteFile(path, "not zlib at all");
  ObjectStore again(r.dir() + "/.git/objects");
  EXPECT_FALSE(again.Read(c));
  psirt::testing::WriteFile(r.dir() + "/.git/objects/pack/pack-bad.idx", "\377tOc\0\0\0\2 short");
  psirt::testing::WriteFile(r.dir() + "/.git/objects/pack/pack-bad.pack", "PACK");
  ObjectStore third(r.dir() + "/.git/objects");
  EXPECT_FALSE(third.Read(c));
}

}  // namespace
}  // namespace psirt::git
