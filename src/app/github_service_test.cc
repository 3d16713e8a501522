// Tests of GitHub sync against the local GitHub stand-in over libcurl and a
// real SQLite store: a pull of every state and page, a second pull that
// changes nothing (304s), a local change pushed as a field diff, a conflict
// left alone until resolved, pull requests turned into fixes, bad answers
// that change nothing, and a token that appears nowhere.
#include "app/account_service.h"
#include "app/github_service.h"

#include <gtest/gtest.h>

#include "app/workspace.h"
#include "testing/github_stub.h"
#include "testing/test_support.h"

namespace psirt {
namespace {

using nlohmann::json;

constexpr const char* kSvcRepo = "zephyrproject-rtos/zephyr";
constexpr const char* kSvcV4 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";
constexpr const char* kSvcV3 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";

class GithubServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitOptions o;
    o.config.project = "demo";
    auto ws = InitWorkspace(dir_.path(), o);
    ASSERT_TRUE(ws.ok()) << ws.status().ToString();
    ws_ = std::make_unique<Workspace>(std::move(ws).value());
    ws_->config.github.repo = kSvcRepo;
    adv_ = std::make_unique<AdvisoryService>(*ws_->store, ws_->config, clock_);
    ASSERT_TRUE(AccountService(*ws_->store, clock_).Add({"bob", Role::kMaintainer, "", "", {}}).ok());
    cache_ = std::make_unique<StoreAnswerCache>(*ws_->store);
    GithubOptions go;
    go.api_url = stub_.url();
    go.token = stub_.token();
    client_ = std::make_unique<GithubClient>(go, &SendHttp, cache_.get(), [this](double s) { waits_.push_back(s); });
    gh_ = std::make_unique<GithubService>(*adv_, *ws_->store, *client_);
  }

  // Five advisories, one per state, on three pages of two.
  void FiveStates() {
    stub_.SetPageSize(2);
    stub_.AddAdvisory(kSvcRepo, {{"ghsa_id", "GHSA-2222-aaaa-0001"},
                              {"state", "triage"},
                              {"summary", "BT: overflow in L2CAP"},
                              {"description", "A long read overflows."},
                              {"author", {{"login", "finder-ann"}}},
                              {"submission", {{"accepted", false}}}});
    stub_.AddAdvisory(kSvcRepo, {{"ghsa_id", "GHSA-2222-aaaa-0002"},
                              {"state", "draft"},
                              {"summary", "net: use after free"},
                              {"severity", "critical"},
                              {"cvss_severities", {{"cvss_v3", {{"vector_string", kSvcV3}, {"score", 9.8}}},
                                                   {"cvss_v4", {{"vector_string", kSvcV4}, {"score", 9.3}}}}},
                              {"cwes", json::array({{{"cwe_id", "CWE-416"}, {"name", "Use After Free"}}})},
                              {"cwe_ids", json::array({"CWE-416"})},
                              {"credits_detailed", json::array({{{"user", {{"login", "finder-bob"}}}, {"type", "finder"}},
                                                                {{"user", {{"login", "dev-cy"}}}, {"type", "remediation_developer"}}})},
                              {"collaborating_users", json::array({{{"login", "maint-net"}}})},
                              {"collaborating_teams", json::array({{{"slug", "security"}}})},
                              {"submission", nullptr}});
    stub_.AddAdvisory(kSvcRepo, {{"ghsa_id", "GHSA-2222-aaaa-0003"},
                              {"state", "published"},
                              {"summary", "fs: path traversal"},
                              {"cve_id", "CVE-2026-10001"},
                              {"published_at", "2026-10-20T12:00:00Z"},
                              {"vulnerabilities", json::array({{{"package", {{"ecosystem", "other"}, {"name", "zephyr"}}},
                                                                {"vulnerable_version_range", "< 3.6.1"},
                                                                {"patched_versions", "3.6.1"},
                                                                {"vulnerable_functions", json::array()}}})},
                              {"submission", nullptr}});
    stub_.AddAdvisory(kSvcRepo, {{"ghsa_id", "GHSA-2222-aaaa-0004"}, {"state", "closed"}, {"summary", "not a bug"}});
    stub_.AddAdvisory(kSvcRepo, {{"ghsa_id", "GHSA-2222-aaaa-0005"}, {"state", "withdrawn"}, {"summary", "duplicate"},
                              {"submission", nullptr}});
  }

  Advisory Get(const std::string& id) {
    auto a = adv_->Get(id);
    EXPECT_TRUE(a.ok()) << a.status().ToString();
    return a.ok() ? *a : Advisory{};
  }
  size_t Events() {
    size_t n = 0;
    auto all = adv_->All();
    for (const auto& f : *all) n += f.history.size();
    return n;
  }
  std::string IdOf(const std::string& ghsa) {
    auto all = adv_->All();
    EXPECT_TRUE(all.ok()) << all.status().ToString();
    for (const auto& f : *all)
      if (f.advisory.ghsa_id == ghsa) return f.advisory.id;
    ADD_FAILURE() << "no advisory for " << ghsa;
    return "";
  }
  // Everything psirt stored, as text.
  std::string Stored() {
    std::string s;
    auto all = adv_->All();
    for (const auto& f : *all)
      for (const Event& e : f.history) s += e.actor + " " + e.payload.dump() + "\n";
    return s;
  }

  testing::TempDir dir_;
  FixedClock clock_{Timestamp::StartOf(*Date::Parse("2026-11-05"))};
  std::unique_ptr<Workspace> ws_;
  std::unique_ptr<AdvisoryService> adv_;
  testing::GithubStub stub_;
  std::unique_ptr<StoreAnswerCache> cache_;
  std::unique_ptr<GithubClient> client_;
  std::unique_ptr<GithubService> gh_;
  std::vector<double> waits_;
};

TEST_F(GithubServiceTest, PullCreatesAdvisoriesFromEveryStateAndPage) {
  FiveStates();
  auto r = gh_->Pull(kSvcRepo);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->advisories, 5);
  EXPECT_EQ(r->created, 5);
  EXPECT_TRUE(r->errors.empty());
  EXPECT_TRUE(r->conflicts.empty());
  EXPECT_EQ(stub_.Requests().size(), 3u);  // three pages

  Advisory triage = Get(IdOf("GHSA-2222-aaaa-0001"));
  EXPECT_EQ(triage.state, State::kNew);
  EXPECT_EQ(triage.title, "BT: overflow in L2CAP");
  EXPECT_EQ(triage.description, "A long read overflows.");
  EXPECT_EQ(triage.reporter.name, "finder-ann");  // a private report's author
  EXPECT_EQ(triage.reported_on, Date::Parse("2026-11-01").value());
  EXPECT_EQ(triage.github.repo, kSvcRepo);
  EXPECT_TRUE(triage.github.facts["private_report"].get<bool>());

  Advisory draft = Get(IdOf("GHSA-2222-aaaa-0002"));
  EXPECT_EQ(draft.state, State::kTriage);
  EXPECT_EQ(draft.cvss, kSvcV4);  // v4 preferred; v3 kept in the facts
  EXPECT_EQ(draft.cvss_version, "4.0");
  ASSERT_TRUE(draft.cvss_score);
  EXPECT_DOUBLE_EQ(*draft.cvss_score, 9.3);
  EXPECT_EQ(draft.cvss_severity, "Critical");
  EXPECT_EQ(draft.github.facts["cvss_v3"], kSvcV3);
  EXPECT_EQ(draft.cwes, std::vector<std::string>{"CWE-416"});
  ASSERT_EQ(draft.credits.size(), 2u);
  EXPECT_EQ(draft.credits[0].name, "finder-bob");
  EXPECT_EQ(draft.credits[0].type, "finder");
  EXPECT_EQ(draft.credits[1].type, "remediation developer");
  EXPECT_EQ(draft.github.facts["collaborating_users"], json::array({"maint-net"}));
  EXPECT_EQ(draft.github.facts["collaborating_teams"], json::array({"security"}));
  EXPECT_TRUE(draft.reporter.empty());  // not a private report

  Advisory published = Get(IdOf("GHSA-2222-aaaa-0003"));
  EXPECT_EQ(published.state, State::kPublic);
  EXPECT_EQ(published.cve_id, "CVE-2026-10001");
  EXPECT_EQ(published.github.facts["vulnerabilities"][0]["vulnerable_version_range"], "< 3.6.1");
  EXPECT_EQ(published.github.facts["vulnerabilities"][0]["patched_versions"], "3.6.1");
  EXPECT_EQ(Get(IdOf("GHSA-2222-aaaa-0004")).state, State::kRejected);
  Advisory withdrawn = Get(IdOf("GHSA-2222-aaaa-0005"));
  EXPECT_EQ(withdrawn.state, State::kRejected);
  EXPECT_NE(withdrawn.state_reason.find("withdrawn"), std::string::npos);

  auto all = adv_->All();
  for (const auto& f : *all)
    for (const Event& e : f.history) EXPECT_EQ(e.actor, kGithubActor);
  EXPECT_EQ(Stored().find(stub_.token()), std::string::npos);
}

TEST_F(GithubServiceTest, SecondPullChangesNothingAndCostsNothing) {
  FiveStates();
  ASSERT_TRUE(gh_->Pull(kSvcRepo).ok());
  size_t events = Events();
  int remaining = stub_.RateLimitRemaining();
  stub_.ClearRequests();
  auto again = gh_->Pull(kSvcRepo);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->created, 0);
  EXPECT_EQ(again->updated, 0);
  EXPECT_EQ(again->unchanged, 5);
  EXPECT_EQ(Events(), events);
  EXPECT_EQ(stub_.RateLimitRemaining(), remaining);
  for (const auto& req : stub_.Requests()) EXPECT_EQ(req.status, 304);
}

TEST_F(GithubServiceTest, GithubChangesAreTaken) {
  FiveStates();
  ASSERT_TRUE(gh_->Pull(kSvcRepo).ok());
  stub_.EditAdvisory("GHSA-2222-aaaa-0002", {{"description", "Freed twice."}, {"cve_id", "CVE-2026-10002"},
                                             {"state", "published"}, {"published_at", "2026-11-04T08:00:00Z"}});
  auto r = gh_->Pull(kSvcRepo);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->updated, 1);
  ASSERT_EQ(r->changes.size(), 1u);
  EXPECT_NE(r->changes[0].find("cve_id, description, state"), std::string::npos) << r->changes[0];
  Advisory a = Get(IdOf("GHSA-2222-aaaa-0002"));
  EXPECT_EQ(a.description, "Freed twice.");
  EXPECT_EQ(a.cve_id, "CVE-2026-10002");
  EXPECT_EQ(a.state, State::kPublic);
  EXPECT_NE(a.state_reason.find("GHSA-2222-aaaa-0002 is published"), std::string::npos);
}

TEST_F(GithubServiceTest, LocalChangeIsPushedAsAFieldDiff) {
  FiveStates();
  ASSERT_TRUE(gh_->Pull(kSvcRepo).ok());
  const std::string id = IdOf("GHSA-2222-aaaa-0002");
  EditRequest e;
  e.title = "net: use after free in net_pkt";
  ASSERT_TRUE(adv_->Edit("alice", id, e).ok());
  ASSERT_TRUE(adv_->SetCve("alice", id, "CVE-2026-20000").ok());
  TriageRequest t;
  t.cwes = std::vector<std::string>{"CWE-416", "CWE-787"};
  ASSERT_TRUE(adv_->Triage("alice", id, t).ok());

  stub_.ClearRequests();
  auto plan = gh_->Push(id, false);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_FALSE(plan->applied);
  std::map<std::string, std::pair<json, json>> diff;
  for (const auto& c : plan->changes) diff[c.field] = {c.from, c.to};
  ASSERT_EQ(diff.size(), 3u) << plan->body.dump();
  EXPECT_EQ(diff["summary"].first, "net: use after free");
  EXPECT_EQ(diff["summary"].second, "net: use after free in net_pkt");
  EXPECT_EQ(diff["cve_id"].second, "CVE-2026-20000");
  EXPECT_EQ(diff["cwe_ids"].second, json::array({"CWE-416", "CWE-787"}));
  EXPECT_EQ(plan->body["summary"], "net: use after free in net_pkt");
  for (const auto& req : stub_.Requests()) EXPECT_EQ(req.method, "GET");  // nothing sent without --apply
  EXPECT_EQ(stub_.Advisory("GHSA-2222-aaaa-0002")["summary"], "net: use after free");

  auto applied = gh_->Push(id, true);
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  EXPECT_TRUE(applied->applied);
  json now = stub_.Advisory("GHSA-2222-aaaa-0002");
  EXPECT_EQ(now["summary"], "net: use after free in net_pkt");
  EXPECT_EQ(now["cve_id"], "CVE-2026-20000");
  EXPECT_EQ(now["cwe_ids"], json::array({"CWE-416", "CWE-787"}));
  json patch;
  for (const auto& req : stub_.Requests())
    if (req.method == "PATCH") patch = json::parse(req.body);
  EXPECT_EQ(patch.size(), 3u) << patch.dump();  // only what changed

  // Both sides agree now: a pull changes nothing, a push has nothing to send.
  size_t events = Events();
  auto pulled = gh_->Pull(kSvcRepo);
  ASSERT_TRUE(pulled.ok());
  EXPECT_TRUE(pulled->conflicts.empty());
  EXPECT_EQ(Events(), events);
  EXPECT_TRUE(gh_->Push(id, false)->changes.empty());
}

TEST_F(GithubServiceTest, BothSidesChangedIsAConflictUntilResolved) {
  FiveStates();
  ASSERT_TRUE(gh_->Pull(kSvcRepo).ok());
  const std::string id = IdOf("GHSA-2222-aaaa-0002");
  EditRequest e;
  e.title = "ours: net UAF";
  ASSERT_TRUE(adv_->Edit("alice", id, e).ok());
  stub_.EditAdvisory("GHSA-2222-aaaa-0002", {{"summary", "theirs: net UAF"}, {"description", "GitHub's words"}});

  auto r = gh_->Pull(kSvcRepo);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->conflicts.size(), 1u);
  EXPECT_NE(r->conflicts[0].find(id + " summary"), std::string::npos);
  EXPECT_NE(r->conflicts[0].find("ours: net UAF"), std::string::npos);
  EXPECT_NE(r->conflicts[0].find("theirs: net UAF"), std::string::npos);
  Advisory a = Get(id);
  EXPECT_EQ(a.title, "ours: net UAF");              // left as it is here
  EXPECT_EQ(a.description, "GitHub's words");       // the field only GitHub changed is taken
  EXPECT_TRUE(a.github.conflicts.contains("summary"));
  EXPECT_EQ(stub_.Advisory("GHSA-2222-aaaa-0002")["summary"], "theirs: net UAF");  // and there

  // The push holds it back; a second pull neither repeats events nor resolves it.
  auto plan = gh_->Push(id, false);
  ASSERT_TRUE(plan.ok());
  EXPECT_TRUE(plan->changes.empty());
  ASSERT_EQ(plan->held.size(), 1u);
  EXPECT_NE(plan->held[0].find("conflict"), std::string::npos);
  size_t events = Events();
  ASSERT_EQ(gh_->Pull(kSvcRepo)->conflicts.size(), 1u);
  EXPECT_EQ(Events(), events);

  // Wrong field or choice: refused.
  EXPECT_FALSE(gh_->Resolve("alice", id, "description", "theirs").ok());
  EXPECT_EQ(gh_->Resolve("alice", id, "summary", "mine").status().code(), Status::Code::kUsage);
  // Taking theirs records GitHub's value; then both agree.
  auto res = gh_->Resolve("alice", id, "summary", "theirs");
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  EXPECT_EQ(res->events.back().actor, "alice");
  a = Get(id);
  EXPECT_EQ(a.title, "theirs: net UAF");
  EXPECT_TRUE(a.github.conflicts.empty());
  EXPECT_TRUE(gh_->Pull(kSvcRepo)->conflicts.empty());
  EXPECT_TRUE(gh_->Push(id, false)->changes.empty());

  // Taking ours: psirt's value is what the next push sends.
  e.title = "ours again";
  ASSERT_TRUE(adv_->Edit("alice", id, e).ok());
  stub_.EditAdvisory("GHSA-2222-aaaa-0002", {{"summary", "theirs again"}});
  ASSERT_EQ(gh_->Pull(kSvcRepo)->conflicts.size(), 1u);
  ASSERT_TRUE(gh_->Resolve("alice", id, "summary", "ours").ok());
  EXPECT_EQ(Get(id).title, "ours again");
  auto push = gh_->Push(id, true);
  ASSERT_TRUE(push.ok());
  ASSERT_EQ(push->changes.size(), 1u);
  EXPECT_EQ(stub_.Advisory("GHSA-2222-aaaa-0002")["summary"], "ours again");
}

TEST_F(GithubServiceTest, MalformedAnswerChangesNothing) {
  FiveStates();
  stub_.Script("?page=2", 200, {}, "[{\"ghsa_id\": \"GHSA-2222-aaaa-0003\", ");
  auto r = gh_->Pull(kSvcRepo);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().ToString().find("malformed JSON"), std::string::npos) << r.status().ToString();
  EXPECT_NE(r.status().ToString().find("page 2"), std::string::npos);
  EXPECT_TRUE(adv_->List(std::nullopt)->empty());
  // A well-formed answer of the wrong shape: the same.
  stub_.Script("security-advisories", 200, {}, R"([{"ghsa_id": "GHSA-2222-aaaa-0009", "state": "open"}])");
  r = gh_->Pull(kSvcRepo);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().ToString().find("state"), std::string::npos);
  EXPECT_TRUE(adv_->List(std::nullopt)->empty());
}

TEST_F(GithubServiceTest, RateLimitAndServerErrorsDuringAPull) {
  FiveStates();
  stub_.Script("?page=2", 502, {}, "bad gateway");
  stub_.Script("?page=3", 403, {{"X-RateLimit-Remaining", "0"}, {"X-RateLimit-Reset", std::to_string(std::time(nullptr) + 5)}},
               R"({"message":"API rate limit exceeded"})");
  auto r = gh_->Pull(kSvcRepo);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->created, 5);
  ASSERT_EQ(waits_.size(), 2u);
  EXPECT_EQ(waits_[0], 1);  // backoff after the 502
  EXPECT_GE(waits_[1], 4);  // until the reset
  EXPECT_LE(waits_[1], 7);
}

TEST_F(GithubServiceTest, TextPsirtCannotHoldIsAnErrorNotATruncation) {
  stub_.AddAdvisory(kSvcRepo, {{"ghsa_id", "GHSA-2222-aaaa-0006"}, {"summary", std::string(300, 'x')}});
  stub_.AddAdvisory(kSvcRepo, {{"ghsa_id", "GHSA-2222-aaaa-0007"}, {"summary", "fine"}});
  auto r = gh_->Pull(kSvcRepo);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->created, 1);
  ASSERT_EQ(r->errors.size(), 1u);
  EXPECT_NE(r->errors[0].find("GHSA-2222-aaaa-0006 summary"), std::string::npos) << r->errors[0];
}

TEST_F(GithubServiceTest, PullRequestsBecomeFixesOnTheirBranches) {
  ReportRequest req;
  req.title = "net: overflow";
  auto c = adv_->Report("alice", req);
  ASSERT_TRUE(c.ok());
  const std::string id = c->advisory.id;
  ASSERT_TRUE(adv_->LinkFix("alice", id, Fix{Fix::Kind::kPr, "77", "main"}).ok());
  const std::string merge(40, 'a'), c1(40, 'b'), c2(40, 'c');
  stub_.AddPull(kSvcRepo, {{"number", 77}, {"state", "closed"}, {"merged", true}, {"merged_at", "2026-11-03T10:00:00Z"},
                        {"merge_commit_sha", merge}, {"base", {{"ref", "main"}}}},
                {c1, c2});
  auto r = gh_->Prs(id);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->pulls, 1);
  Advisory a = Get(id);
  ASSERT_TRUE(a.github.pulls.contains("77"));
  EXPECT_TRUE(a.github.pulls["77"]["merged"].get<bool>());
  EXPECT_EQ(a.github.pulls["77"]["merge_commit_sha"], merge);
  EXPECT_EQ(a.github.pulls["77"]["commits"], json::array({c1, c2}));
  ASSERT_EQ(a.fixes.size(), 1u);
  EXPECT_EQ(a.fixes[0].branch, "main");
  size_t events = Events();
  ASSERT_TRUE(gh_->Prs(id).ok());
  EXPECT_EQ(Events(), events);  // unchanged PR: nothing recorded

  // The backport: not linked, but it says whose backport it is.
  stub_.AddPull(kSvcRepo, {{"number", 80}, {"state", "closed"}, {"merged", true}, {"merged_at", "2026-11-04T10:00:00Z"},
                        {"merge_commit_sha", std::string(40, 'd')}, {"base", {{"ref", "v3.6-branch"}}},
                        {"title", "[Backport v3.6-branch] net: overflow"}, {"body", "Backport 0123abc from #77."}},
                {std::string(40, 'e')});
  auto b = gh_->PullRequestChanged(kSvcRepo, 80);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  ASSERT_EQ(b->ids, std::vector<std::string>{id});
  a = Get(id);
  ASSERT_EQ(a.fixes.size(), 2u);
  EXPECT_EQ(a.fixes[1].ref, "80");
  EXPECT_EQ(a.fixes[1].branch, "v3.6-branch");
  EXPECT_TRUE(a.github.pulls.contains("80"));
  // A PR linked against the wrong branch is re-targeted to its base.
  ASSERT_TRUE(adv_->LinkFix("alice", id, Fix{Fix::Kind::kPr, "81", "main"}).ok());
  stub_.AddPull(kSvcRepo, {{"number", 81}, {"base", {{"ref", "v3.7-branch"}}}}, {std::string(40, 'f')});
  ASSERT_TRUE(gh_->Prs(id).ok());
  a = Get(id);
  ASSERT_EQ(a.fixes.size(), 3u);
  EXPECT_EQ(a.fixes[2].branch, "v3.7-branch");
  // An unrelated PR touches nothing.
  // Another project's ids, or ids of no advisory, are words like any other.
  stub_.AddPull(kSvcRepo, {{"number", 90}, {"title", "docs"}, {"body", "see #77, OTHER-2026-0001 and " + id.substr(0, id.size() - 4) + "9999"}}, {});
  events = Events();
  auto none = gh_->PullRequestChanged(kSvcRepo, 90);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->ids.empty());
  EXPECT_EQ(Events(), events);
}

TEST_F(GithubServiceTest, PublishAndRequestCve) {
  FiveStates();
  ASSERT_TRUE(gh_->Pull(kSvcRepo).ok());
  const std::string id = IdOf("GHSA-2222-aaaa-0002");
  auto early = gh_->Publish(id, true);
  ASSERT_FALSE(early.ok());
  EXPECT_NE(early.status().message().find("move"), std::string::npos);
  auto cve = gh_->RequestCve(id, false);
  ASSERT_TRUE(cve.ok());
  EXPECT_EQ(stub_.cve_requests(), 0);
  ASSERT_TRUE(gh_->RequestCve(id, true).ok());
  EXPECT_EQ(stub_.cve_requests(), 1);
  EXPECT_TRUE(Get(id).github.facts["cve_requested"].get<bool>());

  // Public in psirt: publishing the GHSA sends the state.
  for (State s : {State::kAssigned, State::kReview, State::kAccepted}) {
    MoveRequest m{s, "test"};
    if (s == State::kAssigned) {
      ASSERT_TRUE(adv_->Assign("alice", id, "bob").ok());
      ASSERT_TRUE(adv_->LinkFix("alice", id, Fix{Fix::Kind::kPr, "12", "main"}).ok());
    }
    else {
      auto moved = adv_->Move("alice", id, m);
      ASSERT_TRUE(moved.ok()) << moved.status().ToString();
    }
  }
  MoveRequest pub{State::kPublic, "fixed"};
  pub.no_cve_reason = "requested";
  pub.early_reason = "test";
  auto moved = adv_->Move("alice", id, pub);
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  auto plan = gh_->Publish(id, false);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->body["state"], "published");
  EXPECT_EQ(stub_.Advisory("GHSA-2222-aaaa-0002")["state"], "draft");
  ASSERT_TRUE(gh_->Publish(id, true).ok());
  EXPECT_EQ(stub_.Advisory("GHSA-2222-aaaa-0002")["state"], "published");
  size_t events = Events();
  auto r = gh_->Pull(kSvcRepo);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->conflicts.empty());
  EXPECT_EQ(Events(), events);
}

}  // namespace
}  // namespace psirt
