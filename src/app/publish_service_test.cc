// Publishing over a real store: the real Zephyr vulnerabilities pages
// imported and written back byte for byte, idempotent imports, CVE 5
// imports matched by CVE id, schema-valid exports (CVE 5, OSV, CSAF) from
// imported and git-synced advisories, refusals listing what is missing, and
// release notes.
#include "app/account_service.h"
#include "app/publish_service.h"

#include <gtest/gtest.h>

#include <iostream>
#include <filesystem>
#include <regex>
#include <sstream>
#include <set>

#include "app/demo.h"
#include "app/file_io.h"
#include "app/workspace.h"
#include "core/versions.h"
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
    // The pages name CVEs without their records: these tests take Zephyr's
    // CNA as their assigner (UnknownAssigners* tests the default, unknown).
    o.config.cna.own_cve_years = {"2017-2025"};
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
  // A new report with this title and report date; its id.
  std::string NewReport(const std::string& title, const std::string& on, const std::string& description = "") {
    AdvisoryService adv(*ws_->store, ws_->config, clock_);
    ReportRequest r;
    r.title = title;
    r.description = description;
    r.reported_on = *Date::Parse(on);
    auto c = adv.Report("a", r);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c->advisory.id;
  }
  // The id of the advisory carrying `cve` ("" when none does).
  std::string IdOf(const std::string& cve) {
    for (const auto& s : All())
      if (s.cve_id == cve) return s.id;
    return "";
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

// Walks every real page 2017-2025 with its own, independent reading of the
// text and lists anything that is not a structured field of the right
// advisory: every PR URL (a PR fix with that number; a commit URL: a commit
// fix), every GHSA id, the CVE id, and every release a fix link or fix
// sentence names (a fix's branch or release, or a stated fixed release or
// branch).
TEST_F(PublishTest, EveryFactOnEveryPageIsAStructuredField) {
  ASSERT_TRUE(svc_->ImportZephyrRst(Pages()).ok());
  AdvisoryService adv(*ws_->store, ws_->config, clock_);
  const ReleaseModel& m = ws_->config.releases;
  std::vector<std::string> missing;
  int prs = 0, commits = 0, ghsas = 0, releases = 0, entries = 0;
  static const std::regex kHeading(R"(:cve:`(\d{4}-\d+)`)");
  static const std::regex kPull(R"(https://github\.com/[^/\s]+/[^/\s]+/pull/(\d+)(/commits/([0-9a-f]{40}))?)");
  static const std::regex kGhsa(R"(GHSA(-[23456789cfghjmpqrvwx]{4}){3})");
  static const std::regex kVersion(R"((^|[^0-9.])v?(\d+)\.(\d+)(\.(\d+|x))?)");
  auto series_branch = [&](int x, int y) { return FormatVersionPattern(m.branch_pattern, Version{x, y, 0, ""}); };
  auto tag = [&](int x, int y, int z) { return FormatVersionPattern(m.tag_pattern, Version{x, y, z, ""}); };
  for (int y : kYears) {
    std::string text = testing::ReadFile(PagePath(y));
    // Split at headings, independently of the reader.
    std::vector<std::pair<std::string, std::string>> chunks;  // CVE, its text
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
      std::smatch hm;
      if (std::regex_match(line, hm, kHeading)) chunks.push_back({"CVE-" + hm[1].str(), ""});
      else if (!chunks.empty()) chunks.back().second += line + "\n";
    }
    for (const auto& chunk : chunks) {
      const std::string& cve = chunk.first;
      const std::string& body = chunk.second;
      ++entries;
      auto where = [&](const std::string& what) { missing.push_back(std::to_string(y) + " " + cve + ": " + what); };
      std::optional<std::string> id;
      ASSERT_TRUE(ws_->store->Read([&](StoreTx& tx) -> Status {
        PSIRT_ASSIGN_OR_RETURN(id, tx.FindByCve(cve));
        return Status::Ok();
      }).ok());
      if (!id) {
        where("no advisory");
        continue;
      }
      Advisory a = *adv.Get(*id);
      if (a.cve_id != cve) where("CVE id");
      // The link items as (text, url) pairs, and the fix sentences.
      std::vector<std::pair<std::string, std::string>> links;
      std::vector<std::string> sentences;
      std::istringstream lines(body);
      std::string item, para;
      for (std::string line; std::getline(lines, line);) {
        if (line.rfind("- `", 0) == 0) item = line.substr(3);
        else if (!item.empty() && line.rfind("  <", 0) == 0) {
          links.push_back({item, line.substr(3, line.find('>') - 3)});
          item.clear();
        }
        if (line.empty()) {
          if (para.rfind("This has been fixed", 0) == 0) sentences.push_back(para);
          para.clear();
        } else {
          para += (para.empty() ? "" : " ") + line;
        }
      }
      if (para.rfind("This has been fixed", 0) == 0) sentences.push_back(para);
      for (const auto& [label, url] : links) {
        std::smatch pm;
        if (!std::regex_search(url, pm, kPull)) continue;
        const Fix* fix = nullptr;
        for (const Fix& f : a.fixes)  // the same URL may appear twice with two labels
          if ((pm[3].matched ? (f.kind == Fix::Kind::kCommit && f.ref == pm[3].str())
                             : (f.kind == Fix::Kind::kPr && f.ref == pm[1].str())) &&
              (!fix || label.find(f.label) != std::string::npos))
            fix = &f;
        ++(pm[3].matched ? commits : prs);
        if (!fix) {
          where("fix " + url);
          continue;
        }
        if (fix->branch.empty()) where("no branch for " + url + " (" + label + ")");
        // The release the link names: the fix's branch series, or its release.
        std::smatch vm;
        std::string rest = label.substr(label.find(' ') + 1);
        if (std::regex_search(rest, vm, kVersion)) {
          ++releases;
          int x = std::stoi(vm[2]), yy = std::stoi(vm[3]);
          bool has_patch = vm[5].matched && vm[5] != "x";
          bool on_main = fix->branch == m.main_branch;
          std::string want_release = has_patch ? tag(x, yy, std::stoi(vm[5])) : "";
          bool ok = on_main ? fix->release == tag(x, yy, has_patch ? std::stoi(vm[5]) : 0)
                            : fix->branch == series_branch(x, yy) &&
                                  (want_release.empty() || label.find("branch") != std::string::npos ||
                                   fix->release == want_release);
          if (!ok) where("release named by '" + label + "' (branch " + fix->branch + ", release " + fix->release + ")");
        } else if (label.find("main") == std::string::npos) {
          where("no release or branch in '" + label + "'");
        }
      }
      for (std::sregex_iterator it(body.begin(), body.end(), kGhsa), end; it != end; ++it) {
        ++ghsas;
        bool held = a.ghsa_id == it->str();
        for (const Reference& r : a.references) held = held || r.name == it->str();
        if (!held) where("GHSA " + it->str());
      }
      for (const std::string& sentence : sentences) {
        for (std::sregex_iterator it(sentence.begin(), sentence.end(), kVersion), end; it != end; ++it) {
          ++releases;
          const std::smatch& vm = *it;
          int x = std::stoi(vm[2]), yy = std::stoi(vm[3]);
          int z = vm[5].matched && vm[5] != "x" ? std::stoi(vm[5]) : 0;
          bool held = std::count(a.fixed_releases.begin(), a.fixed_releases.end(), tag(x, yy, z)) ||
                      std::count(a.fixed_branches.begin(), a.fixed_branches.end(), series_branch(x, yy));
          if (!held) where("release " + vm.str() + " named in '" + sentence + "'");
        }
      }
    }
  }
  EXPECT_TRUE(missing.empty()) << missing.size() << " facts are not structured fields:\n" << [&] {
    std::string s;
    for (const std::string& x : missing) s += "  " + x + "\n";
    return s;
  }();
  // The walk really looked at the pages.
  EXPECT_EQ(entries, 114);
  EXPECT_GT(prs, 200);
  EXPECT_EQ(commits, 3);
  EXPECT_GT(ghsas, 50);
  EXPECT_GT(releases, 200);
  std::cout << entries << " entries, " << prs << " PR links, " << commits << " commit links, " << ghsas
            << " GHSA ids, " << releases << " named releases\n";
}

TEST_F(PublishTest, ImportedFixesCarryBranchesAndReleasesFromTheLinks) {
  ASSERT_TRUE(svc_->ImportZephyrRst(Pages()).ok());
  AdvisoryService adv(*ws_->store, ws_->config, clock_);
  auto get = [&](const std::string& cve) {
    std::optional<std::string> id;
    EXPECT_TRUE(ws_->store->Read([&](StoreTx& tx) -> Status {
      PSIRT_ASSIGN_OR_RETURN(id, tx.FindByCve(cve));
      return Status::Ok();
    }).ok());
    return *adv.Get(*id);
  };
  auto fixes = [](const Advisory& a) {
    std::vector<std::string> out;
    for (const Fix& f : a.fixes) out.push_back(f.ref + "@" + f.branch + (f.release.empty() ? "" : "/" + f.release));
    return out;
  };
  // CVE-2020-10060: the main fix and three backports, each its own PR.
  EXPECT_EQ(fixes(get("CVE-2020-10060")),
            (std::vector<std::string>{"27865@main/v2.4.0", "27889@v2.3-branch/v2.3.0", "27891@v2.2-branch/v2.2.0",
                                      "27893@v2.1-branch/v2.1.0"}));
  EXPECT_EQ(fixes(get("CVE-2020-10059")),
            (std::vector<std::string>{"24954@main/v2.3.0", "24999@v2.1-branch/v2.1.0", "24997@v2.2-branch/v2.2.0"}));
  Advisory a = get("CVE-2020-10019");  // "fixed in releases v1.14.2, v2.2.0, and v2.1.1"
  EXPECT_EQ(a.fixed_releases, (std::vector<std::string>{"v1.14.2", "v2.2.0", "v2.1.1"}));
  EXPECT_EQ(fixes(a), (std::vector<std::string>{"23460@v1.14-branch", "23457@v2.1-branch", "23190@v2.2-branch/v2.2.0"}));
  EXPECT_EQ(get("CVE-2020-10062").fixed_releases, std::vector<std::string>{"v2.3.0"});  // "main for v2.3."
  Advisory b = get("CVE-2020-10061");  // "in branches for v1.14.0, v2.2.0, and will be included in v2.3.0"
  EXPECT_EQ(b.fixed_branches, (std::vector<std::string>{"v1.14-branch", "v2.2-branch"}));
  EXPECT_EQ(b.fixed_releases, std::vector<std::string>{"v2.3.0"});
  Advisory c = get("CVE-2020-10058");  // "in a branch from v2.1.0, and release v2.2.0"
  EXPECT_EQ(c.fixed_branches, std::vector<std::string>{"v2.1-branch"});
  EXPECT_EQ(c.fixed_releases, std::vector<std::string>{"v2.2.0"});
  // Dates: none invented; the false positive is Rejected with the page's reason.
  EXPECT_FALSE(a.reported_on);
  EXPECT_FALSE(a.public_on);
  Advisory fp = get("CVE-2023-4262");
  EXPECT_EQ(fp.state, State::kRejected);
  EXPECT_EQ(fp.state_reason, "This issue has been determined to be a false positive after further analysis.");
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
  // The real CVE-2024-6135 record cites GHSA-xcr5-5g98-mchp, which is
  // CVE-2024-4785's (the page gives 6135 its own, GHSA-2mp4-4g6f-cqcx): a
  // conflict, never merged in silently.
  auto clash = svc_->ImportCve5(records);
  ASSERT_FALSE(clash.ok());
  EXPECT_EQ(clash.status().code(), Status::Code::kConflict);
  EXPECT_NE(clash.status().message().find("CVE-2024-6135 (" + IdOf("CVE-2024-6135") + ") cites GHSA-xcr5-5g98-mchp, the GHSA of " +
                                          IdOf("CVE-2024-4785")),
            std::string::npos)
      << clash.status().message();
  EXPECT_EQ(clash.status().file(), testing::SharedData("records/cve/CVE-2024-6135.json")) << "the error says where";
  EXPECT_EQ(All().size(), before) << "nothing imported";
  // --replace takes the records, leaving the clashing GHSA out, and says so.
  auto r = svc_->ImportCve5(records, ImportPolicy::kReplace);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->created, 1);  // Mbed TLS's CVE is not on Zephyr's pages
  EXPECT_EQ(r->updated, 4);
  EXPECT_EQ(All().size(), before + 1);
  // And what was taken differently from how a record says it: the real
  // CVE-2024-11263 record gives 9.4 for a vector that scores 9.3.
  ASSERT_EQ(r->warnings.size(), 2u) << ::testing::PrintToString(r->warnings);
  EXPECT_NE(r->warnings[1].find("CVE-2024-11263.json: the record's CVSS base score 9.4 disagrees with its vector, which scores 9.3"),
            std::string::npos)
      << r->warnings[1];
  EXPECT_NE(r->warnings[0].find("cites GHSA-xcr5-5g98-mchp, the GHSA of " + IdOf("CVE-2024-4785") + ": not taken"), std::string::npos);
  {
    AdvisoryService adv(*ws_->store, ws_->config, clock_);
    EXPECT_EQ(*adv.Get(IdOf("CVE-2024-11263"))->cvss_score, 9.3);
  }
  {
    AdvisoryService adv(*ws_->store, ws_->config, clock_);
    Advisory b = *adv.Get(IdOf("CVE-2024-6135"));
    EXPECT_EQ(b.ghsa_id, "GHSA-2mp4-4g6f-cqcx");
    for (const Reference& ref : b.references) EXPECT_EQ(ref.url.find("xcr5"), std::string::npos) << ref.url;
  }
  auto again = svc_->ImportCve5(records, ImportPolicy::kReplace);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->unchanged, 5);
  // Re-importing the pages after the records: the records' references stay
  // and count as nothing lost - a page only speaks for what pages say.
  auto pages_again = svc_->ImportZephyrRst(Pages());
  ASSERT_TRUE(pages_again.ok()) << pages_again.status().ToString();
  EXPECT_EQ(pages_again->updated, 0) << "nothing a page says changed";
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
  // Dates come from the record, never from the time of the import (2026-11-24 here).
  EXPECT_EQ(cve["containers"]["cna"]["timeline"],
            nlohmann::json::parse(R"([{"time":"2024-09-13T00:00:00Z","lang":"en","value":"Advisory published"}])"));
  EXPECT_EQ(cve["cveMetadata"]["datePublished"], "2024-09-13T00:00:00.000Z");
  auto csaf = nlohmann::json::parse(*svc_->Export(r->ids[0], ExportFormat::kCsaf, false));
  EXPECT_EQ(csaf["document"]["tracking"]["initial_release_date"], "2024-09-13T00:00:00.000Z");
  EXPECT_EQ(csaf["document"]["tracking"]["current_release_date"], "2024-09-13T00:00:00.000Z");
  EXPECT_EQ(csaf["document"]["tracking"]["status"], "final");
  EXPECT_EQ(csaf["document"]["tracking"]["revision_history"].size(), 1u);
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
  int exported = 0, refused_csaf = 0;
  for (const auto& s : All()) {
    bool rejected = s.state == State::kRejected;
    for (ExportFormat f : {ExportFormat::kCve5, ExportFormat::kOsv, ExportFormat::kCsaf}) {
      auto out = svc_->Export(s.id, f, /*draft=*/rejected);
      if (f == ExportFormat::kCsaf && !rejected) {
        // A page gives no publication date: CSAF's initial release date is
        // not invented, the export says what it needs.
        ASSERT_FALSE(out.ok());
        EXPECT_NE(out.status().message().find("publication date"), std::string::npos);
        ++refused_csaf;
        out = svc_->Export(s.id, f, /*draft=*/true);
      }
      ASSERT_TRUE(out.ok()) << s.id << ": " << out.status().ToString();
      ++exported;
    }
  }
  EXPECT_EQ(exported, 3 * 114);
  EXPECT_EQ(refused_csaf, 113);
}

// What the records claim about versions is what the pages state, no more.
TEST_F(PublishTest, RecordsClaimOnlyWhatIsKnown) {
  ASSERT_TRUE(svc_->ImportZephyrRst(Pages()).ok());
  auto cve5 = [&](const std::string& cve) {
    auto out = svc_->Export(IdOf(cve), ExportFormat::kCve5, false);
    EXPECT_TRUE(out.ok()) << out.status().ToString();
    return nlohmann::json::parse(*out)["containers"]["cna"];
  };
  using nlohmann::json;
  // "This has been fixed in main for v3.7.0" with "PR ... fix for 3.6 / 3.5 /
  // 2.7": unaffected from 3.7.0; each series that received a backport PR was
  // affected at its first release; whether later releases are fixed is
  // unknown (no release is named), like every other version.
  json a = cve5("CVE-2024-5754")["affected"];
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0]["defaultStatus"], "unknown");
  EXPECT_EQ(a[0]["versions"], json::parse(R"([
    {"version":"2.7.0","status":"affected","versionType":"semver"},
    {"version":"3.5.0","status":"affected","versionType":"semver"},
    {"version":"3.6.0","status":"affected","versionType":"semver"},
    {"version":"3.7.0","lessThanOrEqual":"*","status":"unaffected","versionType":"semver"}])"));
  json osv_a = json::parse(*svc_->Export(IdOf("CVE-2024-5754"), ExportFormat::kOsv, false));
  EXPECT_EQ(osv_a["affected"][0]["versions"], json::parse(R"(["2.7.0","3.5.0","3.6.0"])"));
  EXPECT_FALSE(osv_a["affected"][0].contains("ranges")) << "no SEMVER range claims a fix nobody named";
  // "fixed in releases v1.14.2, v2.2.0, and v2.1.1": per-series ranges.
  json b = cve5("CVE-2020-10019")["affected"];
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0]["defaultStatus"], "unknown");
  EXPECT_EQ(b[0]["versions"], json::parse(R"([
    {"version":"1.14.0","lessThan":"1.14.2","status":"affected","versionType":"semver"},
    {"version":"1.14.2","lessThanOrEqual":"1.14.*","status":"unaffected","versionType":"semver"},
    {"version":"2.1.0","lessThan":"2.1.1","status":"affected","versionType":"semver"},
    {"version":"2.1.1","lessThanOrEqual":"2.1.*","status":"unaffected","versionType":"semver"},
    {"version":"2.2.0","lessThanOrEqual":"*","status":"unaffected","versionType":"semver"}])"));
  // Not fixed, nothing known: "unknown", never "every version affected".
  json c = cve5("CVE-2020-10065")["affected"];
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0]["defaultStatus"], "unknown");
  EXPECT_FALSE(c[0].contains("versions"));
  // OSV: SEMVER ranges of the stated series; nothing for the unknown one.
  json osv = json::parse(*svc_->Export(IdOf("CVE-2020-10019"), ExportFormat::kOsv, false));
  EXPECT_EQ(osv["affected"][0]["ranges"], json::parse(R"([
    {"type":"SEMVER","events":[{"introduced":"1.14.0"},{"fixed":"1.14.2"}]},
    {"type":"SEMVER","events":[{"introduced":"2.1.0"},{"fixed":"2.1.1"}]}])"));
  json osv_unknown = json::parse(*svc_->Export(IdOf("CVE-2020-10065"), ExportFormat::kOsv, false));
  EXPECT_FALSE(osv_unknown["affected"][0].contains("ranges"));
  EXPECT_FALSE(osv_unknown["affected"][0].contains("versions"));
  // CSAF: nothing known is "under investigation", not "known affected".
  json csaf = json::parse(*svc_->Export(IdOf("CVE-2020-10065"), ExportFormat::kCsaf, true));
  json status = csaf["vulnerabilities"][0]["product_status"];
  EXPECT_EQ(status["under_investigation"], json::array({"CSAFPID-ALL"}));
  EXPECT_FALSE(status.contains("known_affected"));
  // Titles in JSON carry no RST markup; the page keeps it.
  EXPECT_EQ(cve5("CVE-2017-14199")["title"], "Buffer overflow in getaddrinfo().");
  EXPECT_EQ(json::parse(*svc_->Export(IdOf("CVE-2017-14199"), ExportFormat::kOsv, false))["summary"],
            "Buffer overflow in getaddrinfo().");
  EXPECT_NE(svc_->ExportRstYear(2017)->find("Buffer overflow in :code:`getaddrinfo()`."), std::string::npos);
  // No invented dates: the timeline has only what a document gave (nothing here).
  EXPECT_FALSE(cve5("CVE-2024-5754").contains("timeline"));
  EXPECT_FALSE(cve5("CVE-2024-5754").contains("datePublic"));
}

TEST_F(PublishTest, RefusesWhatIsNotReadyUnlessDraft) {
  AdvisoryService adv(*ws_->store, ws_->config, clock_);
  std::string id = NewReport("Overflow", "2026-11-01");
  auto refused = svc_->Export(id, ExportFormat::kCve5, false);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("- a CVE id"), std::string::npos) << refused.status().message();
  EXPECT_NE(refused.status().message().find("- the embargo to be over"), std::string::npos);
  for (ExportFormat f : {ExportFormat::kCve5, ExportFormat::kOsv, ExportFormat::kCsaf, ExportFormat::kRst}) {
    auto draft = svc_->Export(id, f, true);
    EXPECT_TRUE(draft.ok()) << draft.status().ToString();
  }
}

// An advisory with a CVE id that is not public: the year page carries only
// "Under embargo until ..."; the full entry replaces it once Public; import
// reads a placeholder back and never lets one overwrite a full entry.
TEST_F(PublishTest, EmbargoedPlaceholdersOnTheYearPage) {
  AdvisoryService adv(*ws_->store, ws_->config, clock_);
  std::string id = NewReport("Secret: heap overflow in the frobnicator", "2026-10-01", "Details nobody may read yet");
  ASSERT_TRUE(adv.SetCve("a", id, "CVE-2026-1234").ok());
  std::string page = *svc_->ExportRstYear(2026);
  EXPECT_EQ(page, ".. _vulnerabilities_2026:\n\nCVE-2026\n########\n\n:cve:`2026-1234`\n----------------\n\n"
                  "Under embargo until 2026-12-30\n");
  EXPECT_EQ(page.find("Secret"), std::string::npos);
  EXPECT_EQ(page.find("Details"), std::string::npos);
  // Release notes use the same words.
  // Import into a fresh workspace: the placeholder becomes an advisory with
  // the CVE id and the embargo end, and nothing else.
  testing::TempDir other;
  InitOptions o;
  o.config = ws_->config;
  auto ws2 = InitWorkspace(other / "w", o);
  ASSERT_TRUE(ws2.ok());
  PublishService svc2(*ws2->store, ws2->config, clock_, "");
  auto imp = svc2.ImportZephyrRst({{"2026.rst", page}});
  ASSERT_TRUE(imp.ok()) << imp.status().ToString();
  AdvisoryService adv2(*ws2->store, ws2->config, clock_);
  Advisory back = *adv2.Get(imp->ids[0]);
  EXPECT_EQ(back.cve_id, "CVE-2026-1234");
  EXPECT_EQ(back.title, "");
  EXPECT_NE(back.state, State::kPublic);
  EXPECT_EQ(DateOr(back.embargo_override), "2026-12-30");
  EXPECT_FALSE(back.reported_on);
  EXPECT_EQ(*svc2.ExportRstYear(2026), page);  // and it round-trips
  // A placeholder never overwrites the full entry psirt has.
  auto again = svc_->ImportZephyrRst({{"2026.rst", page}});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->unchanged, 1);
  EXPECT_EQ(adv.Get(id)->title, "Secret: heap overflow in the frobnicator");
  // Public: the full entry replaces the placeholder.
  clock_.Set(Timestamp::StartOf(*Date::Parse("2027-01-02")));
  ASSERT_TRUE(adv.Edit("a", id, EditRequest{}).ok());
  Fix f;
  f.kind = Fix::Kind::kPr;
  f.ref = "4242";
  ASSERT_TRUE(adv.LinkFix("a", id, f).ok());
  ASSERT_TRUE(adv.Move("a", id, {State::kTriage}).ok());
  ASSERT_TRUE(AccountService(*ws_->store, clock_).Add({"bob", Role::kMaintainer, "", "", {}}).ok());
  ASSERT_TRUE(adv.Assign("a", id, "bob").ok());
  ASSERT_TRUE(adv.Move("a", id, {State::kReview}).ok());
  ASSERT_TRUE(adv.Move("a", id, {State::kAccepted}).ok());
  ASSERT_TRUE(adv.Move("a", id, {State::kPublic}).ok());
  page = *svc_->ExportRstYear(2026);
  EXPECT_NE(page.find("Secret: heap overflow in the frobnicator"), std::string::npos);
  EXPECT_EQ(page.find("Under embargo"), std::string::npos);
}

TEST_F(PublishTest, AnotherCnasCveIsNeverExportedAsOurs) {
  std::string p = testing::SharedData("records/cve/CVE-2024-23170.json");  // Mbed TLS's
  auto r = svc_->ImportCve5({{p, testing::ReadFile(p)}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::string id = r->ids[0];
  for (bool draft : {false, true}) {
    auto out = svc_->Export(id, ExportFormat::kCve5, draft);
    ASSERT_FALSE(out.ok());
    EXPECT_NE(out.status().message().find("assigned by another CNA (mitre)"), std::string::npos)
        << out.status().message();
  }
  testing::TempDir out;
  auto all = svc_->ExportAll(ExportFormat::kCve5, out / "cve", false);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(all->written, 0);
  ASSERT_EQ(all->skipped_why.size(), 1u);
  EXPECT_NE(all->skipped_why[0].find("assigned by mitre"), std::string::npos);
  // Other formats may cite it as an alias.
  auto osv_text = svc_->Export(id, ExportFormat::kOsv, false);
  ASSERT_TRUE(osv_text.ok()) << osv_text.status().ToString();
  EXPECT_EQ(nlohmann::json::parse(*osv_text)["aliases"][0], "CVE-2024-23170");
}

TEST_F(PublishTest, DraftsAreMarkedInEveryFormat) {
  AdvisoryService adv(*ws_->store, ws_->config, clock_);
  std::string id = NewReport("Overflow in the parser", "2026-11-01");
  ASSERT_TRUE(adv.SetCve("a", id, "CVE-2026-4321").ok());
  using nlohmann::json;
  json cve = json::parse(*svc_->Export(id, ExportFormat::kCve5, true));
  EXPECT_EQ(cve["containers"]["cna"]["title"], "DRAFT: Overflow in the parser");
  json osv = json::parse(*svc_->Export(id, ExportFormat::kOsv, true));
  EXPECT_EQ(osv["summary"], "DRAFT: Overflow in the parser");
  EXPECT_EQ(osv["database_specific"]["draft"], true);
  json csaf = json::parse(*svc_->Export(id, ExportFormat::kCsaf, true));
  EXPECT_EQ(csaf["document"]["tracking"]["status"], "draft");
  std::string rst = *svc_->Export(id, ExportFormat::kRst, true);
  EXPECT_NE(rst.find("\nDRAFT: Overflow in the parser\n"), std::string::npos) << rst;
  // A published advisory exported with --draft is still marked.
  ASSERT_TRUE(svc_->ImportZephyrRst(Pages()).ok());
  std::string pub = IdOf("CVE-2024-5754");
  EXPECT_EQ(json::parse(*svc_->Export(pub, ExportFormat::kCve5, true))["containers"]["cna"]["title"],
            "DRAFT: BT: Encryption procedure host vulnerability");
  EXPECT_EQ(json::parse(*svc_->Export(pub, ExportFormat::kCve5, false))["containers"]["cna"]["title"],
            "BT: Encryption procedure host vulnerability");
}

TEST_F(PublishTest, ATruncatedOrOlderPageNeverRemovesWhatAnAdvisoryHas) {
  ASSERT_TRUE(svc_->ImportZephyrRst(Pages()).ok());
  std::string text = testing::ReadFile(PagePath(2024));
  // A page cut mid-entry is an error at its line; nothing changes.
  std::string cut = text.substr(0, text.find("<https://github.com/zephyrproject-rtos/zephyr/pull/74124>") + 30);
  auto bad = svc_->ImportZephyrRst({{"2024.rst", cut}});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().ToString().find("2024.rst:"), std::string::npos);
  EXPECT_NE(bad.status().message().find("unterminated link"), std::string::npos) << bad.status().message();
  // An older version of an entry, without the GHSA and two of the PRs.
  std::string older = text;
  size_t at = older.find("- `PR 74124 fix for 3.6");
  older.erase(at, older.find("- `PR 74123") - at);
  size_t g = older.find("- `Zephyr project bug tracker GHSA-gvv5-66hw-5qrc");
  older.erase(g, older.find("This has been fixed in main for v3.7.0", g) - g);
  auto conflict = svc_->ImportZephyrRst({{"2024.rst", older}});
  ASSERT_FALSE(conflict.ok());
  EXPECT_EQ(conflict.status().code(), Status::Code::kConflict);
  std::string msg = conflict.status().message();
  EXPECT_NE(msg.find("CVE-2024-5754"), std::string::npos) << msg;
  EXPECT_NE(msg.find("GHSA id GHSA-gvv5-66hw-5qrc"), std::string::npos) << msg;
  EXPECT_NE(msg.find("fix PR 74124 on v3.6-branch"), std::string::npos) << msg;
  EXPECT_EQ(*svc_->ExportRstYear(2024), text);  // nothing changed
  // --replace lets the document win.
  auto replaced = svc_->ImportZephyrRst({{"2024.rst", older}}, ImportPolicy::kReplace);
  ASSERT_TRUE(replaced.ok()) << replaced.status().ToString();
  EXPECT_EQ(replaced->updated, 1);
}

TEST_F(PublishTest, Cve5ImportChecksEveryIdentifierBeforeStoringAnything) {
  std::string good = testing::ReadFile(testing::SharedData("records/cve/CVE-2024-5754.json"));
  auto with = [&](const std::string& from, const std::string& to) {
    std::string t = good;
    size_t at = t.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return t.replace(at, from.size(), to);
  };
  struct Case {
    std::string text, want;
  } cases[] = {
      {with("\"CVE-2024-5754\"", "\"CVE-2024-XYZ\""), "/cveMetadata/cveId: bad CVE id 'CVE-2024-XYZ'"},
      {with("\"CWE-807\"", "\"CWE-0\""), "/containers/cna/problemTypes: bad CWE id 'CWE-0'"},
      {with("\"state\": \"PUBLISHED\"", "\"state\": \"RESERVED\""), "/cveMetadata/state"},
      {with("\"datePublished\": \"2024-09-13", "\"datePublished\": \"2024-13-13"), "/cveMetadata/datePublished"},
      // A NUL or escape in a record's text: refused where it is, never dropped.
      {with("\"title\": \"BT: Encryption", "\"title\": \"BT:\\u0000 Encryption"),
       "/containers/cna/title: title: control character U+0000 at byte 4"},
      {with("\"title\": \"BT: Encryption", "\"title\": \"BT:\\u001b[2J Encryption"),
       "/containers/cna/title: title: control character U+001B"},
      {[&] {
         auto j = nlohmann::json::parse(good);
         j["containers"]["cna"]["descriptions"][0]["value"] = std::string("BT:\0 Encryption", 16);
         return j.dump();
       }(),
       "/containers/cna/descriptions: description: control character U+0000"},
      {[&] {
         auto j = nlohmann::json::parse(good);
         j["containers"]["cna"]["references"][0]["name"] = std::string("ref\0name", 8);
         return j.dump();
       }(),
       "/containers/cna/references: reference name: control character U+0000"},
  };
  for (const Case& c : cases) {
    auto r = svc_->ImportCve5({{"good.json", good}, {"bad.json", c.text}});
    ASSERT_FALSE(r.ok()) << c.want;
    EXPECT_NE(r.status().message().find("bad.json: " + c.want), std::string::npos) << r.status().message();
    EXPECT_TRUE(All().empty());  // the good record was not stored either
  }
}

TEST_F(PublishTest, OneBadAdvisoryNeverStopsExportAll) {
  ASSERT_TRUE(svc_->ImportZephyrRst(Pages()).ok());
  // A description over the CVE schema's 4,096 characters, stored by an older psirt.
  std::string id = IdOf("CVE-2024-5754");
  ASSERT_TRUE(ws_->store->Write([&](StoreTx& tx) -> Status {
    Event e;
    e.advisory = id;
    PSIRT_ASSIGN_OR_RETURN(auto events, tx.LoadEvents(id));
    e.seq = static_cast<int>(events.size()) + 1;
    e.actor = "old-psirt";
    e.time = clock_.Now();
    e.kind = EventKind::kEdited;
    e.payload = {{"description", std::string(5000, 'x')}};
    return tx.AppendEvent(e);
  }).ok());
  testing::TempDir out;
  // A run killed earlier left a temporary file: it is cleaned up.
  std::filesystem::create_directories(out / "cve");
  testing::WriteFile(out / "cve/.CVE-2024-1.json.psirt-tmp.999999", "partial");
  auto all = svc_->ExportAll(ExportFormat::kCve5, out / "cve", false);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->failed.size(), 1u);
  EXPECT_NE(all->failed[0].find("the CVE record of " + id), std::string::npos) << all->failed[0];
  EXPECT_EQ(all->written, 112);  // every other publishable advisory (113 public, minus the bad one)
  for (const auto& f : std::filesystem::directory_iterator(out / "cve"))
    EXPECT_EQ(f.path().filename().string().find(kTempMarker), std::string::npos) << f.path();
}

TEST_F(PublishTest, UnknownAssignersAreNeverExportedAsOurs) {
  ASSERT_TRUE(svc_->ImportZephyrRst(Pages()).ok());
  ws_->config.cna.own_cve_years.clear();  // nothing says who assigned the pages' CVEs
  testing::TempDir out;
  auto all = svc_->ExportAll(ExportFormat::kCve5, out / "cve", false);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->written, 0);
  // Every advisory with a CVE id, public or not: whose CVE it is is said first and once
  // (113 public, one not yet public).
  EXPECT_EQ(all->skipped_why.size(), 114u);
  for (const auto& why : all->skipped_why)
    EXPECT_NE(why.find("who assigned it is unknown"), std::string::npos) << why;
  EXPECT_NE(all->skipped_why[0].find("who assigned it is unknown"), std::string::npos) << all->skipped_why[0];
  auto one = svc_->Export(IdOf("CVE-2019-9506"), ExportFormat::kCve5, false);
  ASSERT_FALSE(one.ok());
  EXPECT_NE(one.status().message().find("who assigned CVE-2019-9506 is unknown"), std::string::npos);
  EXPECT_TRUE(svc_->Export(IdOf("CVE-2019-9506"), ExportFormat::kOsv, false).ok()) << "OSV records claim no CNA";
  // Years psirt.yml says this CNA assigned: exported.
  ws_->config.cna.own_cve_years = {"2024"};
  testing::TempDir out2;
  all = svc_->ExportAll(ExportFormat::kCve5, out2 / "cve", false);
  ASSERT_TRUE(all.ok());
  int of_2024 = 0;
  for (const auto& f : std::filesystem::directory_iterator(out2 / "cve"))
    of_2024 += f.path().filename().string().rfind("CVE-2024-", 0) == 0;
  EXPECT_EQ(all->written, of_2024);
  EXPECT_GT(of_2024, 5);
  // A CVE record names its assigner: known whatever the year.
  std::string p = testing::SharedData("records/cve/CVE-2023-4264.json");
  ASSERT_TRUE(svc_->ImportCve5({{p, testing::ReadFile(p)}}, ImportPolicy::kReplace).ok());
  EXPECT_TRUE(svc_->Export(IdOf("CVE-2023-4264"), ExportFormat::kCve5, false).ok());
}

TEST_F(PublishTest, ExportAllNeverWritesOneFileTwice) {
  ASSERT_TRUE(svc_->ImportZephyrRst(Pages()).ok());
  // Two advisories holding one CVE id (written by an older psirt, which
  // did not refuse it): one record is written, the other is a failure.
  std::string first = IdOf("CVE-2024-5754"), second = IdOf("CVE-2024-6135");
  ASSERT_TRUE(ws_->store->Write([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(auto events, tx.LoadEvents(second));
    Event e;
    e.advisory = second;
    e.seq = static_cast<int>(events.size()) + 1;
    e.actor = "old-psirt";
    e.time = clock_.Now();
    e.kind = EventKind::kCveAssigned;
    e.payload = {{"cve", "CVE-2024-5754"}};
    PSIRT_RETURN_IF_ERROR(tx.AppendEvent(e));
    events.push_back(e);
    PSIRT_ASSIGN_OR_RETURN(Advisory a, Fold(events));
    return tx.PutSummary(Summarize(a));
  }).ok());
  testing::TempDir out;
  auto all = svc_->ExportAll(ExportFormat::kCve5, out / "cve", false);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->failed.size(), 1u);
  EXPECT_NE(all->failed[0].find("CVE-2024-5754.json was already written for " + first), std::string::npos) << all->failed[0];
  int files = 0;
  for (const auto& f : std::filesystem::directory_iterator(out / "cve")) files += f.is_regular_file();
  EXPECT_EQ(files, all->written) << "as many files as reported";
  auto record = nlohmann::json::parse(testing::ReadFile(out / "cve/CVE-2024-5754.json"));
  EXPECT_NE(record["containers"]["cna"]["title"].get<std::string>().find("BT"), std::string::npos)
      << "the first advisory's record, not replaced";
  // And the service refuses to make such a pair now.
  AdvisoryService adv(*ws_->store, ws_->config, clock_);
  auto again = adv.SetCve("lead", IdOf("CVE-2023-4264"), "CVE-2024-5754", "typo");
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.status().message().find("CVE-2024-5754 is already the CVE id of " + first), std::string::npos);
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
  // Each release's status as git says: the semver ranges are runs of
  // releases with one status (records_from_git_test checks every tag).
  auto status = [&](const std::string& version) -> std::string {
    for (const auto& v : affected[1]["versions"]) {
      std::string from = v["version"];
      bool in = version >= from && (v.contains("lessThan") ? version < v["lessThan"].get<std::string>()
                                                            : version <= v["lessThanOrEqual"].get<std::string>());
      if (in) return v["status"];
    }
    return affected[1]["defaultStatus"];
  };
  EXPECT_EQ(status("1.0.0"), "affected");
  EXPECT_EQ(status("2.0.0"), "affected");
  EXPECT_EQ(status("2.0.1"), "unaffected") << affected[1]["versions"].dump();
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
