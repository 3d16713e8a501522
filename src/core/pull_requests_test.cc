// Tests of the pull request rules on in-memory graphs: merge commits,
// squash subjects, heads merged as is and rebased PRs - no repository.
#include "core/pull_requests.h"

#include <gtest/gtest.h>

#include <map>

namespace psirt {
namespace {

// A graph built by name, with subjects and patch-ids given per commit.
class Fake : public CommitFacts {
 public:
  CommitGraph::Node Add(const std::string& id, std::vector<std::string> parents, const std::string& subject,
                        std::optional<std::string> patch_id = std::nullopt) {
    CommitGraph::Node n = g.Add(id, parents);
    subjects[n] = subject;
    patch_ids[n] = patch_id;
    return n;
  }
  std::string Subject(CommitGraph::Node n) const override { return subjects.at(n); }
  std::optional<std::string> PatchId(CommitGraph::Node n) const override { return patch_ids.at(n); }
  std::vector<std::string> Ids(const std::vector<CommitGraph::Node>& v) const {
    std::vector<std::string> out;
    for (auto n : v) out.push_back(g.id(n));
    return out;
  }
  CommitGraph g;
  std::map<CommitGraph::Node, std::string> subjects;
  std::map<CommitGraph::Node, std::optional<std::string>> patch_ids;
};

TEST(PullRequests, Subjects) {
  EXPECT_TRUE(IsMergeSubjectOf("Merge pull request #12 from dev/x", "12"));
  EXPECT_FALSE(IsMergeSubjectOf("Merge pull request #123 from dev/x", "12"));
  EXPECT_FALSE(IsMergeSubjectOf("Merge branch 'x'", "12"));
  EXPECT_TRUE(IsSquashSubjectOf("net: fix overflow (#12)", "12"));
  EXPECT_FALSE(IsSquashSubjectOf("net: fix overflow (#123)", "12"));
  EXPECT_FALSE(IsSquashSubjectOf("(#12) at the start", "12"));
}

TEST(PullRequests, MergeCommitGivesTheSideCommits) {
  Fake f;
  f.Add("a", {}, "init");
  f.Add("p1", {"a"}, "fix part 1");
  f.Add("p2", {"p1"}, "fix part 2");
  f.Add("b", {"a"}, "other work");
  auto m = f.Add("m", {"b", "p2"}, "Merge pull request #7 from dev/fix");
  auto chain = FirstParentChain(f.g, m);
  EXPECT_EQ(f.Ids(chain), (std::vector<std::string>{"m", "b", "a"}));
  EXPECT_EQ(f.Ids(PrCommitsOnBranch(f.g, chain, CommitGraph::kNone, "7", f)), (std::vector<std::string>{"p1", "p2"}));
  EXPECT_TRUE(PrCommitsOnBranch(f.g, chain, CommitGraph::kNone, "8", f).empty());
}

TEST(PullRequests, SquashSubject) {
  Fake f;
  f.Add("a", {}, "init");
  auto s = f.Add("s", {"a"}, "net: fix overflow (#9)");
  auto chain = FirstParentChain(f.g, s);
  EXPECT_EQ(f.Ids(PrCommitsOnBranch(f.g, chain, CommitGraph::kNone, "9", f)), std::vector<std::string>{"s"});
}

TEST(PullRequests, HeadMergedAsIsOrRebased) {
  Fake f;
  f.Add("a", {}, "init");
  auto h1 = f.Add("h1", {"a"}, "fix one", "pid-1");
  auto h2 = f.Add("h2", {"h1"}, "fix two", "pid-2");
  // Fast-forwarded onto the branch: the head and its first parents down to the line.
  auto tip = f.Add("c", {"h2"}, "later");
  auto chain = FirstParentChain(f.g, tip);
  EXPECT_EQ(f.Ids(PrCommitsOnBranch(f.g, chain, h2, "5", f)), (std::vector<std::string>{"h2"}));
  // Rebased: new ids on the branch, matched by subject and patch-id.
  Fake r;
  r.Add("a", {}, "init");
  r.Add("h1", {"a"}, "fix one", "pid-1");
  auto head = r.Add("h2", {"h1"}, "fix two", "pid-2");
  r.Add("x", {"a"}, "other");
  r.Add("r1", {"x"}, "fix one", "pid-1");
  r.Add("r2", {"r1"}, "fix two", "pid-2-changed");  // same subject, other change: not it
  auto t = r.Add("r3", {"r2"}, "fix two", "pid-2");
  auto rc = FirstParentChain(r.g, t);
  EXPECT_EQ(r.Ids(PrCommitsOnBranch(r.g, rc, head, "5", r)), (std::vector<std::string>{"r1", "r3"}));
  // Not merged at all: nothing.
  Fake n;
  n.Add("a", {}, "init");
  auto nh = n.Add("h", {"a"}, "fix", "pid");
  auto nt = n.Add("b", {"a"}, "other", "pid-b");
  EXPECT_TRUE(PrCommitsOnBranch(n.g, FirstParentChain(n.g, nt), nh, "5", n).empty());
  (void)h1;
}

}  // namespace
}  // namespace psirt
