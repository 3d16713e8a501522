// Change similarity, for backports made without a reference whose diff
// had to change (so the patch-id differs): two commits are a probable match
// when they share the subject or the author and most of their changed
// lines, in the spirit of `git range-diff`'s matching. A probable match is
// never a certain one: a person confirms it. Pure.
#pragma once

#include <span>
#include <string>

namespace psirt {

// The share of changed lines ("+text"/"-text") two changes have in common,
// 0..100: twice the size of the multiset intersection over the sum of the
// sizes (Dice). 0 when either is empty.
int ChangeSimilarityPercent(std::span<const std::string> a, std::span<const std::string> b);

// At least this share of the same changed lines, with the same subject or
// author, makes a probable backport.
inline constexpr int kProbableBackportPercent = 50;

bool IsProbableBackport(bool same_subject, bool same_author, int percent);

}  // namespace psirt
