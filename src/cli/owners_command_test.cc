// End-to-end tests of `psirt owners`, `triage --file` and `who-can-see`
// against the demo's generated repository and the real Zephyr file.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "testing/test_support.h"

namespace psirt {
namespace {

using nlohmann::json;
using testing::Psirt;

const std::string kZephyr = testing::TestData("maintainers/zephyr-MAINTAINERS.yml");

TEST(OwnersCommandTest, PathsAsJsonLinesFromArgsAndStdin) {
  auto r = Psirt({"--json", "owners", "--maintainers", kZephyr, "drivers/sensor/st/foo.c",
                  "nowhere/x.txt"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream in(r.out);
  std::string l1, l2;
  std::getline(in, l1);
  std::getline(in, l2);
  json a = json::parse(l1), b = json::parse(l2);
  EXPECT_EQ(a["path"], "drivers/sensor/st/foo.c");
  ASSERT_EQ(a["areas"].size(), 2u);
  EXPECT_EQ(a["areas"][0]["name"], "Drivers: Sensors");
  EXPECT_EQ(a["areas"][0]["file_groups"], json::array({"Vendor-owned sensor drivers"}));
  EXPECT_EQ(a["areas"][1]["name"], "ST Sensors");
  EXPECT_TRUE(a["areas"][0]["maintainers"].is_array());
  EXPECT_EQ(b["areas"], json::array());
  auto s = Psirt({"--json", "owners", "--maintainers", kZephyr, "-"}, ".", {},
                 "modules/mbedtls/Kconfig\ndoc/security/vulnerabilities/2025.rst\n");
  ASSERT_EQ(s.exit_code, 0) << s.err;
  EXPECT_NE(s.out.find("\"name\":\"West project: mbedtls\""), std::string::npos);
  EXPECT_NE(s.out.find("\"name\":\"Security\""), std::string::npos);
}

TEST(OwnersCommandTest, BadFileAndMissingFile) {
  testing::TempDir dir;
  testing::WriteFile(dir / "M.yml", "A:\n  files: [a/]\n  owner: me\n");
  auto r = Psirt({"owners", "--maintainers", dir / "M.yml", "a/x"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("M.yml:3: unknown key 'owner' in area 'A'"), std::string::npos) << r.err;
  auto m = Psirt({"owners", "--maintainers", dir / "none.yml", "a/x"});
  EXPECT_EQ(m.exit_code, 1);
  EXPECT_NE(m.err.find("none.yml: no such file"), std::string::npos);
  EXPECT_EQ(Psirt({"owners", "a/x"}, dir.path()).exit_code, 2);  // no file, no workspace
}

class OwnersDemoTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(Psirt({"demo", ws()}).exit_code, 0); }
  std::string ws() { return dir_ / "demo"; }
  testing::RunResult P(std::vector<std::string> args) {
    args.insert(args.begin(), {"--workspace", ws()});
    return Psirt(args, dir_.path(), {{"PSIRT_USER", "alice"}});
  }
  testing::TempDir dir_;
};

TEST_F(OwnersDemoTest, CommitRangeAreasAgreeWithGitDiff) {
  std::string repo = ws() + "/tinyrtos";
  auto diff = testing::Run({"git", "-C", repo, "diff", "--name-only", "v2.0.0..main"});
  auto r = P({"--json", "owners", "--commits", "v2.0.0..main"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out);
  std::string paths;
  for (auto& p : j["paths"]) paths += p.get<std::string>() + "\n";
  EXPECT_EQ(paths, diff.out);
  std::set<std::string> names;
  for (auto& a : j["areas"]) names.insert(a["name"]);
  EXPECT_EQ(names, (std::set<std::string>{"Kernel", "Networking", "USB"}));
  EXPECT_EQ(P({"owners", "--commits", "nosuchrev..main"}).exit_code, 1);
}

TEST_F(OwnersDemoTest, SuggestAssigneeAndCheck) {
  auto r = P({"--json", "owners", "--suggest-assignee", "subsys/net/ip/ipv4.c",
              "subsys/net/ip/ipv6.c", "kernel/sched.c"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out);
  EXPECT_EQ(j["assignee"], "net-lead");
  EXPECT_EQ(j["area"], "Networking");
  EXPECT_EQ(j["weights"][0]["weight"], 2);
  auto ok = P({"owners", "--check", "--repo", ws() + "/tinyrtos"});
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  // A glob that matches no tracked file is reported with its line.
  std::string m = testing::ReadFile(ws() + "/tinyrtos/MAINTAINERS.yml");
  testing::WriteFile(dir_ / "M.yml", m + "Ghost:\n  status: odd fixes\n  files: [ghost/]\n");
  auto bad = P({"owners", "--check", "--maintainers", dir_ / "M.yml", "--repo", ws() + "/tinyrtos"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.out.find("M.yml:66: glob pattern 'ghost/' in 'files' in area 'Ghost' does not match any files"),
            std::string::npos)
      << bad.out;
}

TEST_F(OwnersDemoTest, TriageFilesFillAreasAssigneeAndNeedToKnow) {
  ASSERT_EQ(P({"triage", "TRS-2026-0007", "--file", "subsys/bluetooth/host/l2cap.c"}).exit_code, 0);
  json s = json::parse(P({"--json", "show", "TRS-2026-0007"}).out);
  EXPECT_EQ(s["areas"], json::array({"Bluetooth Host"}));
  EXPECT_EQ(s["suggested_assignee"], "bt-lead");
  EXPECT_EQ(s["need_to_know"], json::array({"bt-lead", "bt-dev"}));
  json w = json::parse(P({"--json", "who-can-see", "TRS-2026-0007"}).out);
  std::vector<std::string> who;
  for (auto& p : w["need_to_know"]) who.push_back(p["who"]);
  EXPECT_NE(std::find(who.begin(), who.end(), "bt-lead"), who.end());
  EXPECT_NE(std::find(who.begin(), who.end(), "bt-dev"), who.end());
  EXPECT_NE(std::find(who.begin(), who.end(), "Gina <gina@bt.example>"), who.end());
  EXPECT_EQ(std::find(who.begin(), who.end(), "usb-lead"), who.end());  // no need to know
}

}  // namespace
}  // namespace psirt

namespace psirt {
namespace {

TEST_F(OwnersDemoTest, StatusJsonOfThePublishedAdvisory) {
  auto r = P({"--json", "status", "TRS-2026-0001"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json s = json::parse(r.out);
  EXPECT_EQ(s["id"], "TRS-2026-0001");
  EXPECT_EQ(s["fix_commits"].size(), 1u);
  EXPECT_EQ(s["main"]["merged"], true);
  EXPECT_EQ(s["main"]["first_release"], "v2.0.0");
  std::map<std::string, std::string> st;
  for (auto& b : s["branches"]) st[b["branch"]] = b["status"];
  EXPECT_EQ(st["v2.0-branch"], "fixed");
  EXPECT_EQ(st["v1.0-branch"], "missing");      // LTS: required
  EXPECT_EQ(st["v1.1-branch"], "not-required");
  EXPECT_EQ(P({"status", "TRS-2026-0099"}).exit_code, 1);
}

}  // namespace
}  // namespace psirt
