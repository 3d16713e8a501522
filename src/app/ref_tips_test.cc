// Sync's change detection: the ref tips of a repository built by the test
// (packed and loose refs), what moves them and what does not, and the memo
// that spares folding advisories whose version did not change.
#include "app/ref_tips.h"

#include <gtest/gtest.h>

#include "app/sync_memo.h"
#include "testing/test_support.h"

namespace psirt {
namespace {

using testing::GitRepo;

RefTips Tips(GitRepo& r) {
  auto t = ReadRefTips(r.dir(), "main", "refs/pull/{pr}/head");
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return t.ok() ? *t : RefTips();
}

RefChange Compare(const RefTips& a, const RefTips& b, GitRepo& r) {
  return CompareRefTips(a, b, [&](const std::string& older, const std::string& newer) {
    return r.Git({"merge-base", older, newer}) == older;  // older is an ancestor of newer
  });
}

TEST(RefTipsTest, WhatMovesTheTipsAndWhatDoesNot) {
  GitRepo r;
  std::string a = r.Commit("a", "a\n", "a");
  r.Git({"branch", "-M", "main"});
  r.Git({"tag", "-a", "v1.0.0", "-m", "v1.0.0"});
  r.Git({"branch", "v1.0-branch"});
  r.Git({"update-ref", "refs/pull/7/head", a});
  r.Git({"pack-refs", "--all"});
  RefTips t0 = Tips(r);
  EXPECT_EQ(t0.main, a);
  EXPECT_EQ(t0.count, 3u) << "tag, release branch, PR head; main apart";
  EXPECT_EQ(RefTips::Parse(t0.Serialize())->others, t0.others);
  EXPECT_EQ(Compare(t0, Tips(r), r), RefChange::kNone);
  // A merge ref GitHub recomputes, and a non-numeric PR ref: not watched.
  r.Git({"update-ref", "refs/pull/7/merge", a});
  r.Git({"update-ref", "refs/pull/x/head", a});
  EXPECT_EQ(Compare(t0, Tips(r), r), RefChange::kNone);
  // Main moves forward (loose, newer than packed): a fast-forward.
  std::string b = r.Commit("b", "b\n", "b");
  RefTips t1 = Tips(r);
  EXPECT_EQ(t1.main, b);
  EXPECT_EQ(Compare(t0, t1, r), RefChange::kMainFastForward);
  // A PR head or a release branch moving is anything else.
  r.Git({"update-ref", "refs/pull/7/head", b});
  EXPECT_EQ(Compare(t1, Tips(r), r), RefChange::kOther);
  RefTips t2 = Tips(r);
  r.Git({"update-ref", "refs/heads/v1.0-branch", b});
  EXPECT_EQ(Compare(t2, Tips(r), r), RefChange::kOther);
  // Main rewritten (not a descendant): anything else.
  RefTips t3 = Tips(r);
  r.Git({"update-ref", "refs/heads/main", a});
  EXPECT_EQ(Compare(t3, Tips(r), r), RefChange::kOther);
  // An older state format is no state.
  EXPECT_FALSE(RefTips::Parse(R"({"refs/heads/main":"abc"})").has_value());
  EXPECT_FALSE(RefTips::Parse("v2 a b x").has_value());
}

TEST(SyncMemoTest, RoundTripAndMalformedLinesLeftOut) {
  SyncMemo m;
  m["ZEP-2026-0001"] = {7, false, true, true, true, false};
  m["ZEP-2026-0002"] = {3, true, false, false, false, false};
  SyncMemo back = ParseSyncMemo(SerializeSyncMemo(m));
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back["ZEP-2026-0001"].version, 7);
  EXPECT_TRUE(back["ZEP-2026-0001"].main_merged);
  EXPECT_FALSE(back["ZEP-2026-0001"].stale);
  EXPECT_TRUE(back["ZEP-2026-0002"].stale);
  SyncMemo bad = ParseSyncMemo("A 1 sh-u-\nB x sh---\nC 2 shmufX\nD 0 -----\nE 3 zzzzz\n\nF 4 -h-u-\nG 5 hs---");
  EXPECT_EQ(bad.size(), 2u) << "a letter out of its place is malformed too";
  EXPECT_TRUE(bad.count("A") && bad.count("F"));
  Advisory a;
  a.version = 5;
  a.sync_stale = false;
  EXPECT_FALSE(SyncMemoOf(a).has_last);
  EXPECT_EQ(SyncMemoOf(a).version, 5);
}

}  // namespace
}  // namespace psirt
