// Tests of `psirt scan --history`: a project repository built by the test
// whose west.yml pins the Mbed TLS fork at a different commit in each
// release; per release the vulnerabilities it shipped, and the exposure
// table (first release without each, per series) - from the service and
// from the CLI's JSON; a release whose manifest is missing is noted, not
// fatal; a manifest outside the repository is refused.
#include "app/release_history.h"

#include <gtest/gtest.h>

#include "testing/scan_fixture.h"
#include "testing/test_support.h"

namespace psirt {
namespace {

using nlohmann::json;
using testing::ScanWorkspace;

struct HistoryTest : ::testing::Test {
  ScanWorkspace w;
  std::string project;  // the project's clone, holding the manifest
  void SetUp() override {
    project = w.top / "zephyr";
    std::string text = testing::ReadFile(w.manifest);
    auto pinned = [&](const std::string& sha) {
      std::string t = text;
      t.replace(t.find(w.mbed[1]), 40, sha);
      return t;
    };
    // v1.0.0 before the bug, v1.1.0 with it, v1.1.1 and v1.2.0 with the fix.
    auto shas = testing::CommitEach(project, "west.yml", {pinned(w.mbed[0]), pinned(w.mbed[1]), pinned(w.mbed[2]), pinned(w.mbed[2])});
    int i = 0;
    for (const char* tag : {"v1.0.0", "v1.1.0", "v1.1.1", "v1.2.0"})
      testing::Run({"git", "-C", project, "tag", tag, shas[i++]});
    testing::Run({"git", "-C", project, "tag", "v1.3.0-rc1", shas[3]});  // a pre-release: not a release
  }
};

const ExposureRow* Row(const ReleaseHistory& h, const std::string& vuln) {
  for (const ExposureRow& r : h.vulnerabilities)
    if (r.vuln.second == vuln) return &r;
  return nullptr;
}

TEST_F(HistoryTest, EachReleaseAndTheFirstWithoutEachVulnerability) {
  auto h = ScanReleaseHistory(*w.store, project, w.manifest, w.top.path(), ReleaseModel{}, ScanOptions{});
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  EXPECT_EQ(h->manifest, "west.yml");
  ASSERT_EQ(h->releases.size(), 4u);
  EXPECT_EQ(h->releases[0].release, "v1.0.0");
  auto has = [](const std::vector<ModuleVuln>& v, const std::string& id) {
    return std::find(v.begin(), v.end(), ModuleVuln{"mbedtls", id}) != v.end();
  };
  EXPECT_FALSE(has(h->releases[0].vulnerable, "OSV-GIT")) << "pinned before the bug";
  EXPECT_TRUE(has(h->releases[1].vulnerable, "OSV-GIT"));
  EXPECT_FALSE(has(h->releases[2].vulnerable, "OSV-GIT"));
  EXPECT_TRUE(has(h->releases[0].suppressed, "OSV-VEX")) << "module.yml's VEX decision applies";
  const ExposureRow* git = Row(*h, "OSV-GIT");
  ASSERT_NE(git, nullptr);
  EXPECT_EQ(git->shipped_in, std::vector<std::string>{"v1.1.0"});
  EXPECT_EQ(git->first_without, "v1.1.1");
  EXPECT_EQ(git->fixed_in_series, (std::map<std::string, std::string>{{"1.1", "v1.1.1"}}));
  EXPECT_EQ(Row(*h, "OSV-VEX"), nullptr) << "suppressed in every release";
  // The CVE matched by module.yml's version (3.6.2, the clone's) is in every release.
  const ExposureRow* cve = Row(*h, "CVE-2099-0001");
  ASSERT_NE(cve, nullptr);
  EXPECT_EQ(cve->shipped_in.size(), 4u);
  EXPECT_EQ(cve->first_without, "");
}

TEST_F(HistoryTest, CliJsonNotesAndErrors) {
  // A release without the manifest: noted, the others scanned.
  testing::Run({"git", "-C", project, "rm", "-q", "--cached", "west.yml"});
  testing::Run({"git", "-C", project, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-q", "-m", "gone"});
  testing::Run({"git", "-C", project, "tag", "v2.0.0"});
  testing::TempDir ws;
  ASSERT_EQ(testing::Psirt({"init", "--project", "t"}, ws.path()).exit_code, 0);
  ASSERT_EQ(testing::Psirt({"vulndb", "import", w.records.path()}, ws.path()).exit_code, 0);
  auto r = testing::Psirt({"scan", w.manifest, "--history", "--json"}, ws.path());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  json j = json::parse(r.out);
  ASSERT_EQ(j["releases"].size(), 5u);
  EXPECT_EQ(j["releases"][4]["release"], "v2.0.0");
  ASSERT_EQ(j["releases"][4]["notes"].size(), 1u);
  EXPECT_NE(j["releases"][4]["notes"][0].get<std::string>().find("west.yml at "), std::string::npos) << j["releases"][4];
  bool found = false;
  for (const json& v : j["vulnerabilities"])
    if (v["vulnerability"] == "OSV-GIT") {
      found = true;
      EXPECT_EQ(v["shipped_in"], json::array({"v1.1.0"}));
      EXPECT_EQ(v["first_release_without"], "v1.1.1");
      EXPECT_EQ(v["fixed_in_series"]["1.1"], "v1.1.1");
    }
  EXPECT_TRUE(found) << j["vulnerabilities"];
  auto table = testing::Psirt({"scan", w.manifest, "--history"}, ws.path());
  EXPECT_NE(table.out.find("mbedtls  OSV-GIT  shipped in v1.1.0  first release without: v1.1.1"), std::string::npos) << table.out;
  // A manifest outside the given repository, and --repo without --history.
  auto outside = testing::Psirt({"scan", w.manifest, "--history", "--repo", w.top / "modules/hal"}, ws.path());
  EXPECT_EQ(outside.exit_code, 2);
  EXPECT_NE(outside.err.find("is not inside the project's repository"), std::string::npos) << outside.err;
  EXPECT_EQ(testing::Psirt({"scan", w.manifest, "--repo", project}, ws.path()).exit_code, 2);
  EXPECT_EQ(testing::Psirt({"scan", w.manifest, "--history", "--open", "a", "b"}, ws.path()).exit_code, 2);
}

}  // namespace
}  // namespace psirt
