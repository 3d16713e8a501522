// Tests of change similarity and the probable-backport rule.
#include "core/similarity.h"

#include <gtest/gtest.h>

#include <vector>

namespace psirt {
namespace {

TEST(Similarity, SharesOfTheSameChangedLines) {
  std::vector<std::string> fix = {"-if (len > max)", "+if (len >= max)", "+return -EINVAL;", "+}"};
  EXPECT_EQ(ChangeSimilarityPercent(fix, fix), 100);
  // The backport had to adapt one line: 3 of 4 lines in common.
  std::vector<std::string> adapted = {"-if (len > max)", "+if (len >= max)", "+return MBEDTLS_ERR;", "+}"};
  EXPECT_EQ(ChangeSimilarityPercent(fix, adapted), 75);
  // Order does not matter; repeated lines count as often as they appear.
  std::vector<std::string> twice = {"+}", "+}", "+return -EINVAL;"};
  EXPECT_EQ(ChangeSimilarityPercent(fix, twice), 2 * 100 * 2 / 7);
  EXPECT_EQ(ChangeSimilarityPercent(fix, {}), 0);
  std::vector<std::string> other = {"+unrelated();"};
  EXPECT_EQ(ChangeSimilarityPercent(fix, other), 0);
}

TEST(Similarity, ProbableNeedsSubjectOrAuthorAndMostLines) {
  EXPECT_TRUE(IsProbableBackport(true, false, 75));
  EXPECT_TRUE(IsProbableBackport(false, true, kProbableBackportPercent));
  EXPECT_FALSE(IsProbableBackport(false, false, 100));  // same lines, unrelated commit
  EXPECT_FALSE(IsProbableBackport(true, true, kProbableBackportPercent - 1));
}

}  // namespace
}  // namespace psirt
