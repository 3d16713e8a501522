// Tests of `psirt scan` on a west workspace built by the test: a module
// fork found affected by an upstream OSV record through the commits its
// clone carries (GIT range at the pinned commit), by a CVE 5 record
// through its module.yml CPE and version; a finding suppressed by the
// module's own VEX decision; a module pinned past the fix, a withdrawn
// record and another project's record not reported; the CLI's exit codes
// (0 clean, 1 found, 2 could not scan), JSON and SARIF.
#include "app/scan_service.h"

#include <filesystem>

#include <gtest/gtest.h>

#include "app/vulndb_service.h"
#include "formats/zephyr_module_yaml.h"
#include "testing/scan_fixture.h"
#include "testing/test_support.h"

namespace psirt {
namespace {

using nlohmann::json;
using testing::ScanWorkspace;

const ScanFinding* FindingFor(const ScanResult& r, const std::string& vuln) {
  for (const ScanFinding& f : r.findings)
    if (f.vuln == vuln) return &f;
  return nullptr;
}

TEST(Scan, ForksMatchUpstreamByCommitsVersionsByCpeAndVexSuppresses) {
  ScanWorkspace w;
  ScanResult r = w.Scan();
  std::set<std::string> ids;
  for (const ScanFinding& f : r.findings) ids.insert(f.vuln);
  EXPECT_EQ(ids, (std::set<std::string>{"OSV-GIT", "OSV-VEX", "CVE-2099-0001"}));
  const ScanFinding* git = FindingFor(r, "OSV-GIT");
  ASSERT_NE(git, nullptr);
  EXPECT_EQ(git->module, "mbedtls");
  EXPECT_EQ(git->how, "git");
  // The fork's URL is not upstream's: found because its name is Mbed TLS's
  // (core/known_upstreams) and because the clone has the record's commits.
  EXPECT_EQ(git->matched_by, (std::vector<std::string>{"commit", "repo"}));
  EXPECT_EQ(git->commit, w.mbed[1]);
  EXPECT_EQ(git->fixed, std::vector<std::string>{w.mbed[2]});
  EXPECT_FALSE(git->suppressed);
  const ScanFinding* cve = FindingFor(r, "CVE-2099-0001");
  ASSERT_NE(cve, nullptr);
  EXPECT_EQ(cve->how, "version");
  EXPECT_EQ(cve->version, "3.6.2");
  EXPECT_EQ(cve->matched_by, std::vector<std::string>{"cpe"});
  EXPECT_EQ(cve->fixed, std::vector<std::string>{"3.6.3"});
  const ScanFinding* vex = FindingFor(r, "OSV-VEX");
  ASSERT_NE(vex, nullptr);
  EXPECT_TRUE(vex->suppressed);  // module.yml names it by its alias
  ASSERT_TRUE(vex->vex);
  EXPECT_EQ(vex->vex->justification, "vulnerable_code_not_in_execute_path");
  EXPECT_EQ(r.Unsuppressed(), 2u);
  ASSERT_EQ(r.modules.size(), 2u);
  EXPECT_EQ(r.modules[1].module, "hal");
  EXPECT_EQ(r.modules[1].candidates, 1u);  // OSV-HAL, decided by its GIT range: pinned past the fix
  EXPECT_EQ(r.modules[1].findings, 0u);
  EXPECT_EQ(r.records, 7);
}

TEST(Scan, CliExitCodesJsonAndSarif) {
  ScanWorkspace w;
  testing::TempDir ws;
  ASSERT_EQ(testing::Psirt({"init", "--project", "t"}, ws.path()).exit_code, 0);
  ASSERT_EQ(testing::Psirt({"vulndb", "import", w.records.path()}, ws.path()).exit_code, 0);
  auto found = testing::Psirt({"scan", w.manifest, "--json"}, ws.path());
  EXPECT_EQ(found.exit_code, 1) << found.err;
  json j = json::parse(found.out);
  EXPECT_EQ(j["vulnerable"], 2);
  EXPECT_EQ(j["suppressed"], 1);
  EXPECT_EQ(j["findings"].size(), 3u);
  auto sarif = testing::Psirt({"scan", w.manifest, "--sarif"}, ws.path());
  EXPECT_EQ(sarif.exit_code, 1);
  json s = json::parse(sarif.out);
  EXPECT_EQ(s["version"], "2.1.0");
  const json& results = s["runs"][0]["results"];
  ASSERT_EQ(results.size(), 3u);
  size_t suppressed = 0;
  for (const json& res : results) {
    EXPECT_EQ(res["locations"][0]["physicalLocation"]["region"]["startLine"], 8);  // the mbedtls project's line
    if (res.contains("suppressions")) ++suppressed;
  }
  EXPECT_EQ(suppressed, 1u);
  // Past every fix (the pin past the GIT fix, module.yml's version past 3.6.3): clean, exit 0.
  std::string text = testing::ReadFile(w.manifest);
  text.replace(text.find(w.mbed[1]), 40, w.mbed[2]);
  testing::WriteFile(w.manifest, text);
  std::string yml = w.top / "modules/crypto/mbedtls/zephyr/module.yml";
  std::string meta = testing::ReadFile(yml);
  meta.replace(meta.find("3.6.2"), 5, "3.6.3");
  testing::WriteFile(yml, meta);
  auto clean = testing::Psirt({"scan", w.manifest}, ws.path());
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;
  EXPECT_NE(clean.out.find("0 vulnerabilities"), std::string::npos) << clean.out;
  // Could not scan: 2.
  testing::WriteFile(w.top / "bad.yml", "manifest:\n  projects:\n    - name: a\n      remote: nowhere\n");
  auto bad = testing::Psirt({"scan", w.top / "bad.yml"}, ws.path());
  EXPECT_EQ(bad.exit_code, 2) << bad.err;
  EXPECT_NE(bad.err.find("bad.yml:3"), std::string::npos) << bad.err;
}

TEST(Scan, TeamVexDecisionsSuppressAndExportAsOpenVexAndModuleYml) {
  ScanWorkspace w;
  testing::TempDir ws;
  ASSERT_EQ(testing::Psirt({"init", "--project", "t"}, ws.path()).exit_code, 0);
  ASSERT_EQ(testing::Psirt({"vulndb", "import", w.records.path()}, ws.path()).exit_code, 0);
  std::map<std::string, std::string> env = {{"PSIRT_USER", "alice"}};
  auto bad = testing::Psirt({"vex", "set", "mbedtls", "CVE-2099-0001", "--status", "affected", "--justification",
                             "component_not_present", "--json"}, ws.path(), env);
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_EQ(json::parse(bad.out)["error"]["field"], "justification");
  auto set = testing::Psirt({"vex", "set", "mbedtls", "CVE-2099-0001", "--status", "not_affected", "--justification",
                             "vulnerable_code_not_in_execute_path", "--note", "DTLS is not built"}, ws.path(), env);
  ASSERT_EQ(set.exit_code, 0) << set.err;
  auto scan = testing::Psirt({"scan", w.manifest, "--json"}, ws.path());
  json j = json::parse(scan.out);
  EXPECT_EQ(j["vulnerable"], 1);  // only OSV-GIT is left
  EXPECT_EQ(j["suppressed"], 2);
  for (const json& f : j["findings"])
    if (f["vulnerability"] == "CVE-2099-0001") {
      EXPECT_EQ(f["vex"]["source"], "psirt");
      EXPECT_EQ(f["vex"]["author"], "alice");
    }
  // A later decision replaces it: affected again.
  ASSERT_EQ(testing::Psirt({"vex", "set", "mbedtls", "CVE-2099-0001", "--status", "under_investigation"}, ws.path(), env).exit_code, 0);
  EXPECT_EQ(json::parse(testing::Psirt({"scan", w.manifest, "--json"}, ws.path()).out)["vulnerable"], 2);
  ASSERT_EQ(testing::Psirt({"vex", "set", "mbedtls", "CVE-2099-0001", "--status", "not_affected", "--justification",
                            "vulnerable_code_not_in_execute_path", "--note", "DTLS is not built"}, ws.path(), env).exit_code, 0);
  // OpenVEX: the module named by its package URL at the pinned commit.
  auto ov = testing::Psirt({"vex", "export", "--format", "openvex", "--manifest", w.manifest}, ws.path());
  ASSERT_EQ(ov.exit_code, 0) << ov.err;
  json doc = json::parse(ov.out);
  EXPECT_EQ(doc["@context"], "https://openvex.dev/ns/v0.2.0");
  ASSERT_EQ(doc["statements"].size(), 1u);
  const json& st = doc["statements"][0];
  EXPECT_EQ(st["vulnerability"]["name"], "CVE-2099-0001");
  EXPECT_EQ(st["status"], "not_affected");
  EXPECT_EQ(st["justification"], "vulnerable_code_not_in_execute_path");
  EXPECT_EQ(st["impact_statement"], "DTLS is not built");
  EXPECT_EQ(st["products"][0]["identifiers"]["purl"], "pkg:github/zephyrproject-rtos/mbedtls@" + w.mbed[1]);
  // module.yml: the block reads back as the same assessment.
  auto yml = testing::Psirt({"vex", "export", "--format", "module-yml", "mbedtls"}, ws.path());
  ASSERT_EQ(yml.exit_code, 0) << yml.err;
  auto meta = ReadZephyrModule(yml.out, "module.yml");
  ASSERT_TRUE(meta.ok()) << meta.status().ToString() << "\n" << yml.out;
  ASSERT_EQ(meta->assessments.size(), 1u);
  EXPECT_EQ(meta->assessments[0].vulnerability, "CVE-2099-0001");
  EXPECT_EQ(meta->assessments[0].status, "not_affected");
  EXPECT_EQ(meta->assessments[0].justification, "vulnerable_code_not_in_execute_path");
  EXPECT_EQ(meta->assessments[0].impact_statement, "DTLS is not built");
  EXPECT_EQ(testing::Psirt({"vex", "export", "--format", "module-yml", "hal"}, ws.path()).exit_code, 1);
}

// CycloneDX and CSAF VEX: the same decisions, in each format's terms, both
// schema-checked by the exporter (an affected one carries its remedy).
TEST(Scan, VexExportsAsCycloneDxAndCsaf) {
  ScanWorkspace w;
  testing::TempDir ws;
  ASSERT_EQ(testing::Psirt({"init", "--project", "t"}, ws.path()).exit_code, 0);
  std::map<std::string, std::string> env = {{"PSIRT_USER", "alice"}};
  ASSERT_EQ(testing::Psirt({"vex", "set", "mbedtls", "CVE-2099-0001", "--status", "not_affected", "--justification",
                            "vulnerable_code_not_in_execute_path", "--note", "DTLS is not built"}, ws.path(), env).exit_code, 0);
  ASSERT_EQ(testing::Psirt({"vex", "set", "hal", "OSV-HAL", "--status", "affected", "--note", "bump hal"}, ws.path(), env).exit_code, 0);
  auto cdx = testing::Psirt({"vex", "export", "--format", "cyclonedx", "--manifest", w.manifest}, ws.path());
  ASSERT_EQ(cdx.exit_code, 0) << cdx.err;
  json c = json::parse(cdx.out);
  EXPECT_EQ(c["specVersion"], "1.6");
  std::map<std::string, json> by_id;
  for (const json& v : c["vulnerabilities"]) by_id[v["id"]] = v;
  ASSERT_EQ(by_id.size(), 2u);
  EXPECT_EQ(by_id["CVE-2099-0001"]["analysis"]["state"], "not_affected");
  EXPECT_EQ(by_id["CVE-2099-0001"]["analysis"]["justification"], "code_not_reachable");
  EXPECT_EQ(by_id["CVE-2099-0001"]["analysis"]["detail"], "DTLS is not built");
  EXPECT_EQ(by_id["CVE-2099-0001"]["affects"][0]["ref"], "mbedtls");
  EXPECT_EQ(by_id["OSV-HAL"]["analysis"]["state"], "exploitable");
  EXPECT_EQ(by_id["OSV-HAL"]["analysis"]["response"], json::array({"update"}));
  bool component = false;
  for (const json& comp : c["components"]) component |= comp["bom-ref"] == "mbedtls";
  EXPECT_TRUE(component) << "affects names a component of the same BOM";

  auto csaf = testing::Psirt({"vex", "export", "--format", "csaf", "--manifest", w.manifest}, ws.path());
  ASSERT_EQ(csaf.exit_code, 0) << csaf.err;
  json f = json::parse(csaf.out);
  EXPECT_EQ(f["document"]["category"], "csaf_vex");
  std::map<std::string, json> vulns;
  for (const json& v : f["vulnerabilities"]) vulns[v.contains("cve") ? v["cve"] : v["ids"][0]["text"]] = v;
  ASSERT_EQ(vulns.size(), 2u);
  EXPECT_EQ(vulns["CVE-2099-0001"]["product_status"]["known_not_affected"], json::array({"MODULE-mbedtls"}));
  EXPECT_EQ(vulns["CVE-2099-0001"]["flags"][0]["label"], "vulnerable_code_not_in_execute_path");
  EXPECT_EQ(vulns["OSV-HAL"]["ids"][0]["system_name"], "OSV");
  EXPECT_EQ(vulns["OSV-HAL"]["product_status"]["known_affected"], json::array({"MODULE-hal"}));
  EXPECT_EQ(vulns["OSV-HAL"]["remediations"][0]["details"], "bump hal");
  bool purl = false;
  for (const json& p : f["product_tree"]["full_product_names"])
    purl |= p["product_identification_helper"]["purl"] == "pkg:github/zephyrproject-rtos/mbedtls@" + w.mbed[1];
  EXPECT_TRUE(purl) << f["product_tree"];
  EXPECT_EQ(testing::Psirt({"vex", "export", "--format", "spdx"}, ws.path()).exit_code, 2);
}

}  // namespace
}  // namespace psirt
