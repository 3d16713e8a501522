// `psirt github ...` as a user runs it: the psirt binary against the GitHub
// stand-in (its libcurl transport loaded from the network module), exit
// statuses, text and --json output, and a token never printed.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "testing/github_stub.h"
#include "testing/test_support.h"

namespace psirt {
namespace {

using nlohmann::json;
using testing::Psirt;

constexpr const char* kCliRepo = "zephyrproject-rtos/zephyr";

class GithubCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ws_ = dir_ / "ws";
    ASSERT_EQ(Psirt({"init", ws_, "--project", "p", "--prefix", "ZEPSEC"}).exit_code, 0);
    testing::WriteFile(dir_ / "token", stub_.token() + "\n");
    stub_.AddAdvisory(kCliRepo, {{"ghsa_id", "GHSA-2222-cccc-0001"}, {"state", "draft"}, {"summary", "net: UAF"},
                              {"cwe_ids", json::array({"CWE-416"})}});
    stub_.AddAdvisory(kCliRepo, {{"ghsa_id", "GHSA-2222-cccc-0002"}, {"state", "triage"}, {"summary", "bt: overflow"}});
  }
  // psirt --workspace WS ARGS --api-url STUB --token-file F (GitHub options after the subcommand).
  testing::RunResult Gh(std::vector<std::string> args, bool with_client_options = true,
                        const std::map<std::string, std::string>& env = {}) {
    std::vector<std::string> argv = {"--workspace", ws_, "--as", "alice"};
    argv.insert(argv.end(), args.begin(), args.end());
    if (with_client_options) argv.insert(argv.end(), {"--api-url", stub_.url(), "--token-file", dir_ / "token"});
    return Psirt(argv, ".", env);
  }
  void ExpectNoToken(const testing::RunResult& r) {
    EXPECT_EQ(r.out.find(stub_.token()), std::string::npos);
    EXPECT_EQ(r.err.find(stub_.token()), std::string::npos);
  }

  testing::TempDir dir_;
  std::string ws_;
  testing::GithubStub stub_;
};

TEST_F(GithubCliTest, PullPushResolve) {
  auto pulled = Gh({"--json", "github", "pull", "--repo", kCliRepo});
  ASSERT_EQ(pulled.exit_code, 0) << pulled.err;
  ExpectNoToken(pulled);
  json r = json::parse(pulled.out);
  EXPECT_EQ(r["created"], 2);
  const std::string id = r["ids"][0];
  auto show = Psirt({"--workspace", ws_, "--json", "show", id});
  json a = json::parse(show.out);
  EXPECT_EQ(a["ghsa_id"], "GHSA-2222-cccc-0001");
  EXPECT_EQ(a["state"], "Triage");
  EXPECT_EQ(a["cwes"], json::array({"CWE-416"}));

  // Unchanged: a second pull says so and records nothing.
  auto again = Gh({"github", "pull", "--repo", kCliRepo});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("0 created, 0 updated, 2 unchanged"), std::string::npos) << again.out;

  // A local change: the push shows the field diff and sends nothing without --apply.
  ASSERT_EQ(Psirt({"--workspace", ws_, "--as", "alice", "edit", id, "--title", "net: UAF in net_pkt"}).exit_code, 0);
  auto plan = Gh({"github", "push", id});
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  EXPECT_NE(plan.out.find("summary: \"net: UAF\" -> \"net: UAF in net_pkt\""), std::string::npos) << plan.out;
  EXPECT_NE(plan.out.find("--apply"), std::string::npos);
  EXPECT_EQ(stub_.Advisory("GHSA-2222-cccc-0001")["summary"], "net: UAF");
  auto sent = Gh({"github", "push", id, "--apply"});
  ASSERT_EQ(sent.exit_code, 0) << sent.err;
  EXPECT_EQ(stub_.Advisory("GHSA-2222-cccc-0001")["summary"], "net: UAF in net_pkt");

  // A conflict: exit 1 (something for a person), then resolved.
  ASSERT_EQ(Psirt({"--workspace", ws_, "--as", "alice", "edit", id, "--title", "ours"}).exit_code, 0);
  stub_.EditAdvisory("GHSA-2222-cccc-0001", {{"summary", "theirs"}});
  auto conflict = Gh({"github", "pull"}, true);
  EXPECT_EQ(conflict.exit_code, 2) << "no --repo and no github.repo: usage";
  conflict = Gh({"github", "pull", "--repo", kCliRepo});
  EXPECT_EQ(conflict.exit_code, 1) << conflict.out << conflict.err;
  EXPECT_NE(conflict.out.find("conflict: " + id + " summary"), std::string::npos) << conflict.out;
  auto resolve = Psirt({"--workspace", ws_, "--as", "alice", "github", "resolve", id, "summary", "--take", "theirs"});
  ASSERT_EQ(resolve.exit_code, 0) << resolve.err;
  EXPECT_NE(resolve.out.find("resolved: took theirs"), std::string::npos) << resolve.out;
  EXPECT_EQ(json::parse(Psirt({"--workspace", ws_, "--json", "show", id}).out)["title"], "theirs");
  auto history = Psirt({"--workspace", ws_, "history", id});
  EXPECT_NE(history.out.find("github-sync"), std::string::npos);
  ExpectNoToken(history);
}

TEST_F(GithubCliTest, TokenFromTheEnvironmentAndClearErrors) {
  // GITHUB_TOKEN instead of --token-file.
  auto env = Psirt({"--workspace", ws_, "github", "pull", "--repo", kCliRepo, "--api-url", stub_.url()}, ".",
                   {{"GITHUB_TOKEN", stub_.token()}});
  EXPECT_EQ(env.exit_code, 0) << env.err;
  // A wrong token: 401 named, the token not shown.
  testing::WriteFile(dir_ / "bad", "ghp_not_the_right_one_123\n");
  auto bad = Psirt({"--workspace", ws_, "github", "pull", "--repo", kCliRepo, "--api-url", stub_.url(), "--token-file", dir_ / "bad"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("401"), std::string::npos) << bad.err;
  EXPECT_EQ(bad.err.find("ghp_not_the_right_one"), std::string::npos);
  auto missing = Gh({"github", "pull", "--repo", kCliRepo, "--token-file", dir_ / "nope"}, false);
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("nope"), std::string::npos);
  auto url = Gh({"github", "pull", "--repo", kCliRepo, "--api-url", "ftp://x"}, false);
  EXPECT_EQ(url.exit_code, 2) << url.err;
  // (An unreachable API is retried with 15 s of backoff before it is reported:
  // GithubClientTest.NetworkErrorsAreRetriedThenReported checks it with the waits recorded.)
  for (const char* repo : {"../../etc", "o/r?x=1", "zephyr"}) {
    auto bad_repo = Gh({"github", "pull", "--repo", repo});
    EXPECT_EQ(bad_repo.exit_code, 2) << repo << bad_repo.err;
    EXPECT_NE(bad_repo.err.find("OWNER/NAME"), std::string::npos);
  }
  auto bad_ghsa = Gh({"github", "pull", "--repo", kCliRepo, "--ghsa", "GHSA-../../x"});
  EXPECT_EQ(bad_ghsa.exit_code, 2) << bad_ghsa.err;
  auto noghsa = Gh({"github", "push", "ZEPSEC-2026-0099"});
  EXPECT_EQ(noghsa.exit_code, 1);
  auto usage = Psirt({"--workspace", ws_, "github", "resolve", "ZEPSEC-2026-0001", "summary"});
  EXPECT_EQ(usage.exit_code, 2);  // --take is required
}

}  // namespace
}  // namespace psirt
