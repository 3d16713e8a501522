// Tests of the CVE Services client over real HTTP against the local
// stand-in (testing/cve_services_stub.h): reservations against the quota,
// publish then update (CVE_RECORD_EXISTS -> PUT), the service's schema
// errors, rejections, lists over several pages, 401 and 500-then-success,
// an unreachable service, and the API key only ever in its header.
#include "net/cve_services_client.h"

#include <sys/stat.h>

#include <cstdlib>

#include <gtest/gtest.h>

#include "testing/cve_services_stub.h"
#include "testing/test_support.h"

namespace psirt {
namespace {

using nlohmann::json;

struct CveWorld {
  testing::CveServicesStub stub;
  std::vector<double> slept;
  CveServicesClient Client(std::string key = "") {
    CveServicesOptions o;
    o.api_url = stub.url();
    o.credentials = {stub.org(), stub.user(), key.empty() ? stub.key() : key};
    o.max_retries = 2;
    return CveServicesClient(o, SendHttp, [this](double s) { slept.push_back(s); });
  }
  // A CNA container the CVE 5.1.1 schema accepts; `fixed` is the first fixed version.
  json Container(const std::string& fixed) const {
    return {{"providerMetadata", {{"orgId", stub.org_uuid()}}},
            {"title", "BT: buffer overflow in the L2CAP reassembly"},
            {"descriptions", json::array({{{"lang", "en"}, {"value", "A buffer overflow in Zephyr's Bluetooth L2CAP."}}})},
            {"affected", json::array({{{"vendor", "zephyrproject-rtos"}, {"product", "zephyr"},
                                       {"defaultStatus", "unaffected"},
                                       {"versions", json::array({{{"version", "3.5.0"}, {"lessThan", fixed},
                                                                  {"status", "affected"}, {"versionType", "semver"}}})}}})},
            {"references", json::array({{{"url", "https://github.com/zephyrproject-rtos/zephyr/security/advisories/GHSA-2222-3333-4444"}}})}};
  }
};

TEST(CveServicesClient, ReservePublishUpdateAndReject) {
  CveWorld w;
  CveServicesClient c = w.Client();
  std::optional<int> remaining;
  auto one = c.Reserve(1, 2026, true, &remaining);
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ((*one)[0].state, "RESERVED");
  EXPECT_EQ((*one)[0].year, "2026");
  EXPECT_EQ(remaining, 99);
  auto three = c.Reserve(3, 2026, true, &remaining);
  ASSERT_TRUE(three.ok()) << three.status().ToString();
  EXPECT_EQ(three->size(), 3u);
  EXPECT_EQ(remaining, 96);
  std::vector<testing::CveServicesStub::Request> reqs = w.stub.Requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[0].query.find("batch_type"), std::string::npos);  // not for one id
  EXPECT_NE(reqs[1].query.find("batch_type=sequential"), std::string::npos) << reqs[1].query;
  EXPECT_NE(reqs[1].query.find("short_name=zephyr"), std::string::npos);

  auto org = c.OrgId();
  ASSERT_TRUE(org.ok());
  EXPECT_EQ(*org, w.stub.org_uuid());

  // Publish, then publish again after a backport: the record exists, so it is updated.
  std::string id = (*one)[0].cve_id;
  auto created = c.Publish(id, w.Container("3.7.0"));
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_FALSE(created->updated);
  EXPECT_EQ(w.stub.Id(id)["state"], "PUBLISHED");
  auto updated = c.Publish(id, w.Container("3.6.1"));
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_TRUE(updated->updated);
  EXPECT_EQ(w.stub.Id(id)["record"]["affected"][0]["versions"][0]["lessThan"], "3.6.1");
  reqs = w.stub.Requests();
  ASSERT_GE(reqs.size(), 3u);
  EXPECT_EQ(reqs[reqs.size() - 2].status, 400);  // CVE_RECORD_EXISTS
  EXPECT_EQ(reqs.back().method, "PUT");

  // The service's schema errors come back in the message.
  json bad = w.Container("3.7.0");
  bad.erase("affected");
  auto refused = c.Publish((*three)[0].cve_id, bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Status::Code::kInvalid);
  EXPECT_NE(refused.status().message().find("BAD_INPUT"), std::string::npos) << refused.status().message();
  EXPECT_NE(refused.status().message().find("affected"), std::string::npos) << refused.status().message();

  // A published record is rejected with its reason; an unused reservation given back.
  ASSERT_TRUE(c.RejectRecord(id, "Duplicate of CVE-2026-0001").ok());
  EXPECT_EQ(w.stub.Id(id)["state"], "REJECTED");
  EXPECT_EQ(w.stub.Id(id)["record"]["rejectedReasons"][0]["value"], "Duplicate of CVE-2026-0001");
  ASSERT_TRUE(c.RejectReservation((*three)[1].cve_id).ok());
  EXPECT_EQ(w.stub.Id((*three)[1].cve_id)["state"], "REJECTED");
  EXPECT_FALSE(c.RejectReservation((*three)[1].cve_id).ok());  // only a RESERVED id

  auto quota = c.Quota();
  ASSERT_TRUE(quota.ok());
  EXPECT_EQ((*quota)["id_quota"], 100);
  EXPECT_EQ((*quota)["total_reserved"], 2);

  // The key only ever in its header.
  for (const auto& r : w.stub.Requests()) {
    EXPECT_TRUE(r.key_in_header) << r.path;
    EXPECT_EQ((r.path + r.query + r.body).find(w.stub.key()), std::string::npos) << r.path;
  }
}

TEST(CveServicesClient, ListsFollowPagesAndStateFilters) {
  CveWorld w;
  CveServicesClient c = w.Client();
  ASSERT_TRUE(c.Reserve(5, 2026, false).ok());
  w.stub.SetPageSize(2);
  size_t before = w.stub.Requests().size();
  auto all = c.List();
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(all->size(), 5u);
  EXPECT_EQ(w.stub.Requests().size() - before, 3u);  // pages 1, 2, 3
  std::set<std::string> ids;
  for (const CveIdInfo& i : *all) ids.insert(i.cve_id);
  EXPECT_EQ(ids.size(), 5u);
  ASSERT_TRUE(c.RejectReservation(*ids.begin()).ok());
  auto reserved = c.List("reserved");
  ASSERT_TRUE(reserved.ok());
  EXPECT_EQ(reserved->size(), 4u);
  auto rejected = c.List("rejected");
  ASSERT_TRUE(rejected.ok());
  ASSERT_EQ(rejected->size(), 1u);
  EXPECT_EQ((*rejected)[0].cve_id, *ids.begin());
  EXPECT_NE(w.stub.Requests().back().query.find("state=REJECTED"), std::string::npos);
}

TEST(CveServicesClient, ErrorsRetriesAndCredentials) {
  CveWorld w;
  // A wrong key: 401, said clearly, the key in no message.
  CveServicesClient wrong = w.Client("not-the-key-123");
  auto denied = wrong.Reserve(1, 2026, true);
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.status().code(), Status::Code::kDenied);
  EXPECT_NE(denied.status().message().find("refused the credentials (401)"), std::string::npos) << denied.status().message();
  EXPECT_EQ(denied.status().message().find("not-the-key-123"), std::string::npos);

  // 500, then success: retried after a backoff.
  CveServicesClient c = w.Client();
  w.stub.Script("/cve-id", 500, R"({"error":"INTERNAL","message":"try again"})");
  auto ok = c.Reserve(1, 2026, true);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(w.slept, std::vector<double>{1});
  // Three 503s: the retries run out, one Io error.
  for (int i = 0; i < 3; ++i) w.stub.Script("/id_quota", 503, "");
  auto gone = c.Quota();
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.status().code(), Status::Code::kIo);
  EXPECT_EQ(gone.status().message(), "CVE Services at " + w.stub.url().substr(7, w.stub.url().size() - 11) +
                                         " answered 503 to GET /org/zephyr/id_quota");
  // 404 and 403 as the service words them.
  auto missing = c.Publish("CVE-2026-9999", w.Container("3.7.0"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), Status::Code::kNotFound);
  EXPECT_NE(missing.status().message().find("CVE_ID_NOT_FOUND"), std::string::npos) << missing.status().message();
  w.stub.SetQuota(1);
  auto over = c.Reserve(2, 2026, true);
  ASSERT_FALSE(over.ok());
  EXPECT_NE(over.status().message().find("EXCEEDED_ID_QUOTA"), std::string::npos) << over.status().message();

  // Unreachable: retried, then one Io error naming the host.
  CveServicesOptions o;
  o.api_url = "http://127.0.0.1:1/api";
  o.credentials = {"zephyr", "u", "k"};
  o.max_retries = 1;
  std::vector<double> slept;
  CveServicesClient down(o, SendHttp, [&](double s) { slept.push_back(s); });
  auto unreachable = down.Quota();
  ASSERT_FALSE(unreachable.ok());
  EXPECT_EQ(unreachable.status().code(), Status::Code::kIo);
  EXPECT_NE(unreachable.status().message().find("CVE Services at 127.0.0.1:1 could not be reached"), std::string::npos)
      << unreachable.status().message();
  EXPECT_EQ(slept.size(), 1u);
  // No credentials: a usage error before any request.
  CveServicesClient none({}, SendHttp);
  EXPECT_EQ(none.Quota().status().code(), Status::Code::kUsage);
}

TEST(CveServicesClient, CredentialsFromTheEnvironmentOrAPrivateFile) {
  testing::TempDir dir;
  ::unsetenv("CVE_API_ORG"), ::unsetenv("CVE_API_USER"), ::unsetenv("CVE_API_KEY");
  std::string file = dir / "cve-credentials";
  testing::WriteFile(file, "# CVE Services\nORG=zephyr\nUSER=bot@zephyrproject.org\nKEY=s3cret-key\n");
  ::chmod(file.c_str(), 0644);
  auto open = LoadCveCredentials(file);
  ASSERT_FALSE(open.ok());
  EXPECT_EQ(open.status().message(), file + ": the credentials file is readable by others (mode 644); chmod 600 it");
  ::chmod(file.c_str(), 0600);
  auto c = LoadCveCredentials(file);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->org, "zephyr");
  EXPECT_EQ(c->key, "s3cret-key");
  // The environment wins, value by value.
  ::setenv("CVE_API_KEY", "env-key", 1);
  c = LoadCveCredentials(file);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->key, "env-key");
  EXPECT_EQ(c->user, "bot@zephyrproject.org");
  ::unsetenv("CVE_API_KEY");

  testing::WriteFile(file, "ORG=zephyr\nUSER=u\n");
  ::chmod(file.c_str(), 0600);
  EXPECT_EQ(LoadCveCredentials(file).status().message(), file + ": no KEY= line (nor CVE_API_KEY set)");
  testing::WriteFile(file, "ORG=zephyr\npassword s3cret\n");
  auto bad = LoadCveCredentials(file);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().line(), 2);
  EXPECT_EQ(bad.status().ToString().find("s3cret"), std::string::npos) << bad.status().ToString();
  EXPECT_EQ(LoadCveCredentials("").status().code(), Status::Code::kUsage);
  EXPECT_EQ(LoadCveCredentials(dir / "none").status().code(), Status::Code::kNotFound);
}

}  // namespace
}  // namespace psirt
