// Tests of zephyr/module.yml reading: the real mbedtls and TF-M files
// (external references parsed), build.depends, an empty file, and every
// malformed shape with file, line and field.
#include "formats/zephyr_module_yaml.h"

#include <gtest/gtest.h>

#include "app/file_io.h"
#include "testing/test_support.h"

namespace psirt {
namespace {

TEST(ZephyrModuleYaml, TheRealMbedtlsAndTfmFiles) {
  std::string path = testing::SharedData("zephyr/modules/mbedtls/module.yml");
  auto m = ReadZephyrModule(*ReadFileText(path), path);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->name, "");  // west's project name applies
  ASSERT_EQ(m->cpes.size(), 1u);
  EXPECT_EQ(m->cpes[0].ProductKey(), "a:arm:mbed_tls");
  EXPECT_EQ(m->cpes[0].version, "3.6.2");
  ASSERT_EQ(m->purls.size(), 1u);
  EXPECT_EQ(m->purls[0].PackageKey(), "github/mbed-tls/mbedtls");
  EXPECT_EQ(m->external_references[0].line, 6);

  path = testing::SharedData("zephyr/modules/trusted-firmware-m/module.yml");
  auto tfm = ReadZephyrModule(*ReadFileText(path), path);
  ASSERT_TRUE(tfm.ok()) << tfm.status().ToString();
  EXPECT_EQ(tfm->name, "trusted-firmware-m");
  EXPECT_EQ(tfm->cpes[0].version, "2.1.4");
  EXPECT_EQ(tfm->purls[0].version, "TF-Mv2.1.4");
}

TEST(ZephyrModuleYaml, DependsAndAnEmptyFile) {
  auto m = ReadZephyrModule("name: tfm\nbuild:\n  cmake: .\n  depends:\n    - mbedtls\n    - psa-arch-tests\n", "m.yml");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->depends, (std::vector<std::string>{"mbedtls", "psa-arch-tests"}));
  auto empty = ReadZephyrModule("", "m.yml");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->external_references.empty());
}

TEST(ZephyrModuleYaml, VulnerabilityAssessmentsInOpenVexOrCsafSpelling) {
  auto m = ReadZephyrModule(R"(security:
  external-references:
    - cpe:2.3:a:arm:mbed_tls:3.6.2:*:*:*:*:*:*:*
  vulnerability-assessments:
    - vulnerability: CVE-2024-23170
      status: known_not_affected
      justification: vulnerable_code_not_in_execute_path
      status-notes: Zephyr does not build the timing side channel's code path
    - vulnerability: GHSA-aaaa-bbbb-cccc
      status: under_investigation
)", "module.yml");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  ASSERT_EQ(m->assessments.size(), 2u);
  EXPECT_EQ(m->assessments[0].vulnerability, "CVE-2024-23170");
  EXPECT_EQ(m->assessments[0].status, "not_affected");  // CSAF's spelling read as OpenVEX's
  EXPECT_EQ(m->assessments[0].justification, "vulnerable_code_not_in_execute_path");
  EXPECT_NE(m->assessments[0].status_notes.find("timing"), std::string::npos);
  EXPECT_EQ(m->assessments[0].line, 5);
  EXPECT_EQ(m->assessments[1].status, "under_investigation");
}

TEST(ZephyrModuleYaml, BundledCopiesDeclared) {
  auto m = ReadZephyrModule("name: mcuboot\nsecurity:\n  bundled:\n    - name: tinycrypt\n      path: ext/tinycrypt/\n"
                            "      version: 0.2.8\n      external-references:\n        - pkg:github/intel/tinycrypt@v0.2.8\n"
                            "    - name: fiat\n      path: ext/fiat\n",
                            "module.yml");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  ASSERT_EQ(m->bundled.size(), 2u);
  EXPECT_EQ(m->bundled[0].name, "tinycrypt");
  EXPECT_EQ(m->bundled[0].path, "ext/tinycrypt");  // the trailing slash dropped
  EXPECT_EQ(m->bundled[0].version, "0.2.8");
  EXPECT_EQ(m->bundled[0].line, 4);
  ASSERT_EQ(m->bundled[0].purls.size(), 1u);
  EXPECT_EQ(m->bundled[0].purls[0].PackageKey(), "github/intel/tinycrypt");
  EXPECT_EQ(m->bundled[1].version, "");
}

TEST(ZephyrModuleYaml, VersionHeaderDeclared) {
  auto m = ReadZephyrModule("name: libfoo\nsecurity:\n  version-header:\n    file: include/foo/version.h\n"
                            "    define: FOO_VERSION_STRING\n",
                            "module.yml");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  ASSERT_TRUE(m->version_header);
  EXPECT_EQ(m->version_header->file, "include/foo/version.h");
  EXPECT_EQ(m->version_header->define, "FOO_VERSION_STRING");
  EXPECT_EQ(m->version_header->line, 4);
}

TEST(ZephyrModuleYaml, MalformedFilesNameFileLineAndField) {
  struct Case {
    std::string text;
    int line;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {"name: [", 1, "not valid YAML"},
           {"- a\n", 1, "expected a mapping"},
           {"name: x\nsecurty: {}\n", 2, "unknown key"},
           {"build:\n  depends: mbedtls\n", 2, "expected a list of strings"},
           {"security:\n  external-references:\n    - cpe:2.3:a:arm\n", 3, "expected 11 attributes"},
           {"security:\n  external-references:\n    - pkg:generic\n", 3, "pkg:TYPE/NAME"},
           {"security:\n  external-references:\n    - mbedtls 3.6\n", 3, "expected a CPE 2.3 name"},
           {"security: [1]\n", 1, "expected a mapping"},
           {"security:\n  vulnerability-assessments:\n    - vulnerability: CVE-1\n      status: maybe\n", 4, "expected not_affected"},
           {"security:\n  vulnerability-assessments:\n    - status: fixed\n", 3, "vulnerability's id"},
           {"security:\n  vulnerability-assessments:\n    - vulnerability: CVE-1\n      status: not_affected\n", 3, "needs a justification"},
           {"security:\n  vulnerability-assessments:\n    - vulnerability: CVE-1\n      status: not_affected\n      justification: dunno\n", 5, "OpenVEX's justifications"},
           {"security:\n  vulnerability-assessments:\n    - vulnerability: CVE-1\n      stat: fixed\n", 4, "unknown key"},
           {"security:\n  bundled: tinycrypt\n", 2, "expected a list of copies"},
           {"security:\n  version-header: include/v.h\n", 2, "expected a mapping (file, define)"},
           {"security:\n  version-header:\n    file: ../v.h\n    define: V\n", 3, "the header's path"},
           {"security:\n  version-header:\n    file: v.h\n", 3, "the name of the #define"},
           {"security:\n  version-header:\n    file: v.h\n    define: 1V\n", 3, "the name of the #define"},
           {"security:\n  version-header:\n    file: v.h\n    define: V X\n", 3, "the name of the #define"},
           {"security:\n  version-header:\n    file: v.h\n    macro: V\n", 4, "unknown key"},
           {"security:\n  version-header:\n    file: [v.h]\n", 3, "expected a string"},
           {"security:\n  bundled:\n    - tinycrypt\n", 3, "expected a mapping"},
           {"security:\n  bundled:\n    - path: ext/tc\n", 3, "bundled project's name"},
           {"security:\n  bundled:\n    - name: tc\n", 3, "the copy's folder"},
           {"security:\n  bundled:\n    - name: tc\n      path: ../../etc\n", 3, "the copy's folder"},
           {"security:\n  bundled:\n    - name: tc\n      path: /abs\n", 3, "the copy's folder"},
           {"security:\n  bundled:\n    - name: tc\n      path: x\n      where: y\n", 5, "unknown key"},
           {"security:\n  bundled:\n    - name: tc\n      path: x\n      version: [1]\n", 5, "expected a string"},
           {"security:\n  bundled:\n    - name: tc\n      path: x\n      external-references:\n        - tc 1\n", 6,
            "expected a CPE 2.3 name"},
       }) {
    auto m = ReadZephyrModule(c.text, "module.yml");
    ASSERT_FALSE(m.ok()) << c.text;
    EXPECT_EQ(m.status().file(), "module.yml");
    EXPECT_EQ(m.status().line(), c.line) << c.text << " -> " << m.status().ToString();
    EXPECT_NE(m.status().message().find(c.message), std::string::npos) << m.status().ToString();
  }
}

}  // namespace
}  // namespace psirt
