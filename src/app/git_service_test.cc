// Git engine tests on repositories built here with the git CLI: containment
// against `git tag/branch --contains`, backports by trailer, upstream line
// and patch-id (and not by patch-id when the diff was adapted), patch-ids
// against `git patch-id --stable`, and bad input.
#include "app/git_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "testing/test_support.h"

namespace psirt {
namespace {

using testing::Run;

using testing::GitRepo;

std::string Lines(int n, const std::string& tag) {
  std::string s;
  for (int i = 0; i < n; ++i) s += tag + " line " + std::to_string(i) + "\n";
  return s;
}

// main: A - B(v1.0.0, v1.0-branch) - C - D(v1.1.0, v1.1-branch) - E - F1 - M(merge T) - F2 - H
// v1.1-branch: BP1 = cherry-pick -x F1 (tag v1.1.1), BP3 = F2 adapted, with trailer
// v1.0-branch: BP2 = cherry-pick F1 without -x, BP4 = F2 with "commit X upstream."
class GitServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string net = Lines(20, "net"), usb = Lines(20, "usb");
    A = r.Commit("net.c", net, "init net");
    r.Commit("usb.c", usb, "init usb");
    B = r.Git({"rev-parse", "HEAD"});
    r.Git({"tag", "-a", "v1.0.0", "-m", "v1.0.0"});
    r.Git({"branch", "v1.0-branch"});
    C = r.Commit("doc.txt", "doc\n", "docs");
    D = r.Commit("doc.txt", "doc 2\n", "docs 2");
    r.Git({"tag", "v1.1.0"});
    r.Git({"branch", "v1.1-branch"});
    E = r.Commit("kernel.c", "k\n", "kernel feature");
    std::string net_fixed = net;
    net_fixed.replace(net_fixed.find("net line 10"), 11, "net line 10 /* checked */");
    F1 = r.Commit("net.c", net_fixed, "net: validate length");
    r.Git({"checkout", "-q", "-b", "topic", E});
    T = r.Commit("topic.c", "t\n", "topic work");
    r.Git({"checkout", "-q", "main"});
    r.Git({"merge", "-q", "--no-ff", "-m", "Merge pull request #12 from x/topic", "topic"});
    M = r.Git({"rev-parse", "HEAD"});
    std::string usb_fixed = usb;
    usb_fixed.replace(usb_fixed.find("usb line 5"), 10, "usb line 5 /* bounded */");
    F2 = r.Commit("usb.c", usb_fixed, "usb: bound wLength");
    H = r.Commit("doc.txt", "doc 3\n", "docs 3");
    // Backports.
    r.Git({"checkout", "-q", "v1.1-branch"});
    r.Git({"cherry-pick", "-x", F1});
    BP1 = r.Git({"rev-parse", "HEAD"});
    r.Git({"tag", "v1.1.1"});
    std::string usb_adapted = usb;
    usb_adapted.replace(usb_adapted.find("usb line 5"), 10, "usb line 5 /* bounded (1.1) */");
    BP3 = r.Commit("usb.c", usb_adapted,
                   "usb: bound wLength\n\n(cherry picked from commit " + F2 + ")");
    r.Git({"checkout", "-q", "v1.0-branch"});
    r.Git({"cherry-pick", F1});  // no -x: only the patch-id can find it
    BP2 = r.Git({"rev-parse", "HEAD"});
    BP4 = r.Commit("usb.c", usb_fixed, "[PATCH] usb: bound wLength\n\ncommit " + F2 + " upstream.");
    r.Git({"checkout", "-q", "main"});
    auto s = GitService::Open(r.dir(), ReleaseModel{});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    svc = std::move(s).value();
  }

  GitRepo r;
  std::string A, B, C, D, E, F1, T, M, F2, H, BP1, BP2, BP3, BP4;
  std::unique_ptr<GitService> svc;
};

std::vector<std::string> Split(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);)
    if (!l.empty()) out.push_back(l);
  return out;
}

TEST_F(GitServiceTest, ContainmentEqualsGitCli) {
  std::vector<std::string> all = Split(r.Git({"rev-list", "--all"}));
  ASSERT_GE(all.size(), 14u);
  auto res = svc->Contains(all, false);
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  for (const ContainsResult& c : *res) {
    auto tags = Split(r.Git({"tag", "--contains", c.commit}));
    auto branches = Split(r.Git({"branch", "--format=%(refname:short)", "--contains", c.commit}));
    std::sort(tags.begin(), tags.end());
    std::sort(branches.begin(), branches.end());
    EXPECT_EQ(c.tags, tags) << c.commit;
    EXPECT_EQ(c.branches, branches) << c.commit;
  }
}

// One or a few commits are answered from the commit-graph file alone, with
// the same result as git and as the full graph; without a file, or with
// refs newer than it, the full graph answers (nullopt).
TEST_F(GitServiceTest, ContainmentFromTheCommitGraphFileEqualsGitCli) {
  auto none = GitService::ContainsFromCommitGraph(r.dir(), std::vector<std::string>{F1}, false);
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_FALSE(none->has_value());
  r.Git({"remote", "add", "origin", "https://example.org/x.git"});
  r.Git({"update-ref", "refs/remotes/origin/v1.1-branch", BP1});
  r.Git({"update-ref", "refs/pull/7/head", F2});  // PR refs never count
  r.Git({"pack-refs", "--all"});                   // packed, with peeled tags
  r.Git({"tag", "-a", "v1.2.0-rc1", "-m", "rc", M});  // loose annotated tag
  r.Git({"tag", "loose-light", BP2});                  // loose lightweight tag
  r.Git({"commit-graph", "write", "--reachable"});
  std::vector<std::string> all = Split(r.Git({"rev-list", "--all"}));
  for (bool remotes : {false, true}) {
    for (size_t i = 0; i < all.size(); ++i) {
      auto quick = GitService::ContainsFromCommitGraph(r.dir(), std::vector<std::string>{all[i]}, remotes);
      ASSERT_TRUE(quick.ok()) << quick.status().ToString();
      ASSERT_TRUE(quick->has_value()) << all[i];
      const ContainsResult& c = (**quick)[0];
      auto tags = Split(r.Git({"tag", "--contains", c.commit}));
      std::vector<std::string> branch_args = {"branch", "--format=%(refname:short)", "--contains", c.commit};
      if (remotes) branch_args.insert(branch_args.begin() + 1, "-a");
      auto branches = Split(r.Git(branch_args));
      std::sort(tags.begin(), tags.end());
      std::sort(branches.begin(), branches.end());
      EXPECT_EQ(c.tags, tags) << c.commit;
      EXPECT_EQ(c.branches, branches) << c.commit;
    }
  }
  // Many commits: one pass over the file in level order, the same answer.
  auto batch = GitService::ContainsFromCommitGraph(r.dir(), all, true);
  ASSERT_TRUE(batch.ok() && batch->has_value());
  ASSERT_GT(all.size(), GitService::kFewCommits);
  ASSERT_EQ((*batch)->size(), all.size());
  for (size_t i = 0; i < all.size(); ++i) {  // each single answer was checked against git above
    auto one = GitService::ContainsFromCommitGraph(r.dir(), std::vector<std::string>{all[i]}, true);
    ASSERT_TRUE(one.ok() && one->has_value());
    EXPECT_EQ((**batch)[i].tags, (**one)[0].tags) << all[i];
    EXPECT_EQ((**batch)[i].branches, (**one)[0].branches) << all[i];
  }
  auto via = GitService::ContainsIn(r.dir(), ReleaseModel{}, all, true);
  ASSERT_TRUE(via.ok());
  EXPECT_EQ(via->size(), all.size());
  // An abbreviated id is resolved as git does.
  auto abbrev = GitService::ContainsFromCommitGraph(r.dir(), std::vector<std::string>{F1.substr(0, 10)}, false);
  ASSERT_TRUE(abbrev.ok() && abbrev->has_value());
  EXPECT_EQ((**abbrev)[0].commit, F1);
  auto unknown = GitService::ContainsFromCommitGraph(r.dir(), std::vector<std::string>{"0123456789abc"}, false);
  EXPECT_FALSE(unknown.ok());
  // A branch moved after the file was written: the full graph answers.
  r.Git({"checkout", "-q", "main"});
  r.Commit("late.txt", "late\n", "after the commit-graph was written");
  auto stale = GitService::ContainsFromCommitGraph(r.dir(), std::vector<std::string>{F1}, false);
  ASSERT_TRUE(stale.ok());
  EXPECT_FALSE(stale->has_value());
}

TEST_F(GitServiceTest, BackportsByTrailerPatchIdAndUpstreamLine) {
  std::vector<std::string> fixes = {F1, F2};
  auto res = svc->Backports(fixes, {});
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  ASSERT_EQ(res->size(), 2u);
  auto find = [](const BackportResult& b, const std::string& branch) {
    for (const auto& f : b.branches)
      if (f.branch == branch) return f;
    return BackportFinding{};
  };
  auto f1_10 = find((*res)[0], "v1.0-branch"), f1_11 = find((*res)[0], "v1.1-branch");
  EXPECT_TRUE(f1_10.found);
  EXPECT_EQ(f1_10.commit, BP2);
  EXPECT_EQ(f1_10.method, BackportMethod::kPatchId);
  EXPECT_EQ(f1_11.commit, BP1);
  EXPECT_EQ(f1_11.method, BackportMethod::kTrailer);  // trailer and patch-id: strongest wins
  auto f2_10 = find((*res)[1], "v1.0-branch"), f2_11 = find((*res)[1], "v1.1-branch");
  EXPECT_EQ(f2_10.commit, BP4);
  EXPECT_EQ(f2_10.method, BackportMethod::kUpstreamLine);
  EXPECT_EQ(f2_11.commit, BP3);
  EXPECT_EQ(f2_11.method, BackportMethod::kTrailer);
  // The adapted backport has a different patch-id: only its trailer finds it.
  auto pid = [&](const std::string& sha) {
    auto out = r.Git({"show", sha});
    auto res = testing::Run({"git", "patch-id", "--stable"}, r.tmp().path(), {}, out + "\n");
    return res.out.substr(0, 40);
  };
  EXPECT_NE(pid(F2), pid(BP3));
  // A commit that is on the branch itself is found as an ancestor.
  std::vector<std::string> old = {A};
  auto anc = svc->Backports(old, std::vector<std::string>{"v1.0-branch"});
  ASSERT_TRUE(anc.ok());
  EXPECT_EQ((*anc)[0].branches[0].method, BackportMethod::kAncestor);
  // Not backported anywhere.
  std::vector<std::string> none = {H};
  auto nb = svc->Backports(none, {});
  for (const auto& f : (*nb)[0].branches) EXPECT_FALSE(f.found) << f.branch;
}

TEST_F(GitServiceTest, PatchIdsEqualGitPatchIdStable) {
  git::RepoReader reader = std::move(git::RepoReader::Open(r.dir())).value();
  for (const std::string& sha : {F1, F2, BP1, BP2, BP3, E}) {
    auto ours = reader.PatchId(sha);
    ASSERT_TRUE(ours.ok());
    ASSERT_TRUE(ours->has_value());
    auto show = r.Git({"show", sha});
    auto git = testing::Run({"git", "patch-id", "--stable"}, r.tmp().path(), {}, show + "\n");
    EXPECT_EQ(**ours, git.out.substr(0, 40)) << sha;
  }
  EXPECT_FALSE(reader.PatchId(M)->has_value());  // merges have none
}

TEST_F(GitServiceTest, ReleaseModelFromTheRepository) {
  std::vector<std::string> branches, tags;
  for (const auto& b : svc->release_branches()) branches.push_back(b.name);
  for (const auto& t : svc->release_tags()) tags.push_back(t.name);
  EXPECT_EQ(branches, (std::vector<std::string>{"v1.0-branch", "v1.1-branch"}));
  EXPECT_EQ(tags, (std::vector<std::string>{"v1.0.0", "v1.1.0", "v1.1.1"}));
}

TEST_F(GitServiceTest, BadInput) {
  std::vector<std::string> unknown = {"0123456789abcdef0123456789abcdef01234567"};
  auto u = svc->Contains(unknown, false);
  ASSERT_FALSE(u.ok());
  EXPECT_NE(u.status().message().find("unknown commit '0123456789abcdef"), std::string::npos);
  // An ambiguous 4-digit prefix: find two objects that share one.
  std::vector<std::string> objs = Split(r.Git({"rev-list", "--all", "--objects"}));
  std::map<std::string, int> prefixes;
  std::string ambiguous;
  for (int i = 0; ambiguous.empty() && i < 3000; ++i) {
    if (i >= static_cast<int>(objs.size())) {
      testing::WriteFile(r.dir() + "/blob.txt", "blob " + std::to_string(i) + "\n");
      objs.push_back(r.Git({"hash-object", "-w", "blob.txt"}));
    }
    std::string p = objs[i].substr(0, 4);
    if (++prefixes[p] == 2) ambiguous = p;
  }
  ASSERT_FALSE(ambiguous.empty());
  std::vector<std::string> amb = {ambiguous};
  auto a = svc->Contains(amb, false);
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.status().message().find("ambiguous commit '" + ambiguous + "'"), std::string::npos)
      << a.status().message();
  auto notrepo = GitService::Open(r.tmp().path(), ReleaseModel{});
  ASSERT_FALSE(notrepo.ok());
  EXPECT_NE(notrepo.status().message().find("not a git repository"), std::string::npos);
  r.Git({"clone", "-q", "--depth", "1", "file://" + r.dir(), r.tmp() / "shallow"});
  auto shallow = GitService::Open(r.tmp() / "shallow", ReleaseModel{});
  ASSERT_FALSE(shallow.ok());
  EXPECT_NE(shallow.status().message().find("shallow clone: history is missing"), std::string::npos);
  auto nob = svc->Backports(std::vector<std::string>{F1}, std::vector<std::string>{"v9.9-branch"});
  ASSERT_FALSE(nob.ok());
  EXPECT_NE(nob.status().message().find("no branch 'v9.9-branch'"), std::string::npos);
}

}  // namespace
}  // namespace psirt

namespace psirt {
namespace {

Advisory WithFixes(std::vector<Fix> fixes, std::string introduced = "") {
  Advisory a;
  a.id = "PSIRT-2026-0001";
  a.fixes = std::move(fixes);
  a.introduced_by = std::move(introduced);
  return a;
}

const FixFacts::Branch& BranchOf(const FixFacts& s, const std::string& name) {
  for (const auto& b : s.branches)
    if (b.facts.branch == name) return b;
  static FixFacts::Branch none;
  return none;
}

TEST_F(GitServiceTest, StatusTableFromLinkedCommits) {
  auto s = svc->FixStatus(WithFixes({Fix{Fix::Kind::kCommit, F1.substr(0, 10), "main"}}));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->fix_commits, std::vector<std::string>{F1});
  EXPECT_TRUE(s->main_merged);
  EXPECT_FALSE(s->main_first_release);  // no release tag on main after the fix
  const auto& b10 = BranchOf(*s, "v1.0-branch");
  EXPECT_EQ(b10.status, BranchStatus::kMerged);  // backported (patch-id), not yet tagged
  EXPECT_EQ(b10.facts.commits, std::vector<std::string>{BP2});
  const auto& b11 = BranchOf(*s, "v1.1-branch");
  EXPECT_EQ(b11.status, BranchStatus::kFixed);
  EXPECT_EQ(b11.facts.release, "v1.1.1");
  EXPECT_EQ(b11.facts.method, BackportMethod::kTrailer);
}

TEST_F(GitServiceTest, StatusMissingNotRequiredAndNotAffected) {
  // H is on main only. Policy (no LTS configured): the latest 2 branches.
  auto s = svc->FixStatus(WithFixes({Fix{Fix::Kind::kCommit, H, "main"}}));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(BranchOf(*s, "v1.1-branch").status, BranchStatus::kMissing);
  EXPECT_EQ(BranchOf(*s, "v1.0-branch").status, BranchStatus::kMissing);
  ReleaseModel one;
  one.backport_latest = 1;
  auto svc1 = std::move(GitService::Open(r.dir(), one)).value();
  auto s1 = svc1->FixStatus(WithFixes({Fix{Fix::Kind::kCommit, H, "main"}}));
  EXPECT_EQ(BranchOf(*s1, "v1.0-branch").status, BranchStatus::kNotRequired);
  // Introduced by E (after both branch points): neither branch is affected.
  auto s2 = svc->FixStatus(WithFixes({Fix{Fix::Kind::kCommit, H, "main"}}, E));
  ASSERT_TRUE(s2.ok());
  EXPECT_EQ(BranchOf(*s2, "v1.0-branch").status, BranchStatus::kNotAffected);
  EXPECT_EQ(BranchOf(*s2, "v1.1-branch").status, BranchStatus::kNotAffected);
  // Introduced by C (before v1.1 branched): only v1.0 is not affected.
  auto s3 = svc->FixStatus(WithFixes({Fix{Fix::Kind::kCommit, H, "main"}}, C));
  EXPECT_EQ(BranchOf(*s3, "v1.0-branch").status, BranchStatus::kNotAffected);
  EXPECT_EQ(BranchOf(*s3, "v1.1-branch").status, BranchStatus::kMissing);
}

TEST_F(GitServiceTest, PullRequestsByMergeCommitAndRebasedPrRef) {
  // PR #12 was merged with a merge commit: its commit is T.
  auto s = svc->FixStatus(WithFixes({Fix{Fix::Kind::kPr, "12", "main"}}));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->fix_commits, std::vector<std::string>{T});
  EXPECT_TRUE(s->main_merged);
  // PR #34: the contributor's commit (refs/pull/34/head) was rebased onto
  // main, so main carries the same change under another SHA.
  r.Git({"checkout", "-q", "-b", "pr34", C});
  std::string original = r.Commit("api.c", "api v2\n", "api: reject null handles");
  r.Git({"update-ref", "refs/pull/34/head", original});
  r.Git({"checkout", "-q", "main"});
  std::string rebased = r.Commit("api.c", "api v2\n", "api: reject null handles");
  r.Git({"branch", "-D", "pr34"});
  ASSERT_NE(original, rebased);
  auto fresh = std::move(GitService::Open(r.dir(), ReleaseModel{})).value();
  auto s2 = fresh->FixStatus(WithFixes({Fix{Fix::Kind::kPr, "34", "main"}}));
  ASSERT_TRUE(s2.ok());
  EXPECT_EQ(s2->fix_commits, std::vector<std::string>{rebased});
  // An unknown PR is reported, not guessed.
  auto s3 = fresh->FixStatus(WithFixes({Fix{Fix::Kind::kPr, "999", "main"}}));
  EXPECT_TRUE(s3->fix_commits.empty());
  EXPECT_EQ(s3->unresolved, std::vector<std::string>{"PR #999"});
}

}  // namespace
}  // namespace psirt

namespace psirt {
namespace {

TEST_F(GitServiceTest, RemotesAndConfigurablePrRefPattern) {
  r.Git({"update-ref", "refs/remotes/origin/main", H});
  r.Git({"update-ref", "refs/remotes/origin/HEAD", H});
  auto fresh = std::move(GitService::Open(r.dir(), ReleaseModel{})).value();
  std::vector<std::string> h = {H};
  EXPECT_EQ((*fresh->Contains(h, false))[0].branches, std::vector<std::string>{"main"});
  EXPECT_EQ((*fresh->Contains(h, true))[0].branches,
            (std::vector<std::string>{"main", "origin/main"}));
  // PR heads kept under another namespace.
  r.Git({"checkout", "-q", "-b", "pr56", C});
  std::string original = r.Commit("x.c", "x\n", "x: harden parser");
  r.Git({"update-ref", "refs/merge-requests/56/head", original});
  r.Git({"checkout", "-q", "main"});
  std::string rebased = r.Commit("x.c", "x\n", "x: harden parser");
  r.Git({"branch", "-D", "pr56"});
  ReleaseModel gitlab;
  gitlab.pr_ref_pattern = "refs/merge-requests/{pr}/head";
  auto gl = std::move(GitService::Open(r.dir(), gitlab)).value();
  Advisory a;
  a.fixes = {Fix{Fix::Kind::kPr, "56", "main"}};
  EXPECT_EQ(gl->FixStatus(a)->fix_commits, std::vector<std::string>{rebased});
  auto gh = std::move(GitService::Open(r.dir(), ReleaseModel{})).value();
  EXPECT_TRUE(gh->FixStatus(a)->fix_commits.empty());  // default pattern does not see it
}

}  // namespace
}  // namespace psirt
