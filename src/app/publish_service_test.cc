// Publishing over a real store: the real Zephyr vulnerabilities pages
// imported and written back byte for byte, idempotent imports, CVE 5
// imports matched by CVE id, schema-valid exports (CVE 5, OSV, CSAF) from
// imported and git-synced advisories, refusals listing what is missing, and
// release notes.
#include "app/publish_service.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "app/demo.h"
#include "app/workspace.h"
#include "formats/zephyr_rst.h"
#include "testing/test_support.h"

namespace psirt {
namespace {

const int kYears[] = {2017, 2019, 2020, 2021, 2022, 2023, 2024, 2025};

std::string PagePath(int year) {
  return testing::SharedData("zephyr/doc/security/vulnerabilities/" + std::to_string(year) + ".rst");
}

class PublishTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitOptions o;
    o.config.project = "Zephyr";
    o.config.advisory_prefix = "ZEP";
    o.config.cna = {"zephyrproject-rtos", "Zephyr", "e2e69745-5e70-4e92-8431-deb5529a81ad", "", "zephyr"};
    o.config.publish.repository_url = "https://github.com/zephyrproject-rtos/zephyr";
    o.config.publish.tracker_label = "Zephyr project bug tracker";
    o.config.publish.vulnerabilities_url = "https://docs.zephyrproject.org/latest/security/vulnerabilities.html";
    auto ws = InitWorkspace(dir_.path(), o);
    ASSERT_TRUE(ws.ok()) << ws.status().ToString();
    ws_ = std::make_unique<Workspace>(std::move(ws).value());
    svc_ = std::make_unique<PublishService>(*ws_->store, ws_->config, clock_, "");
  }
  std::vector<InputFile> Pages() {
    std::vector<InputFile> files;
    for (int y : kYears) files.push_back({PagePath(y), testing::ReadFile(PagePath(y))});
    return files;
  }
  std::vector<AdvisorySummary> All() {
    AdvisoryService a(*ws_->store, ws_->config, clock_);
    return *a.List(std::nullopt);
  }

  testing::TempDir dir_;
  FixedClock clock_{Timestamp::StartOf(*Date::Parse("2026-11-24"))};
  std::unique_ptr<Workspace> ws_;
  std::unique_ptr<PublishService> svc_;
};

TEST_F(PublishTest, ZephyrPagesRoundTripByteForByte) {
  auto r = svc_->ImportZephyrRst(Pages());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->created, 114);
  for (int y : kYears) {
    auto page = svc_->ExportRstYear(y);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    EXPECT_EQ(*page, testing::ReadFile(PagePath(y))) << y;
  }
  // Importing the same pages again changes nothing.
  auto again = svc_->ImportZephyrRst(Pages());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->created, 0);
  EXPECT_EQ(again->updated, 0);
  EXPECT_EQ(again->unchanged, 114);
}

TEST_F(PublishTest, OlderPagesLoseNothing) {
  ASSERT_TRUE(svc_->ImportZephyrRst(Pages()).ok());
  AdvisoryService adv(*ws_->store, ws_->config, clock_);
  for (int y : {2017, 2019, 2020, 2021}) {
    std::string text = testing::ReadFile(PagePath(y));
    auto page = ParseVulnerabilityPage(text, PagePath(y));
    ASSERT_TRUE(page.ok());
    for (const RstEntry& e : page->entries) {
      // Everything the advisory holds, as one string to search.
      std::string held;
      std::string id;
      for (const auto& s : All())
        if (s.cve_id == e.cve) id = s.id;
      ASSERT_FALSE(id.empty()) << e.cve;
      Advisory a = *adv.Get(id);
      held += a.cve_id + "\n" + a.title + "\n" + a.description + "\n" + a.fixed_statement + "\n" + a.page_notes;
      for (const Fix& f : a.fixes) held += "\nPR " + f.ref + " " + f.label + " " + f.url;
      for (const Reference& x : a.references) held += "\n" + x.name + " " + x.url;
      // Every URL and PR number of the published entry is among the fields.
      static const std::regex kUrl("<(https?://[^>]+)>"), kPr("PR ?(\\d+)");
      for (std::sregex_iterator it(e.source.begin(), e.source.end(), kUrl), end; it != end; ++it)
        EXPECT_NE(held.find((*it)[1].str()), std::string::npos) << e.cve << " lost " << (*it)[1];
      for (std::sregex_iterator it(e.source.begin(), e.source.end(), kPr), end; it != end; ++it)
        EXPECT_NE(held.find((*it)[1].str()), std::string::npos) << e.cve << " lost PR " << (*it)[1];
      EXPECT_EQ(a.title, e.title);
    }
  }
}

TEST_F(PublishTest, ChangedEntryIsRegeneratedOthersKeepTheirText) {
  ASSERT_TRUE(svc_->ImportZephyrRst(Pages()).ok());
  AdvisoryService adv(*ws_->store, ws_->config, clock_);
  std::string id;
  for (const auto& s : All())
    if (s.cve_id == "CVE-2022-1041") id = s.id;
  ASSERT_FALSE(id.empty());
  ASSERT_TRUE(adv.LinkFix("team", id, Fix{Fix::Kind::kPr, "50000", "v3.1-branch"}).ok());
  auto page = svc_->ExportRstYear(2022);
  ASSERT_TRUE(page.ok());
  std::string original = testing::ReadFile(PagePath(2022));
  EXPECT_NE(*page, original);
  EXPECT_NE(page->find("- `PR 50000 fix for 3.1\n  <https://github.com/zephyrproject-rtos/zephyr/pull/50000>`_\n"),
            std::string::npos);
  // The regenerated entry is in the current format (tracker link first).
  EXPECT_NE(page->find(":cve:`2022-1041`\n----------------\n\nOut-of-bound write vulnerability in the "
                       "Bluetooth Mesh core stack can be triggered during provisioning\n\n- `Zephyr project bug "
                       "tracker GHSA-p449-9hv9-pj38"),
            std::string::npos);
  EXPECT_NE(page->find(":cve:`2022-1042`\n----------------\n\nOut-of-bound write vulnerability in the Bluetooth "
                       "Mesh core stack can be triggered during provisioning\n\nThis has been fixed in main for v3.1.0"),
            std::string::npos);
}

TEST_F(PublishTest, Cve5ImportMatchesByCveAndIsIdempotent) {
  ASSERT_TRUE(svc_->ImportZephyrRst(Pages()).ok());
  size_t before = All().size();
  std::vector<InputFile> records;
  for (const char* f : {"CVE-2024-5754.json", "CVE-2024-6135.json", "CVE-2024-11263.json", "CVE-2023-4264.json",
                        "CVE-2024-23170.json"}) {
    std::string p = testing::SharedData(std::string("records/cve/") + f);
    records.push_back({p, testing::ReadFile(p)});
  }
  auto r = svc_->ImportCve5(records);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->created, 1);  // Mbed TLS's CVE is not on Zephyr's pages
  EXPECT_EQ(r->updated, 4);
  EXPECT_EQ(All().size(), before + 1);
  auto again = svc_->ImportCve5(records);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->unchanged, 5);
  AdvisoryService adv(*ws_->store, ws_->config, clock_);
  Advisory a = *adv.Get(r->ids[0]);
  EXPECT_EQ(a.cve_id, "CVE-2024-5754");
  EXPECT_EQ(a.cvss, "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:C/C:H/I:L/A:N");
  EXPECT_EQ(a.cwes, std::vector<std::string>{"CWE-807"});
  EXPECT_EQ(a.public_on->ToString(), "2024-09-13");
  EXPECT_EQ(a.fixes.size(), 4u);  // the page's PRs are kept
  // The record completes the page's advisory without changing the page.
  EXPECT_EQ(*svc_->ExportRstYear(2024), testing::ReadFile(PagePath(2024)));
  auto cve = nlohmann::json::parse(*svc_->Export(r->ids[0], ExportFormat::kCve5, false));
  EXPECT_EQ(cve["containers"]["cna"]["metrics"][0]["cvssV3_1"]["baseScore"], 8.2);
  // Malformed records: one clear error naming the file, nothing imported.
  auto bad = svc_->ImportCve5({{"broken.json", "{\"dataType\": \"CVE_RECORD\""}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message().rfind("broken.json: not JSON", 0), 0u) << bad.status().message();
  auto wrong = svc_->ImportCve5({{"w.json", "{\"dataType\": \"CVE_RECORD\", \"cveMetadata\": {}}"}});
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().message(), "w.json: /cveMetadata/cveId: expected the CVE id");
}

TEST_F(PublishTest, EveryImportedAdvisoryExportsSchemaValid) {
  ASSERT_TRUE(svc_->ImportZephyrRst(Pages()).ok());
  int exported = 0;
  for (const auto& s : All()) {
    for (ExportFormat f : {ExportFormat::kCve5, ExportFormat::kOsv, ExportFormat::kCsaf}) {
      auto out = svc_->Export(s.id, f, /*draft=*/s.title.empty());
      ASSERT_TRUE(out.ok()) << s.id << ": " << out.status().ToString();
      ++exported;
    }
  }
  EXPECT_EQ(exported, 3 * 114);
  std::string id;
  for (const auto& s : All())
    if (s.cve_id == "CVE-2024-5754") id = s.id;
  auto cve = nlohmann::json::parse(*svc_->Export(id, ExportFormat::kCve5, false));
  const auto& versions = cve["containers"]["cna"]["affected"][0]["versions"];
  // Published facts only: affected below the first fixed release on main.
  EXPECT_EQ(versions[0]["lessThan"], "3.7.0");
  EXPECT_EQ(versions[1]["version"], "3.7.0");
  EXPECT_EQ(versions[1]["status"], "unaffected");
}

TEST_F(PublishTest, RefusesWhatIsNotReadyUnlessDraft) {
  AdvisoryService adv(*ws_->store, ws_->config, clock_);
  ReportRequest r;
  r.title = "Overflow";
  r.reported_on = *Date::Parse("2026-11-01");
  std::string id = adv.Report("a", r)->advisory.id;
  auto refused = svc_->Export(id, ExportFormat::kCve5, false);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("- a CVE id"), std::string::npos) << refused.status().message();
  EXPECT_NE(refused.status().message().find("- the embargo to be over"), std::string::npos);
  for (ExportFormat f : {ExportFormat::kCve5, ExportFormat::kOsv, ExportFormat::kCsaf, ExportFormat::kRst}) {
    auto draft = svc_->Export(id, f, true);
    EXPECT_TRUE(draft.ok()) << draft.status().ToString();
  }
}

TEST(PublishDemo, BackportAwareRecordsFromGit) {
  testing::TempDir dir;
  auto demo = CreateDemoWorkspace(dir / "demo", *Date::Parse("2026-11-24"));
  ASSERT_TRUE(demo.ok()) << demo.status().ToString();
  auto ws = OpenWorkspace(dir / "demo");
  ASSERT_TRUE(ws.ok());
  FixedClock clock(Timestamp::StartOf(*Date::Parse("2026-11-24")));
  PublishService svc(*ws->store, ws->config, clock, ws->Resolve(ws->config.repository));
  // TRS-2026-0003: fixed on main, backported to v2.0 (released in v2.0.1),
  // missing on v1.0 and v1.2, not required on v1.1.
  auto out = svc.Export("TRS-2026-0003", ExportFormat::kCve5, true);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  auto cve = nlohmann::json::parse(*out);
  const auto& affected = cve["containers"]["cna"]["affected"];
  ASSERT_EQ(affected.size(), 2u);
  EXPECT_EQ(affected[0]["versions"].size(), 2u);  // main fix and the v2.0 backport
  for (const auto& v : affected[0]["versions"]) EXPECT_EQ(v["versionType"], "git");
  bool v20 = false;
  for (const auto& v : affected[1]["versions"])
    if (v["version"] == "2.0.0") {
      v20 = true;
      EXPECT_EQ(v["lessThan"], "2.0.1");
    }
  EXPECT_TRUE(v20);
  auto osv = nlohmann::json::parse(*svc.Export("TRS-2026-0003", ExportFormat::kOsv, true));
  const auto& events = osv["affected"][0]["ranges"][0]["events"];
  EXPECT_EQ(events.size(), 3u);  // introduced 0, two fixed
  std::set<std::string> tags;
  for (const auto& t : osv["affected"][0]["versions"]) tags.insert(t.get<std::string>());
  EXPECT_TRUE(tags.count("v1.0.0"));
  EXPECT_TRUE(tags.count("v2.0.0"));
  EXPECT_FALSE(tags.count("v2.0.1"));  // carries the backport
  auto csaf = nlohmann::json::parse(*svc.Export("TRS-2026-0003", ExportFormat::kCsaf, true));
  EXPECT_EQ(csaf["vulnerabilities"][0]["product_status"]["first_fixed"][0], "CSAFPID-2.0.1");
  EXPECT_TRUE(svc.Export("TRS-2026-0001", ExportFormat::kCve5, false).ok());
}

}  // namespace
}  // namespace psirt
