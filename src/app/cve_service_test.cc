// Tests of psirt as a CNA on CVE Services, through the CLI against the
// local stand-in (testing/cve_services_stub.h) on the demo workspace:
// reserve into the pool and assign from it; publish refused under embargo,
// a dry run printing the exact body, publish (created) and the send
// recorded as an event; update-all sending again only after the record
// changed (a backport PR); reject; credentials only from the environment
// or a private file, never printed.
#include "app/cve_service.h"

#include <gtest/gtest.h>

#include "testing/cve_services_stub.h"
#include "testing/test_support.h"

namespace psirt {
namespace {

using nlohmann::json;
using testing::RunResult;

class CveServicesCli : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(testing::Psirt({"demo", dir_ / "ws"}).exit_code, 0); }
  RunResult P(std::vector<std::string> args, bool with_url = true) {
    if (with_url) args.insert(args.end(), {"--api-url", stub_.url()});
    return testing::Psirt(args, dir_ / "ws",
                          {{"CVE_API_ORG", stub_.org()}, {"CVE_API_USER", stub_.user()}, {"CVE_API_KEY", stub_.key()},
                           {"PSIRT_USER", "alice@example.org"}});
  }
  json J(std::vector<std::string> args, bool with_url = true) {
    args.insert(args.begin(), "--json");
    RunResult r = P(args, with_url);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out, nullptr, false);
  }
  testing::TempDir dir_;
  testing::CveServicesStub stub_;
};

TEST_F(CveServicesCli, ReservePoolAndAssign) {
  json reserved = J({"cve", "reserve", "--count", "3", "--sequential", "--year", "2026"});
  ASSERT_EQ(reserved["cve_ids"].size(), 3u) << reserved;
  std::string first = reserved["cve_ids"][0]["cve_id"];
  json pool = J({"cve", "pool"}, false);
  ASSERT_EQ(pool["cve_ids"].size(), 3u);
  EXPECT_EQ(pool["cve_ids"][0]["state"], "RESERVED");
  EXPECT_EQ(pool["cve_ids"][0]["advisory"], "");

  // An advisory without a CVE id gets the pool's first free one.
  json list = J({"list"}, false);
  std::string without;
  for (const json& a : list)
    if (a["cve_id"].is_null() || a.value("cve_id", "").empty()) without = a["id"];
  ASSERT_FALSE(without.empty()) << list;
  json given = J({"cve", without, "--assign-reserved"}, false);
  EXPECT_EQ(given["cve"], first);
  EXPECT_EQ(J({"show", without}, false)["cve_id"], first);
  EXPECT_EQ(J({"cve", "pool"}, false)["cve_ids"][0]["advisory"], without);
  // Both an id and --assign-reserved, or neither: usage.
  EXPECT_EQ(P({"cve", without, "CVE-2026-1", "--assign-reserved"}, false).exit_code, 2);
  EXPECT_EQ(P({"cve", without}, false).exit_code, 2);

  json quota = J({"cve", "quota"});
  EXPECT_EQ(quota["total_reserved"], 3);
  json listed = J({"cve", "list", "--state", "reserved"});
  EXPECT_EQ(listed["cve_ids"].size(), 3u);
}

TEST_F(CveServicesCli, PublishDryRunUpdateAllAndReject) {
  stub_.AddReserved("CVE-2026-10001");  // TRS-2026-0001's id, reserved earlier
  // A dry run prints the exact request body and sends nothing.
  RunResult dry = P({"cve", "publish", "TRS-2026-0001", "--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  json body = json::parse(dry.out, nullptr, false);
  ASSERT_TRUE(body.contains("cnaContainer")) << dry.out;
  EXPECT_EQ(body["cnaContainer"]["providerMetadata"]["orgId"], stub_.org_uuid());
  EXPECT_FALSE(body["cnaContainer"]["affected"].empty());
  EXPECT_EQ(stub_.Id("CVE-2026-10001")["state"], "RESERVED");

  json sent = J({"cve", "publish", "TRS-2026-0001"});
  EXPECT_EQ(sent["records"][0]["action"], "created") << sent;
  EXPECT_EQ(stub_.Id("CVE-2026-10001")["state"], "PUBLISHED");
  EXPECT_EQ(stub_.Id("CVE-2026-10001")["record"], body["cnaContainer"]);  // what the dry run showed was sent
  RunResult shown = P({"show", "TRS-2026-0001"}, false);
  EXPECT_NE(P({"history", "TRS-2026-0001"}, false).out.find("CVE record CVE-2026-10001 created at 127.0.0.1:"), std::string::npos);

  // Nothing changed: update-all sends nothing.
  json again = J({"cve", "update-all"});
  ASSERT_EQ(again["records"].size(), 1u) << again;
  EXPECT_EQ(again["records"][0]["action"], "unchanged");
  size_t before = stub_.Requests().size();
  // A backport: the fix cherry-picked onto v1.2-branch and released as
  // v1.2.1; after sync the record's affected versions change and
  // update-all sends it again (PUT).
  std::string repo = dir_ / "ws/tinyrtos";
  std::string fix = testing::Chomp(
      testing::Run({"git", "-C", repo, "log", "main", "--format=%H", "--grep=check echo request length"}).out);
  ASSERT_EQ(fix.size(), 40u);
  ASSERT_EQ(testing::Run({"git", "-C", repo, "checkout", "-q", "v1.2-branch"}).exit_code, 0);
  ASSERT_EQ(testing::Run({"git", "-C", repo, "-c", "user.name=T", "-c", "user.email=t@example.org", "cherry-pick", "-x", fix})
                .exit_code, 0);
  ASSERT_EQ(testing::Run({"git", "-C", repo, "tag", "v1.2.1"}).exit_code, 0);
  ASSERT_EQ(testing::Run({"git", "-C", repo, "checkout", "-q", "main"}).exit_code, 0);
  RunResult synced = P({"sync"}, false);
  ASSERT_EQ(synced.exit_code, 0) << synced.err;
  json after = J({"cve", "update-all"});
  ASSERT_EQ(after["records"].size(), 1u);
  EXPECT_EQ(after["records"][0]["action"], "updated") << after;
  json versions = stub_.Id("CVE-2026-10001")["record"]["affected"][1]["versions"];
  EXPECT_NE(versions, body["cnaContainer"]["affected"][1]["versions"]);
  EXPECT_NE(versions.dump().find("\"1.2.1\""), std::string::npos) << versions;
  EXPECT_GT(stub_.Requests().size(), before);

  // Rejected: the record at the service and the event.
  ASSERT_EQ(P({"cve", "reject", "CVE-2026-10001", "--reason", "Duplicate of CVE-2026-10002"}).exit_code, 0);
  EXPECT_EQ(stub_.Id("CVE-2026-10001")["state"], "REJECTED");

  // The key never in a request line or body, nor in any output.
  for (const auto& r : stub_.Requests()) EXPECT_EQ((r.path + r.query + r.body).find(stub_.key()), std::string::npos);
  EXPECT_EQ((dry.out + dry.err).find(stub_.key()), std::string::npos);
}

TEST_F(CveServicesCli, EmbargoCredentialsAndErrors) {
  // An advisory not yet Public is refused unless --early with a reason.
  json list = J({"list"}, false);
  std::string embargoed;
  for (const json& a : list)
    if (a["state"] != "Public" && a["state"] != "Rejected" && (a["cve_id"].is_null() || a.value("cve_id", "").empty()))
      embargoed = a["id"];
  ASSERT_FALSE(embargoed.empty());
  stub_.AddReserved("CVE-2026-20001");
  ASSERT_EQ(P({"cve", embargoed, "CVE-2026-20001"}, false).exit_code, 0);
  RunResult refused = P({"cve", "publish", embargoed});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("under embargo"), std::string::npos) << refused.err;
  EXPECT_EQ(stub_.Id("CVE-2026-20001")["state"], "RESERVED");
  EXPECT_EQ(P({"cve", "publish", embargoed, "--early"}).exit_code, 2);  // --early needs --reason

  // No credentials: one clear usage error; a wrong key: 401 said, the key not.
  RunResult none = testing::Psirt({"cve", "quota", "--api-url", stub_.url()}, dir_ / "ws");
  EXPECT_EQ(none.exit_code, 2) << none.err;
  EXPECT_NE(none.err.find("CVE_API_KEY"), std::string::npos);
  RunResult wrong = testing::Psirt({"cve", "quota", "--api-url", stub_.url()}, dir_ / "ws",
                                   {{"CVE_API_ORG", stub_.org()}, {"CVE_API_USER", stub_.user()}, {"CVE_API_KEY", "wrong-key-77"}});
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_NE(wrong.err.find("401"), std::string::npos) << wrong.err;
  EXPECT_EQ(wrong.err.find("wrong-key-77"), std::string::npos);
  EXPECT_EQ(P({"cve", "quota", "--api-url", "http://cve.example.org/api"}, false).exit_code, 2);  // not https
  // The pool is the local workspace's: through a team server, refused rather than done locally.
  RunResult remote = P({"--server", "http://127.0.0.1:9", "cve", "pool"}, false);
  EXPECT_EQ(remote.exit_code, 2);
  EXPECT_NE(remote.err.find("not through --server"), std::string::npos) << remote.err;
}

}  // namespace
}  // namespace psirt
