// Tests of the containment pass and backport reference parsing.
#include "core/commit_graph.h"

#include <gtest/gtest.h>

#include "core/backport_refs.h"

namespace psirt {
namespace {

// a - b - c - d (main); e - f branches off b and merges into main at d;
// g (release) continues from f.
TEST(ContainmentTest, MergesAndBranches) {
  CommitGraph g;
  auto add = [&](const char* id, std::vector<std::string> parents) { return g.Add(id, parents); };
  auto a = add("a", {});
  add("b", {"a"});
  auto c = add("c", {"b"}), e = add("e", {"b"}),
       f = add("f", {"e"}), d = add("d", {"c", "f"}), gg = add("g", {"f"});
  std::vector<CommitGraph::Node> tips = {d, gg, c};
  auto cont = Containment::Compute(g, tips);
  EXPECT_EQ(cont.RefsContaining(a), (std::vector<size_t>{0, 1, 2}));
  EXPECT_EQ(cont.RefsContaining(f), (std::vector<size_t>{0, 1}));  // via the merge
  EXPECT_EQ(cont.RefsContaining(c), (std::vector<size_t>{0, 2}));
  EXPECT_EQ(cont.RefsContaining(gg), (std::vector<size_t>{1}));
  EXPECT_EQ(cont.RefsContaining(d), (std::vector<size_t>{0}));
  EXPECT_EQ(g.Find("e"), e);
  EXPECT_EQ(g.Find("zz"), CommitGraph::kNone);
  EXPECT_EQ(add("a", {}), a);  // idempotent
}

TEST(ContainmentTest, ManyRefsSpanSeveralWords) {
  CommitGraph g;
  std::vector<CommitGraph::Node> tips;
  std::string prev;
  for (int i = 0; i < 200; ++i) {
    std::string id = "c" + std::to_string(i);
    std::vector<std::string> parents;
    if (!prev.empty()) parents.push_back(prev);
    tips.push_back(g.Add(id, parents));
    prev = id;
  }
  auto cont = Containment::Compute(g, tips);
  // Commit i is contained in refs i..199.
  EXPECT_EQ(cont.RefsContaining(g.Find("c150")).size(), 50u);
  EXPECT_TRUE(cont.Contains(g.Find("c0"), 199));
  EXPECT_FALSE(cont.Contains(g.Find("c130"), 129));
}

TEST(BackportRefsTest, TrailersAndUpstreamLines) {
  auto refs = ParseBackportRefs(
      "net: fix overflow\n\ncommit 0123456789abcdef0123456789abcdef01234567 upstream.\n\n"
      "Signed-off-by: X\n(cherry picked from commit ABCDEF1234567)\n"
      "[ Upstream commit 1111111111111111111111111111111111111111 ]\n"
      "(cherry picked from commit nothex)\ncommit 2222222 is mentioned here\n");
  ASSERT_EQ(refs.size(), 3u);
  EXPECT_EQ(refs[0].method, BackportMethod::kUpstreamLine);
  EXPECT_EQ(refs[0].sha, "0123456789abcdef0123456789abcdef01234567");
  EXPECT_EQ(refs[1].method, BackportMethod::kTrailer);
  EXPECT_EQ(refs[1].sha, "abcdef1234567");
  EXPECT_EQ(refs[2].method, BackportMethod::kUpstreamLine);
  EXPECT_TRUE(ParseBackportRefs("").empty());
  EXPECT_TRUE(ParseBackportRefs("(cherry picked from commit 123)").empty());  // too short
}

TEST(CommitGraphTest, SerializesAndRefusesCorruptBytes) {
  CommitGraph g;
  std::vector<std::string> none;
  g.Add("a", none);
  std::vector<std::string> pa = {"a"};
  g.Add("b", pa);
  g.Add("c", pa);
  std::vector<std::string> bc = {"b", "c"};
  g.Add("d", bc);
  std::string bytes = g.Serialize();
  auto back = CommitGraph::Deserialize(bytes);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_EQ(back->size(), 4u);
  for (CommitGraph::Node n = 0; n < g.size(); ++n) {
    EXPECT_EQ(back->id(n), g.id(n));
    EXPECT_EQ(std::vector<CommitGraph::Node>(back->parents(n).begin(), back->parents(n).end()),
              std::vector<CommitGraph::Node>(g.parents(n).begin(), g.parents(n).end()));
    EXPECT_EQ(back->Find(g.id(n)), n);
  }
  // It grows like any graph.
  std::vector<std::string> pd = {"d"};
  EXPECT_EQ(back->Add("e", pd), 4u);
  EXPECT_EQ(back->parents(4).size(), 1u);
  // Every truncation and a flipped parent index are errors, never a crash.
  for (size_t cut = 0; cut < bytes.size(); ++cut) EXPECT_FALSE(CommitGraph::Deserialize(bytes.substr(0, cut)).ok()) << cut;
  std::string flipped = bytes;
  flipped[flipped.size() - 4] = 9;  // the last parent index points forward
  EXPECT_FALSE(CommitGraph::Deserialize(flipped).ok());
  // Found by the fuzz target: an offset in the middle past the end (later
  // ones smaller again) was read before the offsets were all checked.
  CommitGraph two;
  two.Add("a", none);
  two.Add("b", pa);
  std::string b2 = two.Serialize();
  // parent_start_ is [0, 0, 1]: make it [0, 200, 1].
  size_t at = b2.size() - 4 /*pool[0]*/ - 4 /*pool size*/ - 4 * 3 + 4;
  b2[at] = static_cast<char>(200);
  EXPECT_FALSE(CommitGraph::Deserialize(b2).ok());
  EXPECT_TRUE(CommitGraph::Deserialize(CommitGraph().Serialize()).ok());  // empty vectors, no null memcpy
}

}  // namespace
}  // namespace psirt
