// Tests of GIT range evaluation on graphs built in memory: each rule of the
// semantics (introduced 0, several introduced, fixed, last_affected, limit,
// a side branch and a merge of a fix) against the expected affected set,
// and 700 random ranges on a random graph (three passes) against a direct
// reading of the rules, one set per introduced commit.
#include "core/git_ranges.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

namespace psirt {
namespace {

using Node = CommitGraph::Node;

//  A - B - C - D - E - M - F      (first parents)
//           \         /
//            X ----- Y            (side branch from C, merged at M)
struct Fixture {
  CommitGraph g;
  Node A, B, C, X, D, Y, E, M, F;
  Fixture() {
    auto add = [&](const char* id, std::vector<Node> ps) { return g.AddWithParents(id, ps); };
    A = add("A", {});
    B = add("B", {A});
    C = add("C", {B});
    X = add("X", {C});
    D = add("D", {C});
    Y = add("Y", {X});
    E = add("E", {D});
    M = add("M", {E, Y});
    F = add("F", {M});
  }
  std::set<std::string> Eval(const GitRangeNodes& r) {
    auto e = GitRangeEvaluation::Evaluate(g, std::span(&r, 1));
    std::set<std::string> out;
    for (Node n : e.AffectedNodes(0)) out.insert(g.id(n));
    return out;
  }
};

using Set = std::set<std::string>;

TEST(GitRanges, EachRuleOnASideBranchAndAMerge) {
  Fixture f;
  // A fix on main leaves the side branch (which never had it) affected.
  EXPECT_EQ(f.Eval({false, {f.B}, {f.D}, {}, {}}), (Set{"B", "C", "X", "Y"}));
  // A fix on the side branch: its merge and everything after are fixed.
  EXPECT_EQ(f.Eval({false, {f.B}, {f.Y}, {}, {}}), (Set{"B", "C", "X", "D", "E"}));
  // introduced "0": from the root.
  EXPECT_EQ(f.Eval({true, {}, {f.D}, {}, {}}), (Set{"A", "B", "C", "X", "Y"}));
  // last_affected C: its children X and D are the fix points.
  EXPECT_EQ(f.Eval({false, {f.A}, {}, {f.C}, {}}), (Set{"A", "B", "C"}));
  // Two introduced commits, each with its own fix: the union.
  EXPECT_EQ(f.Eval({false, {f.B, f.E}, {f.C, f.M}, {}, {}}), (Set{"B", "E"}));
  // A fix that is not a descendant of I does not count for I: from X the
  // merge M and F stay affected although they contain D.
  EXPECT_EQ(f.Eval({false, {f.X}, {f.D}, {}, {}}), (Set{"X", "Y", "M", "F"}));
  // limit F: only the first-parent chain below F (not the side branch, not F).
  EXPECT_EQ(f.Eval({false, {f.A}, {}, {}, {f.F}}), (Set{"A", "B", "C", "D", "E", "M"}));
  // Fixed where it was introduced: nothing.
  EXPECT_EQ(f.Eval({false, {f.B}, {f.B}, {}, {}}), Set{});
  // Nothing introduced that this graph has: nothing.
  EXPECT_EQ(f.Eval({false, {}, {f.D}, {}, {}}), Set{});
  // No fix: every descendant.
  EXPECT_EQ(f.Eval({false, {f.Y}, {}, {}, {}}), (Set{"Y", "M", "F"}));
}

// The rules read directly: per introduced commit, descendants minus the
// descendants of the fix points among them; union; limit.
std::set<Node> ReferenceAffected(const CommitGraph& g, const GitRangeNodes& r) {
  const Node n = g.size();
  std::vector<std::vector<Node>> children(n);
  for (Node c = 0; c < n; ++c)
    for (Node p : g.parents(c)) children[p].push_back(c);
  auto descendants = [&](std::vector<Node> from) {
    std::set<Node> seen(from.begin(), from.end());
    while (!from.empty()) {
      Node c = from.back();
      from.pop_back();
      for (Node k : children[c])
        if (seen.insert(k).second) from.push_back(k);
    }
    return seen;
  };
  std::vector<Node> starts = r.introduced;
  if (r.introduced_at_roots) starts.push_back(CommitGraph::kNone);  // all roots, one start
  std::set<Node> fixpoints(r.fixed.begin(), r.fixed.end());
  for (Node a : r.last_affected)
    for (Node k : children[a]) fixpoints.insert(k);
  std::set<Node> out;
  for (Node i : starts) {
    std::vector<Node> from;
    if (i == CommitGraph::kNone) {
      for (Node c = 0; c < n; ++c)
        if (g.parents(c).empty()) from.push_back(c);
    } else {
      from = {i};
    }
    std::set<Node> reach = descendants(from);
    std::vector<Node> relevant;
    for (Node f : fixpoints)
      if (reach.count(f)) relevant.push_back(f);
    std::set<Node> gone = descendants(relevant);
    for (Node c : reach)
      if (!gone.count(c)) out.insert(c);
  }
  if (!r.limits.empty()) {
    std::set<Node> allowed;
    for (Node l : r.limits) {
      auto ps = g.parents(l);
      for (Node c = ps.empty() ? CommitGraph::kNone : ps[0]; c != CommitGraph::kNone;) {
        allowed.insert(c);
        auto cp = g.parents(c);
        c = cp.empty() ? CommitGraph::kNone : cp[0];
      }
    }
    std::set<Node> kept;
    for (Node c : out)
      if (allowed.count(c)) kept.insert(c);
    out = kept;
  }
  return out;
}

TEST(GitRanges, ManyRandomRangesAgreeWithTheRulesReadDirectly) {
  std::mt19937 rng(7);
  CommitGraph g;
  const int kCommits = 400;
  for (int i = 0; i < kCommits; ++i) {
    std::vector<Node> ps;
    if (i > 0 && rng() % 40 != 0) ps.push_back(rng() % 3 == 0 ? rng() % i : i - 1);  // some branching, a few roots
    if (i > 1 && rng() % 6 == 0) {
      Node other = rng() % i;
      if (ps.empty() || other != ps[0]) ps.push_back(other);  // merges
    }
    g.AddWithParents("c" + std::to_string(i), ps);
  }
  std::vector<GitRangeNodes> ranges(700);
  for (GitRangeNodes& r : ranges) {
    auto pick = [&](size_t max) {
      std::vector<Node> v(rng() % (max + 1));
      for (Node& x : v) x = rng() % kCommits;
      return v;
    };
    r.introduced_at_roots = rng() % 5 == 0;
    r.introduced = pick(2);
    r.fixed = pick(3);
    r.last_affected = rng() % 3 == 0 ? pick(1) : std::vector<Node>{};
    r.limits = rng() % 8 == 0 ? pick(1) : std::vector<Node>{};
  }
  auto e = GitRangeEvaluation::Evaluate(g, ranges);
  EXPECT_GE(e.passes(), 3u);  // > 512 lanes: several passes, merged
  size_t nonempty = 0;
  for (size_t r = 0; r < ranges.size(); ++r) {
    std::set<Node> expected = ReferenceAffected(g, ranges[r]);
    std::vector<Node> got = e.AffectedNodes(r);
    ASSERT_EQ(std::set<Node>(got.begin(), got.end()), expected) << "range " << r;
    EXPECT_EQ(e.Count(r), expected.size());
    nonempty += !expected.empty();
  }
  EXPECT_GT(nonempty, 300u);  // the comparison is not between empty sets
}

}  // namespace
}  // namespace psirt
