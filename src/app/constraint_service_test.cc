// Tests of module compatibility constraints on the real-world case, built
// as git clones: Mbed TLS tags 2.26, 3.1, 3.2, 3.5.2, 3.6.0, 3.6.3 and TF-M
// tags 1.3, 1.6, 1.7, 2.1.4 whose module.yml carry the historical
// constraints ("mbed TLS 2.26 is not compatible with TF-M 1.3", "TF-M 1.6
// is aligned with Mbed TLS 3.1, 1.7 with 3.2", TF-M 2.1.4 needs 3.6).
// `modules check` fails on the historical mismatches with a derivation
// naming each fact's file and line, passes on the aligned pairs, and
// refuses malformed constraints, unknown modules and cycles.
#include "app/constraint_service.h"

#include <filesystem>

#include <gtest/gtest.h>

#include "app/scan_service.h"
#include "app/vulndb_service.h"
#include "store/store.h"
#include "testing/scan_fixture.h"
#include "testing/tfm_world.h"
#include "testing/test_support.h"

namespace psirt {
namespace {

using testing::TfmWorld;

using nlohmann::json;
using testing::Run;
using testing::WriteFile;

TEST(ModuleConstraints, HistoricalMismatchesFailWithADerivation) {
  TfmWorld w;
  w.Pin("TF-Mv2.1.4", "v3.5.2");
  ConstraintCheck c = w.Check();
  ASSERT_EQ(c.findings.size(), 1u);
  const ConstraintFinding& f = c.findings[0];
  EXPECT_EQ(f.kind, ConstraintFinding::Kind::kConflict);
  EXPECT_EQ(f.module_version, "2.1.4");
  EXPECT_EQ(f.required_version, "3.5.2");
  EXPECT_EQ(f.line, 5);
  EXPECT_EQ(f.file, w.tfm_dir + "/zephyr/module.yml");
  ASSERT_EQ(f.derivation.size(), 4u);
  EXPECT_EQ(f.derivation[0], "trusted-firmware-m 2.1.4 requires mbedtls >=3.6.0, <3.7.0 when CONFIG_BUILD_WITH_TFM (" +
                                 w.tfm_dir + "/zephyr/module.yml:5)");
  EXPECT_EQ(f.derivation[1], "assumed CONFIG_BUILD_WITH_TFM is set (no configuration given)");
  EXPECT_EQ(f.derivation[2], "the manifest pins mbedtls at 3.5.2 (from its release tag; " + w.manifest + ":8)");
  EXPECT_EQ(f.derivation[3], "Because trusted-firmware-m 2.1.4 requires mbedtls >=3.6.0, <3.7.0 and the manifest pins "
                             "mbedtls at 3.5.2, trusted-firmware-m cannot be built.");

  w.Pin("TF-Mv1.3.0", "v2.26.0");  // "mbed TLS v2.26.0 is not compatible with TF-M 1.3"
  EXPECT_EQ(w.Check().Problems(), 1u);
  w.Pin("TF-Mv1.6.0", "v3.2.0");
  EXPECT_EQ(w.Check().Problems(), 1u);

  auto cli = testing::Psirt({"modules", "check", w.manifest});
  EXPECT_EQ(cli.exit_code, 1) << cli.err;
  EXPECT_NE(cli.out.find("conflict  trusted-firmware-m -> mbedtls"), std::string::npos) << cli.out;
  EXPECT_NE(cli.out.find("1 problems in 1 requirements"), std::string::npos) << cli.out;
}

TEST(ModuleConstraints, AlignedPairsPassAndConditionsApply) {
  TfmWorld w;
  for (auto [tfm, mbed] : std::vector<std::pair<const char*, const char*>>{
           {"TF-Mv1.6.0", "v3.1.0"}, {"TF-Mv1.7.0", "v3.2.0"}, {"TF-Mv2.1.4", "v3.6.0"}, {"TF-Mv2.1.4", "v3.6.3"}}) {
    w.Pin(tfm, mbed);
    ConstraintCheck c = w.Check();
    ASSERT_EQ(c.findings.size(), 1u) << tfm;
    EXPECT_EQ(c.findings[0].kind, ConstraintFinding::Kind::kSatisfied) << tfm << " " << mbed;
  }
  auto cli = testing::Psirt({"--json", "modules", "check", w.manifest});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  json j = json::parse(cli.out);
  EXPECT_EQ(j["findings"][0]["kind"], "satisfied");
  EXPECT_EQ(j["modules"][0]["version_source"], "tag");

  // Without TF-M in the build the requirement does not apply.
  w.Pin("TF-Mv2.1.4", "v3.5.2");
  WriteFile(w.top / "prj.conf", "CONFIG_NET=y\n# CONFIG_BUILD_WITH_TFM is not set\n");
  ConstraintCheckOptions o;
  o.kconfig_file = w.top / "prj.conf";
  ConstraintCheck off = w.Check(o);
  ASSERT_EQ(off.findings.size(), 1u);
  EXPECT_EQ(off.findings[0].kind, ConstraintFinding::Kind::kNotApplicable);
  EXPECT_EQ(off.Problems(), 0u);
  WriteFile(w.top / "prj.conf", "CONFIG_BUILD_WITH_TFM=y\n");
  EXPECT_EQ(w.Check(o).Problems(), 1u);

  // The LTS case: the group filter drops Mbed TLS, TF-M still needs it.
  w.Pin("TF-Mv2.1.4", "v3.6.0", "  group-filter: [-crypto]\n");
  ConstraintCheck dropped = w.Check();
  ASSERT_EQ(dropped.findings.size(), 1u);
  EXPECT_EQ(dropped.findings[0].kind, ConstraintFinding::Kind::kInactive);
  EXPECT_EQ(dropped.findings[0].derivation.back(),
            "Because trusted-firmware-m requires mbedtls and the manifest leaves mbedtls out, trusted-firmware-m cannot be built.");
}

TEST(ModuleConstraints, ConstraintsFileUnknownModulesAndCycles) {
  TfmWorld w;
  w.Pin("TF-Mv1.7.0", "v3.2.0");
  WriteFile(w.top / "constraints.yml",
            "constraints:\n"
            "  - module: mbedtls\n    version: \">=3.0\"\n    requires:\n      - module: trusted-firmware-m\n        version: \"*\"\n"
            "  - module: mbedtsl\n    requires:\n      - module: trusted-firmware-m\n        version: \"*\"\n"
            "  - module: trusted-firmware-m\n    requires:\n      - module: hal_nordic\n        version: \"^4\"\n");
  ConstraintCheckOptions o;
  o.constraints_file = w.top / "constraints.yml";
  ConstraintCheck c = w.Check(o);
  std::map<std::string, int> kinds;
  for (const ConstraintFinding& f : c.findings) kinds[ConstraintKindName(f.kind)]++;
  EXPECT_EQ(kinds, (std::map<std::string, int>{{"cycle", 1}, {"missing", 2}, {"satisfied", 2}}));
  for (const ConstraintFinding& f : c.findings) {
    if (f.kind == ConstraintFinding::Kind::kCycle) {
      ASSERT_EQ(f.derivation.size(), 3u);
      EXPECT_NE(f.derivation[2].find("cycle: "), std::string::npos);
      EXPECT_NE(f.derivation[0].find("constraints.yml:5"), std::string::npos) << f.derivation[0];
    }
    if (f.kind == ConstraintFinding::Kind::kMissing && f.module == "mbedtsl") {
      EXPECT_EQ(f.line, 7);  // the rule naming no project, by its line
    }
  }
  EXPECT_EQ(testing::Psirt({"modules", "check", w.manifest, "--constraints", w.top / "constraints.yml"}).exit_code, 1);
}

TEST(ModuleConstraints, ScanSaysWhenAConstraintBlocksTheFix) {
  TfmWorld w;
  w.Pin("TF-Mv2.1.4", "v3.6.0");
  WriteFile(w.top / "constraints.yml", "constraints:\n  - module: trusted-firmware-m\n    version: \"2.1.*\"\n"
                                        "    requires:\n      - module: mbedtls\n        version: \"<3.6.3\"\n");
  WriteFile(w.top / "recs/CVE-2099-0001.json", testing::Cve("CVE-2099-0001", "3.6.3"));
  auto store = OpenSqliteStore(w.top / "psirt.db", OpenMode::kCreate);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(ImportVulns(**store, {w.top / "recs"}).ok());
  auto m = OpenModuleWorkspace(w.manifest, "");
  ASSERT_TRUE(m.ok());
  ScanOptions o;
  o.constraints_file = w.top / "constraints.yml";
  auto r = ScanModules(**store, m->manifest, m->clones, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->findings.size(), 1u);
  const ScanFinding& f = r->findings[0];
  EXPECT_EQ(f.module, "mbedtls");
  EXPECT_EQ(f.fixed, std::vector<std::string>{"3.6.3"});
  ASSERT_EQ(f.fix_blocked_by.size(), 1u);
  EXPECT_EQ(f.fix_blocked_by[0], "trusted-firmware-m 2.1.4 requires mbedtls <3.6.3 (" + w.top / "constraints.yml:5)");
  EXPECT_EQ(f.detail.back(), "mbedtls 3.6.3 fixes CVE-2099-0001 but " + f.fix_blocked_by[0]);
  EXPECT_EQ(r->constraints.Problems(), 0u);  // 3.6.0 itself is fine
  EXPECT_EQ(ScanToJson(*r)["findings"][0]["fix_blocked_by"].size(), 1u);
}

TEST(ModuleConstraints, MalformedConstraintsNameFileAndLine) {
  TfmWorld w;
  w.Pin("TF-Mv1.7.0", "v3.2.0");
  struct Case {
    std::string text, expected;
  };
  for (const Case& c : std::vector<Case>{
           {"constraints: x\n", "constraints.yml:1: constraints: expected a list of rules"},
           {"constraints:\n  - module: a\n", "constraints.yml:2: constraints.requires: expected what the module requires"},
           {"constraints:\n  - module: a\n    requires:\n      - module: b\n        version: \">=\"\n",
            "constraints.yml:5: constraints.requires.version: version constraint '>=': expected a version after '>='"},
           {"constraints:\n  - module: a\n    requires:\n      - module: b\n", "constraints.yml:4: constraints.requires.version"},
           {"constraints:\n  - module: a\n    requires:\n      - module: b\n        version: '*'\n        if: x\n",
            "constraints.yml:6: constraints.requires.if: unknown key"},
           {"constraints:\n  - module: a b\n    requires: []\n", "constraints.yml:2: constraints.module: expected a project name"},
           {"constraints:\n  - module: \"\xff\xfe\"\n    requires: []\n", "constraints.yml:2: constraints.module: expected a project name"},
           {"rules: []\n", "constraints.yml:1: rules: unknown key"},
           {"constraints: [\n", "not valid YAML"}}) {
    WriteFile(w.top / "constraints.yml", c.text);
    auto r = testing::Psirt({"modules", "check", w.manifest, "--constraints", w.top / "constraints.yml"});
    EXPECT_EQ(r.exit_code, 1) << c.text;
    EXPECT_NE(r.err.find(c.expected), std::string::npos) << c.text << " -> " << r.err;
  }
  // In a module.yml: the check cannot start, and says where.
  WriteFile(w.tfm_dir + "/zephyr/module.yml", "name: trusted-firmware-m\nrequires:\n  - module: mbedtls\n    version: \">=3.6 <\"\n");
  auto r = testing::Psirt({"modules", "check", w.manifest});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("module.yml:4: requires.version: version constraint '>=3.6 <': expected a version after '<'"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(KconfigSymbolsSet("CONFIG_A=y\nCONFIG_B=n\n# CONFIG_C is not set\n  CONFIG_D = \"x\"\nCONFIG_E=\nX=y\n"),
            (std::set<std::string>{"CONFIG_A", "CONFIG_D"}));
}

}  // namespace
}  // namespace psirt
