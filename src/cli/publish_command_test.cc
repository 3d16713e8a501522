// End-to-end tests of `psirt import`, `psirt export` and `psirt notify`:
// exit statuses (1 bad input, 2 usage), one clear message naming the file
// and line, nothing written when something is wrong.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <nlohmann/json.hpp>

#include "testing/smtp_server.h"
#include "testing/test_support.h"

namespace psirt {
namespace {

using testing::Psirt;
using testing::RunResult;

class PublishCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(Psirt({"demo", dir_ / "ws"}).exit_code, 0);
  }
  RunResult P(std::vector<std::string> args) { return Psirt(args, dir_ / "ws"); }
  std::string Page(int y) {
    return testing::SharedData("zephyr/doc/security/vulnerabilities/" + std::to_string(y) + ".rst");
  }
  testing::TempDir dir_;
};

TEST_F(PublishCliTest, ImportAndExportPages) {
  RunResult r = P({"--json", "import", "zephyr-rst", Page(2023), Page(2024)});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["created"], 41);
  std::string out = dir_ / "2024.rst";
  r = P({"export", "--year", "2024", "--format", "rst", "-o", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(testing::ReadFile(out), testing::ReadFile(Page(2024)));
  r = P({"import", "zephyr-rst", Page(2024)});
  EXPECT_EQ(r.out, "imported 16 advisories: 0 created, 0 updated, 16 unchanged\n");
  r = P({"export", "TRS-2026-0001", "--format", "cve5"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["cveMetadata"]["cveId"], "CVE-2026-10001");
  std::string dir = dir_ / "osv";
  r = P({"export", "--all", "--format", "osv", "-o", dir});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(dir + "/TRS-2026-0001.json"));
  r = P({"export", "--format", "release-notes", "--release", "v3.7.0"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("* :cve:`2024-3077` `"), std::string::npos) << r.out;
}

TEST_F(PublishCliTest, EverySkippedAdvisoryIsSaidOnceWithItsReason) {
  ASSERT_EQ(P({"import", "zephyr-rst", Page(2019), Page(2023), Page(2024)}).exit_code, 0);
  RunResult r = P({"export", "--all", "--format", "cve5", "-o", dir_ / "cve"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The demo's CNA assigned none of the pages' CVEs: each is skipped, once,
  // saying why, and the summary counts them.
  std::vector<std::string> lines;
  for (size_t at = 0, nl; (nl = r.out.find('\n', at)) != std::string::npos; at = nl + 1)
    lines.push_back(r.out.substr(at, nl - at));
  ASSERT_FALSE(lines.empty());
  std::set<std::string> skipped;
  for (const std::string& l : lines)
    if (l.rfind("  skipped ", 0) == 0) {
      EXPECT_TRUE(skipped.insert(l).second) << "said twice: " << l;
    }
  EXPECT_GT(skipped.size(), 30u);
  EXPECT_NE(lines[0].find(", " + std::to_string(skipped.size()) + " not this CNA's)"), std::string::npos) << lines[0];
  for (const std::string& l : skipped) EXPECT_NE(l.find("who assigned it is unknown"), std::string::npos) << l;
  EXPECT_EQ(r.err, "") << "nothing else said";
  auto j = nlohmann::json::parse(P({"--json", "export", "--all", "--format", "cve5", "-o", dir_ / "cve2"}).out);
  EXPECT_EQ(j["skipped_why"].size(), skipped.size());
}

TEST_F(PublishCliTest, BadInputIsOneClearErrorAndNothingWritten) {
  std::string bad = dir_ / "bad.rst";
  testing::WriteFile(bad, ".. _vulnerabilities_2024:\n\nCVE-2024\n########\n\n:cve:`2024-1234`\nno underline\n");
  RunResult r = P({"import", "zephyr-rst", Page(2022), bad});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "psirt: " + bad + ":7: expected the heading's underline of '-'\n");
  r = P({"--json", "list"});
  EXPECT_EQ(nlohmann::json::parse(r.out).size(), 8u);  // 2022.rst was not imported either
  // Not ready to publish: refused with what is missing, no file written.
  std::string out = dir_ / "x.json";
  r = P({"export", "TRS-2026-0008", "--format", "cve5", "-o", out});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("- a CVE id"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(out));
  EXPECT_EQ(P({"export", "TRS-2026-0008", "--format", "cve5", "--draft", "-o", out}).exit_code, 0);
  EXPECT_TRUE(std::filesystem::exists(out));
  // Text longer than the records can carry (CVE descriptions are at most
  // 4096 characters) is refused at intake, with the limit.
  r = P({"--as", "team@example.org", "edit", "TRS-2026-0001", "--description", std::string(5000, 'x')});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "psirt: description: 5000 characters, at most 4096 allowed (what published records carry)\n");
  // Usage errors: exit 2.
  EXPECT_EQ(P({"export", "TRS-2026-0001", "--format", "pdf"}).exit_code, 2);
  EXPECT_EQ(P({"export", "--format", "release-notes"}).exit_code, 2);
  EXPECT_EQ(P({"import", "html", Page(2022)}).exit_code, 2);
  EXPECT_EQ(P({"notify"}).exit_code, 2);
  EXPECT_EQ(P({"notify", "--mbox", "a", "--smtp", "smtp://127.0.0.1:1"}).exit_code, 2);
  r = P({"import", "cve5", dir_ / "missing.json"});
  EXPECT_EQ(r.exit_code, 1);
}

TEST_F(PublishCliTest, NotifyOverSmtpWithCredentialsFile) {
  testing::SmtpTestServer server("psirt", "pw-123");
  std::string cred = dir_ / "smtp.cred";
  testing::WriteFile(cred, "psirt:pw-123\n");
  RunResult r = P({"notify", "--smtp", server.url(), "--smtp-credentials", cred});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(server.messages().size(), 6u);
  EXPECT_EQ(r.out.find("pw-123"), std::string::npos);
  r = P({"notify", "--smtp", server.url(), "--smtp-credentials", cred});
  EXPECT_EQ(r.out, "nothing is due\n");
  EXPECT_EQ(server.messages().size(), 6u);
}

}  // namespace
}  // namespace psirt
