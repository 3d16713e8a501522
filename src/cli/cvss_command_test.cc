// End-to-end tests of `psirt cvss` (arguments and batch mode) and of
// `psirt triage --cvss` storing the computed score.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "testing/test_support.h"

namespace psirt {
namespace {

using nlohmann::json;
using testing::Psirt;

std::vector<json> Lines(const std::string& out) {
  std::vector<json> v;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) v.push_back(json::parse(line));
  return v;
}

TEST(CvssCommandTest, ScoresArgumentsAsJson) {
  auto r = Psirt({"cvss", "--json", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
                  "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["version"], "3.1");
  EXPECT_EQ(lines[0]["base_score"], 9.8);
  EXPECT_EQ(lines[0]["base_severity"], "Critical");
  EXPECT_EQ(lines[0]["temporal_score"], 9.8);
  EXPECT_EQ(lines[0]["environmental_score"], 9.8);
  EXPECT_EQ(lines[0]["impact"], 5.9);
  EXPECT_EQ(lines[0]["exploitability"], 3.9);
  EXPECT_EQ(lines[1]["version"], "4.0");
  EXPECT_EQ(lines[1]["nomenclature"], "CVSS-BT");
  EXPECT_EQ(lines[1]["macrovector"], "000220");
  EXPECT_EQ(lines[1]["base_score"], 9.3);
  EXPECT_TRUE(lines[1]["score"].is_number());
  EXPECT_TRUE(lines[1]["severity"].is_string());
}

TEST(CvssCommandTest, HumanOutputAndInvalidArgument) {
  auto ok = Psirt({"cvss", "AV:N/AC:L/Au:N/C:C/I:C/A:C"});
  EXPECT_EQ(ok.exit_code, 0);
  EXPECT_NE(ok.out.find("10.0 High"), std::string::npos) << ok.out;
  auto bad = Psirt({"cvss", "CVSS:3.1/AV:X"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("bad value 'X' for metric 'AV' at column 13"), std::string::npos) << bad.err;
}

TEST(CvssCommandTest, BatchModeReportsErrorsInlineAndScoresTheRest) {
  std::string in =
      "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\n"
      "CVSS:3.1/AV:N/AV:N\n"
      "\n"
      "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\r\n"
      "garbage \"quoted\"\n";
  auto r = Psirt({"--json", "cvss", "-"}, ".", {}, in);
  EXPECT_EQ(r.exit_code, 1);
  auto lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 4u);  // blank lines are skipped
  EXPECT_EQ(lines[0]["base_score"], 9.8);
  EXPECT_EQ(lines[1]["vector"], "CVSS:3.1/AV:N/AV:N");
  EXPECT_EQ(lines[1]["error"], "duplicate metric 'AV' at column 15");
  EXPECT_EQ(lines[2]["score"], 9.3);
  EXPECT_EQ(lines[3]["vector"], "garbage \"quoted\"");
  EXPECT_TRUE(lines[3].contains("error"));
  EXPECT_NE(r.err.find("2 invalid vectors"), std::string::npos);
}

TEST(CvssCommandTest, TriageStoresScoreAndSeverity) {
  testing::TempDir dir;
  ASSERT_EQ(Psirt({"init", dir.path()}).exit_code, 0);
  std::map<std::string, std::string> env = {{"PSIRT_USER", "a"}};
  auto rep = Psirt({"--json", "report", "--title", "x", "--reported-on", "2026-01-01"}, dir.path(), env);
  std::string id = json::parse(rep.out)["id"];
  auto bad = Psirt({"triage", id, "--cvss", "CVSS:3.1/AV:N"}, dir.path(), env);
  EXPECT_EQ(bad.exit_code, 2);  // a bad option value: usage
  EXPECT_NE(bad.err.find("--cvss: missing mandatory metric 'AC'"), std::string::npos) << bad.err;
  auto hist = json::parse(Psirt({"--json", "history", id}, dir.path(), env).out);
  EXPECT_EQ(hist.size(), 1u);  // nothing recorded
  ASSERT_EQ(Psirt({"triage", id, "--cvss", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N"},
                  dir.path(), env)
                .exit_code,
            0);
  json s = json::parse(Psirt({"--json", "show", id}, dir.path(), env).out);
  EXPECT_EQ(s["cvss_score"], 6.1);
  EXPECT_EQ(s["cvss_severity"], "Medium");
  EXPECT_EQ(s["cvss_version"], "3.1");
  auto text = Psirt({"show", id}, dir.path(), env);
  EXPECT_NE(text.out.find("(6.1 Medium)"), std::string::npos) << text.out;
  json l = json::parse(Psirt({"--json", "list"}, dir.path(), env).out);
  EXPECT_EQ(l[0]["severity"], "Medium");
}

}  // namespace
}  // namespace psirt
