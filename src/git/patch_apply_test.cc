// Tests of in-memory patch application on a repository built here: a fix
// made on a private branch applies on main, applies to a branch whose lines
// moved (directly) and to one with a change near the fix (only three-way),
// conflicts where the branch changed the same line (the hunk listed, the
// merged file with markers), is found present by patch-id where it was
// cherry-picked; nothing is written to the clone (no object, no work tree
// change); the series rebases onto a branch with cherry-pick trailers and
// the result re-reads as the same patch-ids.
#include "git/patch_apply.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "app/patch_file.h"
#include "testing/test_support.h"

namespace psirt::git {
namespace {

using psirt::testing::GitRepo;

std::string Lines(std::vector<std::string> v) {
  std::string s;
  for (const std::string& l : v) s += l + "\n";
  return s;
}

size_t CountObjects(const std::string& dir) {
  size_t n = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir + "/.git/objects"))
    if (e.is_regular_file()) ++n;
  return n;
}

std::vector<SeriesPatch> SeriesOf(PatchApplier& repo, const std::vector<std::string>& commits) {
  std::vector<SeriesPatch> out;
  for (const std::string& c : commits) {
    auto text = repo.FormatCommit(c);
    EXPECT_TRUE(text.ok()) << text.status().ToString();
    auto parsed = ParsePatchFile(*text, "commit");
    EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
    for (ParsedPatch& p : *parsed) {
      SeriesPatch s;
      s.patch_id = *PatchApplier::PatchIdOf(p.diff);
      s.diff = p.diff;
      s.subject = p.subject;
      s.author = p.author;
      s.commit = p.from_commit;
      out.push_back(s);
    }
  }
  return out;
}

TEST(PatchApplier, AppliesConflictsPresentAndThreeWayWithoutTouchingTheClone) {
  GitRepo g;
  std::vector<std::string> base = {"L1", "L2", "L3", "L4", "L5", "L6", "L7", "L8", "L9", "L10"};
  g.Commit("f.c", Lines(base), "base");
  std::string main_base = g.Git({"rev-parse", "HEAD"});
  for (const char* b : {"shift", "nearby", "clash", "has"}) g.Git({"branch", b});
  // The fix, on a private branch.
  g.Git({"checkout", "-q", "-b", "private"});
  std::vector<std::string> fixed = base;
  fixed[4] = "L5 fixed";
  std::string fix = g.Commit("f.c", Lines(fixed), "f: fix L5");
  // main moves on elsewhere.
  g.Git({"checkout", "-q", "main"});
  g.Commit("other.c", "x\n", "other");
  g.Git({"checkout", "-q", "shift"});
  std::vector<std::string> shifted = base;
  shifted.insert(shifted.begin(), {"S1", "S2", "S3"});
  g.Commit("f.c", Lines(shifted), "shift");
  g.Git({"checkout", "-q", "nearby"});
  std::vector<std::string> nearby = base;
  nearby[1] = "L2 branch";
  g.Commit("f.c", Lines(nearby), "nearby");
  g.Git({"checkout", "-q", "clash"});
  std::vector<std::string> clash = base;
  clash[4] = "L5 other";
  g.Commit("f.c", Lines(clash), "clash");
  g.Git({"checkout", "-q", "has"});
  g.Git({"-c", "user.name=T", "-c", "user.email=t@example.org", "cherry-pick", "-x", fix});
  std::string picked = g.Git({"rev-parse", "HEAD"});
  g.Git({"checkout", "-q", "main"});
  size_t objects = CountObjects(g.dir());
  std::string status = g.Git({"status", "--porcelain"});

  auto repo = PatchApplier::Open(g.dir());
  ASSERT_TRUE(repo.ok()) << repo.status().ToString();
  std::vector<SeriesPatch> series = SeriesOf(*repo, {fix});
  ASSERT_EQ(series.size(), 1u);
  EXPECT_EQ(series[0].commit, fix);
  auto on = [&](const char* branch) {
    auto tip = repo->Resolve(branch);
    EXPECT_TRUE(tip.ok());
    auto fit = repo->Apply(*tip, series);
    EXPECT_TRUE(fit.ok()) << fit.status().ToString();
    return *fit;
  };
  SeriesFit m = on("main");
  EXPECT_TRUE(m.applies);
  EXPECT_FALSE(m.three_way);
  ASSERT_EQ(m.trees.size(), 1u);
  // Lines moved: libgit2 applies a hunk at its stated lines only, and the
  // three-way merge finds them where they went.
  SeriesFit s = on("shift");
  EXPECT_TRUE(s.applies);
  ASSERT_EQ(s.trees.size(), 1u);
  SeriesFit n = on("nearby");
  EXPECT_TRUE(n.applies);
  EXPECT_TRUE(n.three_way) << "the context changed: only the three-way merge applies it";
  SeriesFit c = on("clash");
  EXPECT_FALSE(c.applies);
  ASSERT_EQ(c.conflicts.size(), 1u);
  EXPECT_EQ(c.conflicts[0].file, "f.c");
  EXPECT_EQ(c.conflicts[0].patch, 1);
  EXPECT_EQ(c.conflicts[0].hunks, std::vector<std::string>{"@@ -2,7 +2,7 @@ L1"});
  EXPECT_NE(c.conflicts[0].merged.find("<<<<<<< branch\nL5 other\n=======\nL5 fixed\n>>>>>>> patch"), std::string::npos)
      << c.conflicts[0].merged;

  // Present by patch-id where it was cherry-picked; nowhere else.
  auto present = repo->FindPresent(*repo->Resolve("has"), {main_base}, series, {"f.c"});
  ASSERT_TRUE(present.ok()) << present.status().ToString();
  EXPECT_EQ(*present, std::vector<std::string>{picked});
  EXPECT_EQ(*repo->FindPresent(*repo->Resolve("clash"), {main_base}, series, {"f.c"}), std::vector<std::string>{""});
  EXPECT_EQ(*repo->FindPresent(*repo->Resolve("private"), {}, series, {"f.c"}), std::vector<std::string>{fix});

  // Rebased onto "nearby": a commit whose patch re-reads with the same
  // change, the trailer naming the fix.
  auto rebased = repo->FormatRebased(*repo->Resolve("nearby"), series, n);
  ASSERT_TRUE(rebased.ok()) << rebased.status().ToString();
  ASSERT_EQ(rebased->size(), 1u);
  EXPECT_NE((*rebased)[0].find("(cherry picked from commit " + fix + ")"), std::string::npos) << (*rebased)[0];
  auto back = ParsePatchFile((*rebased)[0], "rebased");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ((*back)[0].subject, "f: fix L5");
  EXPECT_NE((*back)[0].diff.find("-L5\n+L5 fixed\n"), std::string::npos);
  EXPECT_FALSE(repo->FormatRebased(*repo->Resolve("clash"), series, c).ok());

  // Nothing reached the clone.
  EXPECT_EQ(CountObjects(g.dir()), objects);
  EXPECT_EQ(g.Git({"status", "--porcelain"}), status);
}

TEST(PatchApplier, BadInput) {
  EXPECT_FALSE(PatchApplier::PatchIdOf("not a diff").ok());
  EXPECT_FALSE(PatchApplier::Open("/nonexistent/repo").ok());
  GitRepo g;
  g.Commit("a", "1\n", "one");
  auto repo = PatchApplier::Open(g.dir());
  ASSERT_TRUE(repo.ok());
  EXPECT_EQ(repo->Resolve("no-such-branch").status().code(), Status::Code::kNotFound);
  EXPECT_FALSE(repo->FormatCommit(g.Git({"rev-parse", "HEAD"})).ok()) << "a root commit is no patch";
}

}  // namespace
}  // namespace psirt::git
