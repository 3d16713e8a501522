// The CVE 5, OSV and CSAF writers on their own: one Public advisory,
// each record's fields checked where the advisory put them (ids, titles
// without markup, CWE, CVSS with its score, credits, aliases, the GIT
// range of the fix commit, publication dates, draft markers).
#include <gtest/gtest.h>

#include "formats/csaf.h"
#include "formats/cve5.h"
#include "formats/osv.h"

namespace psirt {
namespace {

using nlohmann::json;

const std::string kFix(40, 'a');
const std::string kVector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";

class RecordWritersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    c_.project = "p";
    c_.cna = {"p-project", "p", "6b1c3f0e-8d2a-4c55-9a43-2f1e0b7d9c11", "", "p", {}};
    c_.publish.repository_url = "https://github.com/p/p";
    c_.releases.main_branch = "main";
    a_.id = "PSIRT-2026-0007";
    a_.year = 2026;
    a_.seq = 7;
    a_.state = State::kPublic;
    a_.title = "Overflow in ``net_buf_add``";
    a_.description = "A length is not checked.";
    a_.reported_on = *Date::Parse("2026-01-05");
    a_.public_on = *Date::Parse("2026-03-01");
    a_.cvss = kVector;
    a_.cvss_score = 9.8;
    a_.cvss_severity = "Critical";
    a_.cvss_version = "3.1";
    a_.cwes = {"CWE-787"};
    a_.cve_id = "CVE-2026-1234";
    a_.ghsa_id = "GHSA-2222-3333-4444";
    a_.credits = {{"Ada", "finder"}};
    Fix f;
    f.kind = Fix::Kind::kCommit;
    f.ref = kFix;
    f.branch = "main";
    a_.fixes = {f};
    a_.updated_at = Timestamp::FromUnix(1772400000);
  }
  WorkspaceConfig c_;
  Advisory a_;
};

TEST_F(RecordWritersTest, Cve5) {
  json r = AdvisoryToCve5(a_, {}, c_);
  EXPECT_EQ(r["dataVersion"], "5.1");
  const json& meta = r["cveMetadata"];
  EXPECT_EQ(meta["cveId"], "CVE-2026-1234");
  EXPECT_EQ(meta["assignerOrgId"], c_.cna.org_id);
  EXPECT_EQ(meta["assignerShortName"], "p");
  EXPECT_EQ(meta["state"], "PUBLISHED");
  EXPECT_EQ(meta["datePublished"].get<std::string>().substr(0, 10), "2026-03-01");
  const json& cna = r["containers"]["cna"];
  EXPECT_EQ(cna["title"], "Overflow in net_buf_add") << "no RST markup";
  EXPECT_EQ(cna["descriptions"][0]["value"], "A length is not checked.");
  EXPECT_EQ(cna["problemTypes"][0]["descriptions"][0]["cweId"], "CWE-787");
  EXPECT_EQ(cna["metrics"][0]["cvssV3_1"]["vectorString"], kVector);
  EXPECT_EQ(cna["metrics"][0]["cvssV3_1"]["baseScore"], 9.8);
  EXPECT_EQ(cna["metrics"][0]["cvssV3_1"]["baseSeverity"], "CRITICAL");
  EXPECT_EQ(cna["credits"][0]["value"], "Ada");
  EXPECT_EQ(cna["credits"][0]["type"], "finder");
  ASSERT_FALSE(cna["affected"].empty());
  bool fix_linked = false;
  for (const json& ref : cna["references"]) fix_linked |= ref["url"].get<std::string>().find(kFix) != std::string::npos;
  EXPECT_TRUE(fix_linked) << cna["references"].dump();
  json draft = AdvisoryToCve5(a_, {}, c_, /*draft=*/true);
  EXPECT_EQ(draft["containers"]["cna"]["title"].get<std::string>().rfind("DRAFT: ", 0), 0u);
}

TEST_F(RecordWritersTest, Osv) {
  json r = AdvisoryToOsv(a_, c_, {}, a_.updated_at);
  EXPECT_EQ(r["id"], "x_PSIRT-2026-0007") << "an unregistered prefix";
  EXPECT_EQ(r["aliases"], json::array({"CVE-2026-1234", "GHSA-2222-3333-4444"}));
  EXPECT_EQ(r["summary"], "Overflow in net_buf_add");
  EXPECT_EQ(r["details"], "A length is not checked.");
  EXPECT_EQ(r["published"], "2026-03-01T00:00:00Z");
  EXPECT_EQ(r["modified"], a_.updated_at.ToString());
  EXPECT_EQ(r["severity"][0]["type"], "CVSS_V3");
  EXPECT_EQ(r["severity"][0]["score"], kVector);
  // The fix commit closes a GIT range on the project's repository.
  bool git_range = false;
  for (const json& aff : r["affected"])
    for (const json& range : aff.value("ranges", json::array()))
      if (range["type"] == "GIT" && range["repo"] == "https://github.com/p/p")
        for (const json& e : range["events"]) git_range |= e.value("fixed", "") == kFix;
  EXPECT_TRUE(git_range) << r["affected"].dump();
  EXPECT_EQ(OsvId("GHSA-2222-3333-4444"), "GHSA-2222-3333-4444");
  json draft = AdvisoryToOsv(a_, c_, {}, a_.updated_at, /*draft=*/true);
  EXPECT_EQ(draft["summary"].get<std::string>().rfind("DRAFT: ", 0), 0u);
}

TEST_F(RecordWritersTest, Csaf) {
  Timestamp now = Timestamp::FromUnix(1780000000);
  json r = AdvisoryToCsaf(a_, {}, c_, now);
  const json& doc = r["document"];
  EXPECT_EQ(doc["category"], "csaf_security_advisory");
  EXPECT_EQ(doc["csaf_version"], "2.0");
  EXPECT_NE(doc["title"].get<std::string>().find("Overflow in net_buf_add"), std::string::npos);
  EXPECT_EQ(doc["tracking"]["status"], "final") << "published, not a draft";
  EXPECT_EQ(doc["tracking"]["initial_release_date"].get<std::string>().substr(0, 10), "2026-03-01");
  ASSERT_EQ(r["vulnerabilities"].size(), 1u);
  const json& v = r["vulnerabilities"][0];
  EXPECT_EQ(v["cve"], "CVE-2026-1234");
  EXPECT_EQ(v["cwe"]["id"], "CWE-787");
  EXPECT_EQ(v["notes"][0]["text"], "A length is not checked.");
  // No release facts: under investigation, never "every version affected".
  EXPECT_FALSE(v["product_status"].contains("known_affected")) << v["product_status"].dump();
  EXPECT_EQ(v["product_status"]["under_investigation"], json::array({"CSAFPID-ALL"}));
  json draft = AdvisoryToCsaf(a_, {}, c_, now, /*draft=*/true);
  EXPECT_EQ(draft["document"]["tracking"]["status"], "draft");
}

}  // namespace
}  // namespace psirt
