// GitHub webhooks and the GitHub API endpoints on a real server (in
// process, 127.0.0.1) against the GitHub stand-in: signed, unsigned, wrongly
// signed, replayed and malformed deliveries; a merged backport PR that
// updates the fix status from the clone within seconds; the secret and the
// token nowhere in logs, answers or events.
#include <gtest/gtest.h>
#include <httplib.h>
#include <sodium.h>

#include <chrono>
#include <fstream>

#include "app/account_service.h"
#include "app/advisory_service.h"
#include "app/sync_service.h"
#include "app/workspace.h"
#include "app/github_webhooks.h"
#include "server/server.h"
#include "testing/github_stub.h"
#include "testing/test_support.h"

namespace psirt {
namespace {

using nlohmann::json;

constexpr const char* kHookRepo = "zephyrproject-rtos/zephyr";
constexpr const char* kHookSecret = "whsec-0123456789-abcdef-secret";

std::string Sign(const std::string& secret, const std::string& body) {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(body.data()), body.size());
  crypto_auth_hmacsha256_final(&st, mac);
  char hex[2 * sizeof mac + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return std::string("sha256=") + hex;
}

TEST(GithubSignatureTest, Verifies) {
  const std::string body = R"({"zen":"Design for failure."})";
  EXPECT_TRUE(VerifyGithubSignature(kHookSecret, body, Sign(kHookSecret, body)));
  EXPECT_FALSE(VerifyGithubSignature(kHookSecret, body, Sign("another-secret-of-16", body)));
  EXPECT_FALSE(VerifyGithubSignature(kHookSecret, body + " ", Sign(kHookSecret, body)));
  EXPECT_FALSE(VerifyGithubSignature(kHookSecret, body, ""));
  EXPECT_FALSE(VerifyGithubSignature(kHookSecret, body, "sha1=" + Sign(kHookSecret, body).substr(7)));
  EXPECT_FALSE(VerifyGithubSignature(kHookSecret, body, "sha256=" + std::string(64, 'z')));
  EXPECT_FALSE(VerifyGithubSignature("", body, Sign("", body)));
  // GitHub's documented example: secret "It's a Secret to Everybody", payload "Hello, World!".
  EXPECT_TRUE(VerifyGithubSignature("It's a Secret to Everybody", "Hello, World!",
                                    "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"));
}

class GithubHooksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The clone: a fix on main (#77) and, on v3.6-branch, a backport whose
    // change differs (no patch-id match, no trailer): only GitHub's word
    // that PR #80 is its backport can find it.
    repo_.Commit("net.c", "int x;\n", "initial");
    repo_.Git({"tag", "v3.6.0"});
    repo_.Git({"branch", "v3.6-branch"});
    main_fix_ = repo_.Commit("net.c", "int x;\nint bound;\n", "net: fix overflow (#77)");
    repo_.Git({"checkout", "-q", "v3.6-branch"});
    backport_ = repo_.Commit("net.c", "int x;\nint bound_36;\n", "[Backport v3.6-branch] net: fix overflow");
    repo_.Git({"checkout", "-q", "main"});

    InitOptions init;
    init.config.project = "testproj";
    init.config.advisory_prefix = "PSIRT";
    init.config.repository = repo_.dir();
    auto ws = InitWorkspace(dir_.path(), init);
    ASSERT_TRUE(ws.ok()) << ws.status().ToString();
    testing::WriteFile(dir_ / "hook-secret", std::string(kHookSecret) + "\n");
    testing::WriteFile(dir_ / "gh-token", stub_.token() + "\n");
    std::ofstream(dir_ / "psirt.yml", std::ios::app)
        << "github:\n  repo: " << kHookRepo << "\n  api_url: " << stub_.url()
        << "\n  token_file: gh-token\n  webhook_secret_file: hook-secret\n";
    auto opened = OpenWorkspace(dir_.path());
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    AccountService accounts = opened->Accounts(clock_);
    ASSERT_TRUE(accounts.Add({"psirt", Role::kPsirt, "lead", "", {}}).ok());
    ASSERT_TRUE(accounts.Add({"maint", Role::kMaintainer, "maint", "", {}}).ok());
    psirt_token_ = *accounts.IssueToken("psirt");
    maint_token_ = *accounts.IssueToken("maint");
    AdvisoryService svc = opened->Advisories(clock_);
    ReportRequest r;
    r.title = "net: overflow";
    r.reported_on = *Date::Parse("2026-11-01");
    r.to_triage = true;
    id_ = svc.Report("lead", r)->advisory.id;
    ASSERT_TRUE(svc.Assign("lead", id_, "lead").ok());
    ASSERT_TRUE(svc.LinkFix("lead", id_, Fix{Fix::Kind::kPr, "77", "main"}).ok());
    auto sync = opened->Sync(clock_);
    ASSERT_TRUE(sync.ok()) << sync.status().ToString();
    ASSERT_TRUE(sync->Sync().ok());

    ServerOptions o;
    o.port = 0;
    o.threads = 4;
    o.access_log = &log_;
    o.run_jobs = false;
    auto server = Server::Create(dir_.path(), o, clock_);
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(server).value();
    port_ = *server_->Bind();
    thread_ = std::thread([this] { (void)server_->Serve(); });
  }
  void TearDown() override {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
  }

  httplib::Result Deliver(const std::string& event, const std::string& delivery, const std::string& body,
                          const std::string& signature) {
    httplib::Client c("127.0.0.1", port_);
    httplib::Headers h = {{"X-GitHub-Event", event}, {"X-GitHub-Delivery", delivery}};
    if (!signature.empty()) h.emplace("X-Hub-Signature-256", signature);
    return c.Post("/hooks/github", h, body, "application/json");
  }
  json Advisory(const std::string& id) {
    httplib::Client c("127.0.0.1", port_);
    auto r = c.Get("/api/v1/advisories/" + id, {{"Authorization", "Bearer " + psirt_token_}});
    EXPECT_EQ(r->status, 200) << r->body;
    return json::parse(r->body);
  }
  size_t EventCount() {
    auto ws = OpenWorkspace(dir_.path());
    AdvisoryService svc = ws->Advisories(clock_);
    size_t n = 0;
    auto all = svc.All();
    for (const auto& f : *all) n += f.history.size();
    return n;
  }
  std::string StoredText() {
    auto ws = OpenWorkspace(dir_.path());
    AdvisoryService svc = ws->Advisories(clock_);
    std::string s;
    auto all = svc.All();
    for (const auto& f : *all)
      for (const Event& e : f.history) s += e.payload.dump();
    return s;
  }
  json AdvisoryDelivery(const std::string& ghsa) {
    return {{"action", "reported"},
            {"repository_advisory", stub_.Advisory(ghsa)},
            {"repository", {{"full_name", kHookRepo}}},
            {"sender", {{"login", "finder"}}}};
  }

  testing::TempDir dir_;
  testing::GitRepo repo_;
  testing::GithubStub stub_;
  FixedClock clock_{Timestamp::StartOf(*Date::Parse("2026-11-20"))};
  std::ostringstream log_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  int port_ = 0;
  std::string psirt_token_, maint_token_, id_, main_fix_, backport_;
};

TEST_F(GithubHooksTest, OnlySignedDeliveriesAreRead) {
  stub_.AddAdvisory(kHookRepo, {{"ghsa_id", "GHSA-2222-bbbb-0001"}, {"summary", "L2CAP overflow"}});
  const std::string body = AdvisoryDelivery("GHSA-2222-bbbb-0001").dump();
  size_t events = EventCount();
  for (const std::string& sig : {std::string(), Sign("wrong-secret-of-some-length", body), std::string("sha256=00"),
                                 Sign(kHookSecret, body + "\n")}) {
    auto r = Deliver("repository_advisory", "11111111-2222-3333-4444-555555555555", body, sig);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401) << sig;
  }
  EXPECT_EQ(EventCount(), events);
  EXPECT_TRUE(stub_.Requests().empty());  // nothing was even looked up

  auto ok = Deliver("repository_advisory", "11111111-2222-3333-4444-555555555555", body, Sign(kHookSecret, body));
  ASSERT_TRUE(ok);
  ASSERT_EQ(ok->status, 200) << ok->body;
  json answer = json::parse(ok->body);
  EXPECT_EQ(answer["pull"]["created"], 1);
  const std::string created = answer["pull"]["ids"][0];
  json a = Advisory(created);
  EXPECT_EQ(a["ghsa_id"], "GHSA-2222-bbbb-0001");
  EXPECT_EQ(a["title"], "L2CAP overflow");
  EXPECT_EQ(stub_.Requests().size(), 1u);

  // The same delivery again (GitHub redelivers): answered, nothing repeated.
  size_t after = EventCount();
  auto replay = Deliver("repository_advisory", "11111111-2222-3333-4444-555555555555", body, Sign(kHookSecret, body));
  ASSERT_EQ(replay->status, 200);
  EXPECT_TRUE(json::parse(replay->body)["duplicate"].get<bool>());
  EXPECT_EQ(EventCount(), after);
  EXPECT_EQ(stub_.Requests().size(), 1u);

  // A new delivery about a change on GitHub: the same pull, for that one advisory.
  stub_.EditAdvisory("GHSA-2222-bbbb-0001", {{"description", "now with details"}});
  const std::string body2 = AdvisoryDelivery("GHSA-2222-bbbb-0001").dump();
  auto second = Deliver("repository_advisory", "11111111-2222-3333-4444-666666666666", body2, Sign(kHookSecret, body2));
  ASSERT_EQ(second->status, 200) << second->body;
  EXPECT_EQ(Advisory(created)["description"], "now with details");

  // Signed but malformed, or an event psirt does not read: 400, nothing recorded.
  after = EventCount();
  for (auto [event, text] : std::vector<std::pair<std::string, std::string>>{
           {"repository_advisory", "{\"action\": "}, {"issues", "{}"}, {"pull_request", "{\"pull_request\": 5}"}}) {
    auto bad = Deliver(event, "11111111-2222-3333-4444-777777777777", text, Sign(kHookSecret, text));
    EXPECT_EQ(bad->status, 400) << event << " " << bad->body;
  }
  EXPECT_EQ(EventCount(), after);
  auto ping = Deliver("ping", "11111111-2222-3333-4444-888888888888", "{\"zen\":\"x\",\"hook_id\":1}",
                      Sign(kHookSecret, "{\"zen\":\"x\",\"hook_id\":1}"));
  EXPECT_EQ(ping->status, 200);
  auto no_id = Deliver("ping", "", "{}", Sign(kHookSecret, "{}"));
  EXPECT_EQ(no_id->status, 400);

  const std::string log = log_.str();
  EXPECT_NE(log.find("/hooks/github"), std::string::npos);
  for (const std::string& s : {log, StoredText()}) {
    EXPECT_EQ(s.find(kHookSecret), std::string::npos);
    EXPECT_EQ(s.find(stub_.token()), std::string::npos);
  }
}

TEST_F(GithubHooksTest, MergedBackportPrUpdatesTheStatusWithinSeconds) {
  auto branch_status = [](const json& a) {
    for (const auto& b : a["fix_status"]["branches"])
      if (b["branch"] == "v3.6-branch") return b["status"].get<std::string>();
    return std::string("?");
  };
  json before = Advisory(id_);
  ASSERT_EQ(branch_status(before), "missing") << before.dump();
  stub_.AddPull(kHookRepo, {{"number", 77}, {"state", "closed"}, {"merged", true}, {"merge_commit_sha", main_fix_},
                        {"base", {{"ref", "main"}}}},
                {main_fix_});
  json pr80 = {{"number", 80},
               {"state", "closed"},
               {"merged", true},
               {"merged_at", "2026-11-20T09:00:00Z"},
               {"merge_commit_sha", backport_},
               {"base", {{"ref", "v3.6-branch"}}},
               {"title", "[Backport v3.6-branch] net: fix overflow"},
               {"body", "Backport 1a2b3c4 from #77."}};
  stub_.AddPull(kHookRepo, pr80, {backport_});
  json delivery = {{"action", "closed"}, {"number", 80}, {"pull_request", pr80},
                   {"repository", {{"full_name", kHookRepo}}}};
  delivery["pull_request"]["html_url"] = "https://github.com/zephyrproject-rtos/zephyr/pull/80";
  const std::string body = delivery.dump();
  auto start = std::chrono::steady_clock::now();
  auto r = Deliver("pull_request", "22222222-2222-3333-4444-555555555555", body, Sign(kHookSecret, body));
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  json answer = json::parse(r->body);
  EXPECT_EQ(answer["prs"]["ids"], json::array({id_}));
  EXPECT_TRUE(answer["sync"]["ok"].get<bool>()) << answer.dump();
  EXPECT_LT(seconds, 5.0);
  json after = Advisory(id_);
  EXPECT_EQ(branch_status(after), "merged") << after["fix_status"].dump();
  bool linked = false;
  for (const auto& f : after["fixes"]) linked = linked || (f["ref"] == "80" && f["branch"] == "v3.6-branch");
  EXPECT_TRUE(linked) << after["fixes"].dump();
}

TEST_F(GithubHooksTest, ApiEndpointsArePsirtOnlyAndResolveWorks) {
  stub_.AddAdvisory(kHookRepo, {{"ghsa_id", "GHSA-2222-bbbb-0002"}, {"summary", "from GitHub"}, {"state", "draft"}});
  httplib::Client c("127.0.0.1", port_);
  auto denied = c.Post("/api/v1/github/pull", {{"Authorization", "Bearer " + maint_token_}}, "{}", "application/json");
  EXPECT_EQ(denied->status, 403);
  auto anon = c.Post("/api/v1/github/pull", "{}", "application/json");
  EXPECT_EQ(anon->status, 401);
  EXPECT_TRUE(stub_.Requests().empty());
  httplib::Headers auth = {{"Authorization", "Bearer " + psirt_token_}};
  auto pulled = c.Post("/api/v1/github/pull", auth, "{}", "application/json");
  ASSERT_EQ(pulled->status, 200) << pulled->body;
  const std::string id = json::parse(pulled->body)["ids"][0];
  // The CLI with --server asks the server, which uses its own GitHub token.
  auto remote = testing::Psirt({"--server", "http://127.0.0.1:" + std::to_string(port_), "--json", "github", "pull"}, ".",
                               {{"PSIRT_TOKEN", psirt_token_}});
  ASSERT_EQ(remote.exit_code, 0) << remote.err;
  EXPECT_EQ(json::parse(remote.out)["unchanged"], 1);
  auto remote_flags = testing::Psirt({"--server", "http://127.0.0.1:" + std::to_string(port_), "github", "pull", "--token-file", "x"},
                                     ".", {{"PSIRT_TOKEN", psirt_token_}});
  EXPECT_EQ(remote_flags.exit_code, 2) << remote_flags.err;
  // A conflict: both sides change the summary.
  auto edit = c.Patch("/api/v1/advisories/" + id, auth, R"({"title":"ours"})", "application/json");
  ASSERT_EQ(edit->status, 200) << edit->body;
  stub_.EditAdvisory("GHSA-2222-bbbb-0002", {{"summary", "theirs"}});
  pulled = c.Post("/api/v1/github/pull", auth, "{}", "application/json");
  ASSERT_EQ(pulled->status, 200);
  EXPECT_EQ(json::parse(pulled->body)["conflicts"].size(), 1u);
  auto plan = c.Post("/api/v1/advisories/" + id + "/github/push", auth, "{}", "application/json");
  ASSERT_EQ(plan->status, 200) << plan->body;
  EXPECT_EQ(json::parse(plan->body)["held"].size(), 1u);
  // The dashboard shows the GHSA, the conflict and the two choices.
  auto page = c.Get("/advisories/" + id, auth);
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("id=\"github-conflicts\""), std::string::npos);
  EXPECT_NE(page->body.find("GHSA-2222-bbbb-0002"), std::string::npos);
  EXPECT_NE(page->body.find("Keep psirt&#39;s"), std::string::npos) << page->body.substr(0, 200);
  EXPECT_NE(page->body.find("/github-resolve"), std::string::npos);
  EXPECT_NE(page->body.find("Preview GHSA update"), std::string::npos);
  EXPECT_NE(c.Get("/jobs", auth)->body.find("Pull GitHub advisories of zephyrproject-rtos/zephyr now"), std::string::npos);
  auto bad = c.Post("/api/v1/advisories/" + id + "/github/resolve", auth, R"({"field":"summary","take":"both"})", "application/json");
  EXPECT_EQ(bad->status, 400);
  auto resolved = c.Post("/api/v1/advisories/" + id + "/github/resolve", auth, R"({"field":"summary","take":"ours"})", "application/json");
  ASSERT_EQ(resolved->status, 200) << resolved->body;
  EXPECT_EQ(json::parse(resolved->body)["events"][0]["actor"], "psirt");
  auto push = c.Post("/api/v1/advisories/" + id + "/github/push", auth, R"({"apply":true})", "application/json");
  ASSERT_EQ(push->status, 200) << push->body;
  EXPECT_TRUE(json::parse(push->body)["applied"].get<bool>());
  EXPECT_EQ(stub_.Advisory("GHSA-2222-bbbb-0002")["summary"], "ours");
  // A maintainer who may not see it gets what a missing advisory gets.
  auto hidden = c.Post("/api/v1/advisories/" + id + "/github/resolve", {{"Authorization", "Bearer " + maint_token_}},
                       R"({"field":"summary","take":"ours"})", "application/json");
  EXPECT_EQ(hidden->status, 404);
  for (const auto& req : stub_.Requests()) EXPECT_EQ(req.authorization, "Bearer " + stub_.token());
  EXPECT_EQ(log_.str().find(stub_.token()), std::string::npos);
}

}  // namespace
}  // namespace psirt
