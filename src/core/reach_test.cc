// Tests of the memoised reachability walk on in-memory graphs.
#include "core/reach.h"

#include "core/commit_graph.h"

#include <gtest/gtest.h>

#include <random>

namespace psirt {
namespace {

// Reference answer: plain search from the tip, no cut-off.
bool Reaches(const VectorPositionGraph& g, uint32_t tip, uint32_t target) {
  std::vector<uint32_t> todo = {tip}, ps;
  std::vector<bool> seen(g.size());
  while (!todo.empty()) {
    uint32_t c = todo.back();
    todo.pop_back();
    if (c == target) return true;
    if (seen[c]) continue;
    seen[c] = true;
    ps.clear();
    g.Parents(c, ps);
    todo.insert(todo.end(), ps.begin(), ps.end());
  }
  return false;
}

TEST(Reach, MainReleaseBranchAndTags) {
  // 0-1-2-3-4 main; 5 branches off 2 (release branch), 6 on it; 7 merges 4 and 6.
  VectorPositionGraph g;
  g.Add({});
  for (uint32_t i = 1; i <= 4; ++i) g.Add({i - 1});
  g.Add({2});
  g.Add({5});
  g.Add({4, 6});
  g.ComputeLevels();
  std::vector<uint32_t> tips = {4, 6, 7, 1};
  auto fix_on_branch = TipsReaching(g, 6, tips);
  ASSERT_TRUE(fix_on_branch.ok());
  EXPECT_EQ(*fix_on_branch, (std::vector<bool>{false, true, true, false}));
  auto old = TipsReaching(g, 1, tips);
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(*old, (std::vector<bool>{true, true, true, true}));
}

TEST(Reach, UnknownLevelsStillGiveTheRightAnswer) {
  VectorPositionGraph g;
  g.Add({});
  g.Add({0});
  g.Add({0});
  g.Add({1, 2});  // levels all 0: nothing is cut
  std::vector<uint32_t> tips = {1, 2, 3};
  auto r = TipsReaching(g, 2, tips);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, (std::vector<bool>{false, true, true}));
}

TEST(Reach, AgreesWithAPlainSearchOnRandomGraphs) {
  std::mt19937 rng(7);
  for (int round = 0; round < 30; ++round) {
    VectorPositionGraph g;
    const uint32_t n = 300;
    g.Add({});
    for (uint32_t i = 1; i < n; ++i) {
      std::vector<uint32_t> ps = {static_cast<uint32_t>(rng() % i)};
      if (rng() % 5 == 0) ps.push_back(static_cast<uint32_t>(rng() % i));
      if (rng() % 40 == 0) ps.push_back(static_cast<uint32_t>(rng() % i));  // octopus
      g.Add(ps);
    }
    if (round % 3 != 0) g.ComputeLevels();  // a third keep unknown levels
    std::vector<uint32_t> tips;
    for (int k = 0; k < 40; ++k) tips.push_back(static_cast<uint32_t>(rng() % n));
    for (int t = 0; t < 10; ++t) {
      uint32_t target = static_cast<uint32_t>(rng() % n);
      auto r = TipsReaching(g, target, tips);
      ASSERT_TRUE(r.ok());
      for (size_t k = 0; k < tips.size(); ++k)
        EXPECT_EQ((*r)[k], Reaches(g, tips[k], target)) << "round " << round << " tip " << tips[k];
    }
  }
}

TEST(Reach, ContainmentByLevelEqualsTheWalks) {
  std::mt19937 rng(11);
  VectorPositionGraph g;
  g.Add({});
  for (uint32_t i = 1; i < 500; ++i) {
    std::vector<uint32_t> ps = {static_cast<uint32_t>(rng() % i)};
    if (rng() % 4 == 0) ps.push_back(static_cast<uint32_t>(rng() % i));
    g.Add(ps);
  }
  g.ComputeLevels();
  std::vector<uint32_t> tips;
  for (int k = 0; k < 130; ++k) tips.push_back(static_cast<uint32_t>(rng() % 500));  // three words of bits
  auto c = Containment::ComputeByLevel(g, tips);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  for (uint32_t target = 0; target < 500; target += 7) {
    auto walked = TipsReaching(g, target, tips);
    ASSERT_TRUE(walked.ok());
    for (size_t k = 0; k < tips.size(); ++k) EXPECT_EQ(c->Contains(target, k), (*walked)[k]);
  }
  VectorPositionGraph unknown;  // no levels: refused, never wrong
  unknown.Add({});
  unknown.Add({0});
  EXPECT_FALSE(Containment::ComputeByLevel(unknown, std::vector<uint32_t>{1}).ok());
  VectorPositionGraph lying;  // a parent whose level is not below its child's
  lying.Add({}, 2);
  lying.Add({0}, 2);
  EXPECT_FALSE(Containment::ComputeByLevel(lying, std::vector<uint32_t>{1}).ok());
}

TEST(Reach, CorruptGraphsAreErrorsNotCrashes) {
  VectorPositionGraph cycle;
  cycle.Add({});
  cycle.Add({2});
  cycle.Add({1});
  std::vector<uint32_t> tips = {1};
  EXPECT_FALSE(TipsReaching(cycle, 0, tips).ok());
  VectorPositionGraph g2;
  g2.Add({});
  g2.Add({1});  // its own parent
  g2.Add({1});
  auto self = TipsReaching(g2, 0, std::vector<uint32_t>{2});
  EXPECT_FALSE(self.ok());
  VectorPositionGraph dangling;
  dangling.Add({5});
  EXPECT_FALSE(TipsReaching(dangling, 0, std::vector<uint32_t>{1}).ok());  // tip out of range
  dangling.Add({5});
  EXPECT_FALSE(TipsReaching(dangling, 0, std::vector<uint32_t>{1}).ok());  // parent out of range
  EXPECT_FALSE(TipsReaching(dangling, 9, tips).ok());                      // target out of range
}

}  // namespace
}  // namespace psirt
