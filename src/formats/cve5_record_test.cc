// Tests of CVE 5 records read for the vulnerability database, and of the
// stored JSON form of vulnerability records.
#include "formats/cve5_record.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "formats/osv_record.h"
#include "formats/vuln_record_read.h"
#include "formats/vuln_record_json.h"
#include "testing/test_support.h"

namespace psirt {
namespace {

nlohmann::json Load(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return nlohmann::json::parse(ss.str());
}

TEST(Cve5Record, RealRecordsLoadWithTheirVersionsAndGitRanges) {
  std::string dir = testing::SharedData("records/");
  auto linux_cve = Cve5JsonToRecord(Load(dir + "linux-cna/CVE-2024-26581.json"), "CVE-2024-26581.json");
  ASSERT_TRUE(linux_cve.ok()) << linux_cve.status().ToString();
  EXPECT_EQ(linux_cve->id, "CVE-2024-26581");
  ASSERT_FALSE(linux_cve->affected.empty());
  const VulnAffected& git = linux_cve->affected[0];
  EXPECT_EQ(git.repo, "https://git.kernel.org/pub/scm/linux/kernel/git/stable/linux.git");
  EXPECT_EQ(git.default_status, "unaffected");
  ASSERT_GE(git.ranges.size(), 6u);  // each commit-to-commit entry is a GIT range
  EXPECT_EQ(git.ranges[0].type, "GIT");
  EXPECT_EQ(git.ranges[0].Values(RangeEvent::Kind::kIntroduced), std::vector<std::string>{"8284a79136c384059e85e278da2210b809730287"});
  EXPECT_EQ(git.ranges[0].Values(RangeEvent::Kind::kFixed), std::vector<std::string>{"c60d252949caf9aba537525195edae6bbabc35eb"});

  auto zephyr = Cve5JsonToRecord(Load(dir + "cve/CVE-2023-4264.json"), "CVE-2023-4264.json");
  ASSERT_TRUE(zephyr.ok()) << zephyr.status().ToString();
  ASSERT_EQ(zephyr->affected.size(), 1u);
  EXPECT_EQ(zephyr->affected[0].vendor, "zephyrproject-rtos");
  EXPECT_TRUE(zephyr->affected[0].ranges.empty());  // typed git, but release numbers
  ASSERT_EQ(zephyr->affected[0].version_entries.size(), 1u);
  EXPECT_EQ(zephyr->affected[0].version_entries[0].less_than_or_equal, "3.4");
  EXPECT_EQ(zephyr->modified, "2025-02-13T17:09:30.311Z");

  for (const char* f : {"CVE-2023-51712.json", "CVE-2024-11263.json", "CVE-2024-23170.json", "CVE-2024-5754.json",
                        "CVE-2024-6135.json", "CVEv5_advanced-example.json", "CVEv5_basic-example.json"})
    EXPECT_TRUE(Cve5JsonToRecord(Load(dir + "cve/" + f), f).ok()) << f;
}

TEST(Cve5Record, MalformedRecordsNameTheFileAndPath) {
  auto r = Cve5JsonToRecord(nlohmann::json::parse(R"({"dataType":"CVE_RECORD","dataVersion":"5.1"})"), "x.json");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().ToString().find("x.json"), std::string::npos) << r.status().ToString();
  EXPECT_FALSE(Cve5JsonToRecord(nlohmann::json::array(), "y.json").ok());
  // An id is a key: bytes that are not UTF-8 are refused, not mangled (found by fuzzing).
  auto bad_id = ReadVulnRecord("id: \"OSV-2\xb2" "22-1\"\nmodified: '2022-11-28T13:02:09Z'\n", "z.yaml");
  ASSERT_FALSE(bad_id.ok());
  EXPECT_EQ(bad_id.status().field(), "id");
  EXPECT_EQ(bad_id.status().file(), "z.yaml");
  auto bad_text = ReadVulnRecord("id: OSV-2022-1\nmodified: '2022-11-28T13:02:09Z'\nsummary: \"caf\xe9\"\n", "t.yaml");
  ASSERT_TRUE(bad_text.ok()) << bad_text.status().ToString();
  EXPECT_EQ(bad_text->record.summary, "caf\xef\xbf\xbd");
}

TEST(VulnRecordJson, StoredFormKeepsEveryField) {
  VulnRecord r;
  r.id = "CVE-1";
  r.modified = "2024-01-01T00:00:00Z";
  r.withdrawn = "2024-02-01T00:00:00Z";
  r.summary = "s";
  r.aliases = {"GHSA-1"};
  VulnAffected a;
  a.vendor = "arm", a.product = "mbed_tls", a.repo = "https://github.com/Mbed-TLS/mbedtls", a.purl = "pkg:github/a/b";
  a.cpes = {"cpe:2.3:a:arm:mbed_tls:*:*:*:*:*:*:*:*"};
  a.default_status = "unaffected";
  a.version_entries = {{"2.0", "affected", "semver", "2.28.8", "", {{"2.1", "unaffected"}}}};
  a.ranges = {{"GIT", "https://x/y", {{RangeEvent::Kind::kIntroduced, "0"}, {RangeEvent::Kind::kLimit, "abc"}}}};
  a.versions = {"2.0"};
  r.affected.push_back(a);
  auto back = VulnRecordFromJson(VulnRecordToJson(r));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->id, "CVE-1");
  EXPECT_EQ(back->withdrawn, r.withdrawn);
  EXPECT_EQ(back->aliases, r.aliases);
  ASSERT_EQ(back->affected.size(), 1u);
  const VulnAffected& b = back->affected[0];
  EXPECT_EQ(b.product, "mbed_tls");
  EXPECT_EQ(b.cpes, a.cpes);
  EXPECT_EQ(b.default_status, "unaffected");
  ASSERT_EQ(b.version_entries.size(), 1u);
  EXPECT_EQ(b.version_entries[0].less_than, "2.28.8");
  EXPECT_EQ(b.version_entries[0].changes, a.version_entries[0].changes);
  ASSERT_EQ(b.ranges.size(), 1u);
  EXPECT_EQ(b.ranges[0].repo, "https://x/y");
  EXPECT_EQ(b.ranges[0].Values(RangeEvent::Kind::kLimit), std::vector<std::string>{"abc"});
  EXPECT_EQ(b.versions, a.versions);
  EXPECT_FALSE(VulnRecordFromJson("{\"id\":").ok());
}

}  // namespace
}  // namespace psirt
