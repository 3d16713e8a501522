// Tests of the GitHub sync rules: state mapping, the three-way
// reconciliation, the push diff, vulnerabilities from the fix status, PRs.
#include "core/github_sync.h"

#include <gtest/gtest.h>

namespace psirt {
namespace {

using nlohmann::json;

SyncFields Fields(const std::string& summary, const std::string& cvss = "", const std::string& state = "draft") {
  return {{"summary", summary}, {"description", "d"}, {"cve_id", ""},          {"severity", ""},
          {"cvss", cvss},       {"cwe_ids", json::array()}, {"credits", json::array()}, {"state", state}};
}

json Base(const SyncFields& f) {
  json j = json::object();
  for (const auto& [k, v] : f) j[k] = v;
  return j;
}

TEST(GithubSyncTest, StateMapping) {
  EXPECT_EQ(GhsaStateOf(State::kNew), "triage");
  EXPECT_EQ(GhsaStateOf(State::kAssigned), "draft");
  EXPECT_EQ(GhsaStateOf(State::kAccepted), "draft");
  EXPECT_EQ(GhsaStateOf(State::kPublic), "published");
  EXPECT_EQ(GhsaStateOf(State::kRejected), "closed");
  EXPECT_EQ(StateForGhsa("draft", State::kNew), State::kTriage);
  EXPECT_EQ(StateForGhsa("draft", State::kReview), std::nullopt);  // already a draft's state
  EXPECT_EQ(StateForGhsa("published", State::kAccepted), State::kPublic);
  EXPECT_EQ(StateForGhsa("withdrawn", State::kPublic), State::kRejected);
  EXPECT_EQ(StateForGhsa("closed", State::kRejected), std::nullopt);
  EXPECT_EQ(StateForGhsa("triage", State::kAssigned), std::nullopt);  // never back to triage
  EXPECT_FALSE(IsGhsaState("open"));
}

TEST(GithubSyncTest, RepoAndGhsaShapes) {
  EXPECT_TRUE(CheckGithubRepo("zephyrproject-rtos/zephyr").ok());
  for (const char* bad : {"", "zephyr", "o/r/x", "o/r?page=2", "../etc", "o/..", "o /r", "o/r\n"})
    EXPECT_EQ(CheckGithubRepo(bad).code(), Status::Code::kUsage) << bad;
  EXPECT_TRUE(CheckGhsaIdForApi("GHSA-2222-aaaa-0001").ok());
  for (const char* bad : {"", "GHSA-2222", "ghsa-2222-aaaa-0001", "GHSA-2222-aaaa-0001/cve", "GHSA-2222-AAAA-0001"})
    EXPECT_EQ(CheckGhsaIdForApi(bad).code(), Status::Code::kUsage) << bad;
}

TEST(GithubSyncTest, ReconcileTakesTheSideThatChanged) {
  SyncFields base = Fields("old");
  // GitHub changed the summary, psirt did not: taken.
  Reconciled r = Reconcile(Base(base), Fields("old"), Fields("new"));
  ASSERT_EQ(r.take.size(), 1u);
  EXPECT_EQ(r.take.at("summary"), "new");
  EXPECT_EQ(r.base.at("summary"), "new");
  EXPECT_TRUE(r.conflicts.empty());
  // psirt changed it, GitHub did not: nothing taken, the base stays (the push sends it).
  r = Reconcile(Base(base), Fields("mine"), Fields("old"));
  EXPECT_TRUE(r.take.empty());
  EXPECT_EQ(r.base.at("summary"), "old");
  EXPECT_TRUE(r.conflicts.empty());
  // Both changed, to the same: agreed.
  r = Reconcile(Base(base), Fields("same"), Fields("same"));
  EXPECT_TRUE(r.take.empty());
  EXPECT_EQ(r.base.at("summary"), "same");
  // Both changed, differently: a conflict, nothing taken, the base kept.
  r = Reconcile(Base(base), Fields("mine"), Fields("theirs"));
  EXPECT_TRUE(r.take.empty());
  ASSERT_EQ(r.conflicts.size(), 1u);
  EXPECT_EQ(r.conflicts[0].field, "summary");
  EXPECT_EQ(r.conflicts[0].ours, "mine");
  EXPECT_EQ(r.conflicts[0].theirs, "theirs");
  EXPECT_EQ(r.base.at("summary"), "old");
}

TEST(GithubSyncTest, ReconcileWithoutBase) {
  // First link: psirt's empty fields are filled, a different value of its own is a conflict.
  SyncFields ours = Fields("mine", "");
  SyncFields theirs = Fields("theirs", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
  Reconciled r = Reconcile(json::object(), ours, theirs);
  EXPECT_EQ(r.take.count("cvss"), 1u);
  ASSERT_EQ(r.conflicts.size(), 1u);
  EXPECT_EQ(r.conflicts[0].field, "summary");
  // GitHub empty, psirt has a value: psirt's is pushed later, not a conflict.
  r = Reconcile(json::object(), Fields("s", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"), Fields("s", ""));
  EXPECT_TRUE(r.conflicts.empty());
  EXPECT_TRUE(r.take.empty());
  EXPECT_EQ(r.base.at("cvss"), "");
}

TEST(GithubSyncTest, PushSendsOnlyPsirtsChanges) {
  SyncFields base = Fields("old");
  auto changes = PushChanges(Base(base), Fields("mine", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"), Fields("old"), {});
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].field, "cvss");
  EXPECT_EQ(changes[1].field, "summary");
  EXPECT_EQ(changes[1].from, "old");
  EXPECT_EQ(changes[1].to, "mine");
  // GitHub changed it since: held for a pull.
  EXPECT_TRUE(PushChanges(Base(base), Fields("mine"), Fields("theirs"), {}).empty());
  // An open conflict is never pushed.
  std::map<std::string, FieldConflict> open = {{"summary", {"summary", "mine", "old"}}};
  EXPECT_TRUE(PushChanges(Base(base), Fields("mine"), Fields("old"), open).empty());
  // State: a report accepted (triage -> draft) and closing are pushed; publishing is not.
  SyncFields tb = Fields("s", "", "triage");
  auto st = PushChanges(Base(tb), Fields("s", "", "draft"), tb, {});
  ASSERT_EQ(st.size(), 1u);
  EXPECT_EQ(st[0].to, "draft");
  SyncFields db = Fields("s", "", "draft");
  EXPECT_TRUE(PushChanges(Base(db), Fields("s", "", "published"), db, {}).empty());
  EXPECT_EQ(PushChanges(Base(db), Fields("s", "", "closed"), db, {}).size(), 1u);
}

TEST(GithubSyncTest, VulnerabilitiesFromFixedReleases) {
  ReleaseModel m;
  auto v = VulnerabilitiesFromFix(m, {"v3.7.0", "v3.6.2", "v3.6.3", "v2.7.6"}, {}, "zephyr");
  // 3.7.0 is main's first release with the fix: no 3.7 release was vulnerable.
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].vulnerable_version_range, "< 2.7.6");
  EXPECT_EQ(v[0].patched_versions, "2.7.6");
  EXPECT_EQ(v[1].vulnerable_version_range, ">= 3.0.0, < 3.6.2");
  EXPECT_EQ(v[1].patched_versions, "3.6.2");
  EXPECT_EQ(v[0].ecosystem, "other");
  EXPECT_EQ(v[0].package, "zephyr");
  EXPECT_TRUE(VulnerabilitiesFromFix(m, {}, {}, "zephyr").empty());
  GhsaVulnerability existing{"other", "zephyr-rtos", "", "", {"net_pkt_read"}};
  v = VulnerabilitiesFromFix(m, {"v3.6.1", "v3.7.1"}, {existing}, "zephyr");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[1].vulnerable_version_range, ">= 3.7.0, < 3.7.1");
  EXPECT_EQ(v[1].package, "zephyr-rtos");
  EXPECT_EQ(v[1].vulnerable_functions, std::vector<std::string>{"net_pkt_read"});
}

TEST(GithubSyncTest, PullBaseDecidesTheFixBranch) {
  Fix main{Fix::Kind::kPr, "77", "main"};
  PullRequest pr;
  pr.number = 77;
  pr.base_ref = "v3.6-branch";
  auto fixes = FixesForPull({main}, pr);
  ASSERT_TRUE(fixes);
  ASSERT_EQ(fixes->size(), 1u);
  EXPECT_EQ((*fixes)[0].branch, "v3.6-branch");
  pr.base_ref = "main";
  EXPECT_FALSE(FixesForPull({main}, pr));  // already right
  pr.number = 80;
  pr.base_ref = "v3.7-branch";
  fixes = FixesForPull({main}, pr);  // a backport found by its mention: added
  ASSERT_TRUE(fixes);
  ASSERT_EQ(fixes->size(), 2u);
  EXPECT_EQ((*fixes)[1].ref, "80");
}

TEST(GithubSyncTest, PullMentions) {
  PullRequest pr;
  pr.title = "[Backport v3.6-branch] net: fix overflow";
  pr.body = "Backport 0123abc from #77.";
  EXPECT_TRUE(PullMentions(pr, {"77"}, "PSIRT-2026-0001", ""));
  EXPECT_FALSE(PullMentions(pr, {"78"}, "PSIRT-2026-0001", ""));
  pr.body = "Fixes GHSA-2222-3333-4444";
  EXPECT_TRUE(PullMentions(pr, {}, "PSIRT-2026-0001", "GHSA-2222-3333-4444"));
  pr.body = "see #77 for context";
  EXPECT_FALSE(PullMentions(pr, {"77"}, "PSIRT-2026-0001", ""));
  // Ids are whole words: a longer number is another advisory.
  pr.body = "Fixes PSIRT-2026-00012 and ghsa-2222-3333-4444x";
  EXPECT_FALSE(PullMentions(pr, {}, "PSIRT-2026-0001", "GHSA-2222-3333-4444"));
  pr.body = "Fixes (PSIRT-2026-0001), see-ZEPHYR-SA-2026-0002.";
  EXPECT_TRUE(PullMentions(pr, {}, "PSIRT-2026-0001", ""));
  EXPECT_TRUE(PullMentions(pr, {}, "ZEPHYR-SA-2026-0002", ""));
  EXPECT_TRUE(PullMentions(pr, {}, "SA-2026-0002", "")) << "a tail that is an id counts";
}

TEST(GithubSyncTest, ReferencesInFindEverythingPullMentionsAccepts) {
  PullRequest pr;
  pr.title = "[Backport v3.6-branch] net: fix overflow (PSIRT-2026-0007)";
  pr.body = "Backport 0123abc from #77.\nCherry picked from #79\nFixes GHSA-2222-3333-4444 and ghsa-5555-6666-7777; "
            "not GHSA-0000-0000-0000 (0 is not in GitHub's alphabet) nor PSIRT-26-0001.";
  PullReferences refs = ReferencesIn(pr);
  EXPECT_EQ(refs.backports, (std::vector<std::string>{"77", "79"}));
  EXPECT_EQ(refs.ghsa_ids, (std::vector<std::string>{"GHSA-2222-3333-4444", "GHSA-5555-6666-7777"}));
  EXPECT_EQ(refs.advisory_ids, (std::vector<std::string>{"PSIRT-2026-0007"}));
  // The invariant the webhook's index look-up stands on.
  for (const std::string& id : {"PSIRT-2026-0007", "PSIRT-2026-0001", "X-2026-0007"})
    for (const std::string& ghsa : {"", "GHSA-2222-3333-4444", "GHSA-5555-6666-7777", "GHSA-8888-9999-cccc"})
      for (const std::vector<std::string>& linked : {std::vector<std::string>{}, {"77"}, {"78"}, {"79", "80"}}) {
        bool indexed = std::find(refs.advisory_ids.begin(), refs.advisory_ids.end(), id) != refs.advisory_ids.end() ||
                       std::find(refs.ghsa_ids.begin(), refs.ghsa_ids.end(), ghsa) != refs.ghsa_ids.end() ||
                       std::any_of(linked.begin(), linked.end(), [&](const std::string& n) {
                         return std::find(refs.backports.begin(), refs.backports.end(), n) != refs.backports.end();
                       });
        EXPECT_EQ(PullMentions(pr, linked, id, ghsa), indexed) << id << " " << ghsa;
      }
}

}  // namespace
}  // namespace psirt
