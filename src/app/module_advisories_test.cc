// Tests of module vulnerabilities handled end to end, on a west workspace
// built by the test (testing/scan_fixture.h): a finding opened as an
// advisory with the upstream ids, module, pinned revision and upstream
// fixes; the agenda's "pinned at a vulnerable revision" task following the
// manifest (gone once it pins the fix, back when it moves back) and VEX
// decisions; a report whose files lie in a module linked to it by the
// scan, forwarded to upstream's SECURITY.md contact under embargo (a real
// mbox), upstream's answers recorded, the earlier embargo applying.
#include "app/module_advisories.h"

#include <gtest/gtest.h>

#include "testing/scan_fixture.h"
#include "testing/test_support.h"

namespace psirt {
namespace {

using nlohmann::json;
using testing::ScanWorkspace;

struct ModuleAdvisoriesTest : ::testing::Test {
  ScanWorkspace w;
  testing::TempDir ws;
  std::map<std::string, std::string> env = {{"PSIRT_USER", "alice"}};
  void SetUp() override {
    ASSERT_EQ(testing::Psirt({"init", "--project", "zephyr"}, ws.path()).exit_code, 0);
    std::string cfg = testing::ReadFile(ws / "psirt.yml");
    cfg.replace(cfg.find("  manifest: \"\""), 14, "  manifest: \"" + w.manifest + "\"");
    cfg.replace(cfg.find("  from: \"\""), 10, "  from: \"Zephyr Security <security@zephyrproject.org>\"");
    testing::WriteFile(ws / "psirt.yml", cfg);
    ASSERT_EQ(testing::Psirt({"vulndb", "import", w.records.path()}, ws.path()).exit_code, 0);
  }
  testing::RunResult P(const std::vector<std::string>& args) { return testing::Psirt(args, ws.path(), env); }
  json J(const std::vector<std::string>& args) {
    auto r = P(args);
    EXPECT_LE(r.exit_code, 1) << r.err;
    return json::parse(r.out, nullptr, false);
  }
  std::vector<json> Tasks(const std::string& id, const std::string& kind) {
    std::vector<json> out;
    json agenda = J({"todo", "--json"});
    for (const json& t : agenda["tasks"])
      if (t["advisory"] == id && t["task"] == kind) out.push_back(t);
    return out;
  }
  void Pin(const std::string& from, const std::string& to) {
    std::string text = testing::ReadFile(w.manifest);
    text.replace(text.find(from), 40, to);
    testing::WriteFile(w.manifest, text);
  }
};

TEST_F(ModuleAdvisoriesTest, AFindingOpensAnAdvisoryWhoseTaskFollowsTheManifestAndVex) {
  json a = J({"scan", "--open", "mbedtls", "OSV-GIT", "--json"});
  ASSERT_TRUE(a.is_object());
  std::string id = a["id"];
  EXPECT_EQ(a["state"], "Triage");
  const json& m = a["module"];
  EXPECT_EQ(m["module"], "mbedtls");
  EXPECT_EQ(m["path"], "modules/crypto/mbedtls");
  EXPECT_EQ(m["upstream"], "https://github.com/zephyrproject-rtos/mbedtls");
  EXPECT_EQ(m["origin"], "scan");
  EXPECT_EQ(m["vuln"], "OSV-GIT");
  EXPECT_EQ(m["pinned"], w.mbed[1]);
  EXPECT_EQ(m["fixed_upstream"], json::array({w.mbed[2]}));
  EXPECT_EQ(m["status"], "vulnerable");
  EXPECT_NE(a["description"].get<std::string>().find("pinned at " + w.mbed[1].substr(0, 12)), std::string::npos);

  // Once only; a suppressed or unknown finding is refused with the reason.
  auto again = P({"scan", "--open", "mbedtls", "OSV-GIT"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("already advisory " + id), std::string::npos) << again.err;
  auto vexed = P({"scan", "--open", "mbedtls", "CVE-2099-0003"});  // OSV-VEX's alias, not_affected in module.yml
  EXPECT_EQ(vexed.exit_code, 1);
  EXPECT_NE(vexed.err.find("closed by a VEX decision (not_affected)"), std::string::npos) << vexed.err;
  auto none = P({"scan", "--open", "hal", "OSV-GIT"});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_NE(none.err.find("the scan finds no OSV-GIT in module hal"), std::string::npos) << none.err;
  EXPECT_EQ(P({"scan", "--open", "mbedtls"}).exit_code, 2);  // MODULE VULN-ID

  auto pinned = Tasks(id, "module_pinned");
  ASSERT_EQ(pinned.size(), 1u);
  EXPECT_EQ(pinned[0]["text"], "module mbedtls pinned at a vulnerable revision (" + w.mbed[1].substr(0, 12) +
                                   "); fixed upstream in " + w.mbed[2].substr(0, 12));

  // The manifest moves past the fix: the next scan resolves it, the task goes.
  Pin(w.mbed[1], w.mbed[2]);
  json moved = J({"scan", "--json"});
  ASSERT_EQ(moved["advisories_updated"].size(), 1u);
  EXPECT_EQ(moved["advisories_updated"][0]["id"], id);
  json shown = J({"show", id, "--json"});
  EXPECT_EQ(shown["module"]["status"], "resolved");
  EXPECT_EQ(shown["module"]["pinned"], w.mbed[2]);
  EXPECT_NE(shown["module"]["resolution"].get<std::string>().find("no longer finds vulnerable"), std::string::npos);
  EXPECT_TRUE(Tasks(id, "module_pinned").empty());
  EXPECT_TRUE(J({"scan", "--json"})["advisories_updated"].empty());  // nothing new: nothing recorded

  // Back to the vulnerable pin: the task is back; then a VEX decision closes it.
  Pin(w.mbed[2], w.mbed[1]);
  J({"scan", "--json"});
  EXPECT_EQ(J({"show", id, "--json"})["module"]["status"], "vulnerable");
  EXPECT_EQ(Tasks(id, "module_pinned").size(), 1u);
  ASSERT_EQ(P({"vex", "set", "mbedtls", "OSV-GIT", "--status", "not_affected", "--justification",
               "vulnerable_code_not_in_execute_path"}).exit_code, 0);
  J({"scan", "--json"});
  json closed = J({"show", id, "--json"});
  EXPECT_EQ(closed["module"]["status"], "resolved");
  EXPECT_NE(closed["module"]["resolution"].get<std::string>().find("VEX not_affected: vulnerable_code_not_in_execute_path (psirt, alice)"),
            std::string::npos) << closed["module"];
  EXPECT_TRUE(Tasks(id, "module_pinned").empty());
  // Every step is in the history.
  auto history = P({"history", id});
  EXPECT_NE(history.out.find("module: concerns module mbedtls"), std::string::npos) << history.out;
  EXPECT_NE(history.out.find("module: resolved: VEX not_affected"), std::string::npos) << history.out;
}

TEST_F(ModuleAdvisoriesTest, AReportAboutAModuleIsForwardedToUpstreamAndItsAnswersRecorded) {
  testing::WriteFile(w.top / "modules/crypto/mbedtls/SECURITY.md",
                     "# Security\n\nReport vulnerabilities to mbed-tls-security@lists.trustedfirmware.org, please.\n");
  json r = J({"report", "--title", "Overflow in the TLS record layer", "--reporter", "Eve <eve@example.com>",
              "--description", "A long record overflows.", "--triage", "--json"});
  std::string id = r["id"];
  // No module yet: forwarding says what is missing, and sends nothing.
  auto unnamed = P({"forward", id, "--mbox", ws / "out.mbox"});
  EXPECT_EQ(unnamed.exit_code, 1);
  EXPECT_NE(unnamed.err.find("names no module and its affected files lie in no one module's path"), std::string::npos)
      << unnamed.err;
  EXPECT_FALSE(std::filesystem::exists(ws / "out.mbox"));

  // Its files lie in the module: the scan links it, the agenda asks to forward it.
  ASSERT_EQ(P({"triage", id, "--file", "modules/crypto/mbedtls/library/ssl.c"}).exit_code, 0);
  J({"scan", "--json"});
  json linked = J({"show", id, "--json"});
  EXPECT_EQ(linked["module"]["module"], "mbedtls");
  EXPECT_EQ(linked["module"]["origin"], "report");
  ASSERT_EQ(Tasks(id, "forward_upstream").size(), 1u);
  EXPECT_NE(Tasks(id, "forward_upstream")[0]["text"].get<std::string>().find("https://github.com/zephyrproject-rtos/mbedtls"),
            std::string::npos);

  // A dry run shows the message and records nothing.
  json dry = J({"forward", id, "--dry-run", "--json"});
  EXPECT_EQ(dry["to"], "mbed-tls-security@lists.trustedfirmware.org");
  EXPECT_EQ(dry["contact_from"], "SECURITY.md");
  EXPECT_EQ(dry["subject"], "[EMBARGOED] Vulnerability in mbedtls: Overflow in the TLS record layer (" + id + ")");
  EXPECT_NE(dry["body"].get<std::string>().find("keep it confidential until " + linked["embargo_ends"].get<std::string>()),
            std::string::npos);
  EXPECT_EQ(Tasks(id, "forward_upstream").size(), 1u);

  // Sent: the mbox holds the message to upstream's contact; the task goes.
  ASSERT_EQ(P({"forward", id, "--mbox", ws / "out.mbox"}).exit_code, 0);
  std::string mbox = testing::ReadFile(ws / "out.mbox");
  EXPECT_NE(mbox.find("To: mbed-tls-security@lists.trustedfirmware.org"), std::string::npos) << mbox;
  EXPECT_NE(mbox.find("A long record overflows."), std::string::npos);
  json sent = J({"show", id, "--json"});
  EXPECT_EQ(sent["module"]["contact"], "mbed-tls-security@lists.trustedfirmware.org");
  EXPECT_EQ(sent["module"]["forwarded_on"], sent["reported_on"]);
  EXPECT_TRUE(Tasks(id, "forward_upstream").empty());

  // Upstream answers: acknowledged, its id, an embargo ending before ours (it applies), the fix goes upstream.
  Date ours = *Date::Parse(sent["embargo_ends"].get<std::string>());
  std::string earlier = ours.AddDays(-30).ToString();
  ASSERT_EQ(P({"upstream", id, "--acknowledged", sent["reported_on"], "--advisory", "GHSA-aaaa-bbbb-cccc", "--embargo",
               earlier, "--route", "upstream", "--fixed", "3.6.3"}).exit_code, 0);
  json answered = J({"show", id, "--json"});
  EXPECT_EQ(answered["module"]["upstream_advisory"], "GHSA-aaaa-bbbb-cccc");
  EXPECT_EQ(answered["module"]["upstream_embargo"], earlier);
  EXPECT_EQ(answered["module"]["fix_route"], "upstream");
  EXPECT_EQ(answered["module"]["fixed_upstream"], json::array({"3.6.3"}));
  EXPECT_EQ(answered["embargo_ends"], earlier);  // the earlier end
  // A later upstream end does not extend ours.
  ASSERT_EQ(P({"upstream", id, "--embargo", ours.AddDays(30).ToString()}).exit_code, 0);
  EXPECT_EQ(J({"show", id, "--json"})["embargo_ends"], ours.ToString());
  // Bad answers.
  EXPECT_EQ(P({"upstream", id, "--route", "sideways"}).exit_code, 2);
  auto nothing = P({"upstream", id});
  EXPECT_EQ(nothing.exit_code, 2);
  EXPECT_NE(nothing.err.find("say what upstream answered"), std::string::npos) << nothing.err;
  // Hostile values: one clear error naming the field, nothing recorded.
  int version = J({"show", id, "--json"})["version"];
  for (const std::vector<std::string>& bad :
       {std::vector<std::string>{"--fixed", "3.6.3\x01"}, {"--fixed", std::string(300, 'f')}, {"--forwarded-to", "a\nb"},
        {"--module", "mbed\ttls"}}) {
    std::vector<std::string> args = {"upstream", id};
    args.insert(args.end(), bad.begin(), bad.end());
    auto r = P(args);
    EXPECT_EQ(r.exit_code, 1) << bad[0];
    EXPECT_NE(r.err.find(bad[0].substr(2)), std::string::npos) << r.err;
  }
  auto bytes = P({"upstream", id, "--advisory", "GHSA\xff"});  // not UTF-8: refused before anything is read
  EXPECT_EQ(bytes.exit_code, 2);
  EXPECT_NE(bytes.err.find("not valid UTF-8"), std::string::npos) << bytes.err;
  EXPECT_EQ(J({"show", id, "--json"})["version"], version);
  auto other = P({"upstream", id, "--module", "hal", "--advisory", "X"});
  EXPECT_EQ(other.exit_code, 1);
  EXPECT_NE(other.err.find("concerns module mbedtls, not hal"), std::string::npos) << other.err;
}

TEST_F(ModuleAdvisoriesTest, AReportFromUpstreamIsLinkedAsSuchAndNeedsNoForwarding) {
  json r = J({"report", "--title", "Upstream told us", "--reporter", "Mbed TLS <mbed-tls-security@lists.trustedfirmware.org>",
              "--triage", "--json"});
  std::string id = r["id"];
  ASSERT_EQ(P({"upstream", id, "--module", "mbedtls", "--advisory", "GHSA-1111-2222-3333"}).exit_code, 0);
  json a = J({"show", id, "--json"});
  EXPECT_EQ(a["module"]["origin"], "upstream");
  EXPECT_EQ(a["module"]["upstream"], "https://github.com/zephyrproject-rtos/mbedtls");
  EXPECT_TRUE(Tasks(id, "forward_upstream").empty());
  auto unknown = P({"upstream", J({"report", "--title", "x", "--reporter", "R <r@example.com>", "--json"})["id"],
                    "--module", "nosuch", "--advisory", "X"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("the manifest has no module nosuch"), std::string::npos) << unknown.err;
}

}  // namespace
}  // namespace psirt
