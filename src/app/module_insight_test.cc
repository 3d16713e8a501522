// Tests of module identity and bundled code on a real west topdir: an
// Mbed TLS fork past an upstream release tag and a vendor library carrying
// a copy of TinyCrypt. Identity inferred with its confidence, the proposed
// security: block applied with `git apply` and read back, the copy nested
// in both SBOM formats (schema-checked) and matched by the scan, and the
// CLI's identify and --write.
#include "app/module_insight.h"

#include <filesystem>

#include <gtest/gtest.h>

#include "app/sbom_service.h"
#include "app/scan_service.h"
#include "app/vulndb_service.h"
#include "formats/zephyr_module_yaml.h"
#include "store/store.h"
#include "testing/test_support.h"

namespace psirt {
namespace {

using nlohmann::json;
using testing::ReadFile;
using testing::Run;
using testing::WriteFile;

// Commits everything in `dir` (a repository) and returns HEAD.
std::string CommitAll(const std::string& dir, const std::string& msg) {
  EXPECT_EQ(Run({"git", "-C", dir, "add", "-A"}).exit_code, 0);
  EXPECT_EQ(Run({"git", "-C", dir, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-q", "-m", msg}).exit_code, 0);
  return testing::Chomp(Run({"git", "-C", dir, "rev-parse", "HEAD"}).out);
}

struct IdentityWorld {
  testing::TempDir top;
  std::vector<std::string> mbed;
  std::string lib, manifest;
  IdentityWorld() {
    std::filesystem::create_directories(top / ".west");
    mbed = testing::CommitEach(top / "modules/crypto/mbedtls", "library/ssl.c", {"a\n", "b\n", "c\n"});
    Run({"git", "-C", top / "modules/crypto/mbedtls", "tag", "v3.5.0", mbed[0]});
    Run({"git", "-C", top / "modules/crypto/mbedtls", "tag", "zephyr-fork-1", mbed[2]});  // not an upstream release
    std::string l = top / "modules/lib/vendorlib";
    testing::CommitEach(l, "src/lib.c", {"int x;\n"});
    WriteFile(l + "/zephyr/module.yml", "name: vendorlib\nbuild:\n  cmake: .\n  kconfig: Kconfig");  // no final newline
    WriteFile(l + "/ext/tinycrypt/VERSION", "0.2.8\n");
    WriteFile(l + "/ext/tinycrypt/lib/include/tinycrypt/aes.h", "/* TinyCrypt AES */\n");
    WriteFile(l + "/ext/tinycrypt/LICENSE", "TinyCrypt Cryptographic Library\n");
    lib = CommitAll(l, "vendor tinycrypt");
    manifest = top / "zephyr/west.yml";
    WriteFile(manifest, "manifest:\n  remotes:\n    - name: gh\n      url-base: https://github.com/zephyrproject-rtos\n"
                        "  defaults:\n    remote: gh\n  projects:\n"
                        "    - name: mbedtls\n      path: modules/crypto/mbedtls\n      revision: " + mbed[2] + "\n"
                        "    - name: vendorlib\n      path: modules/lib/vendorlib\n      revision: " + lib + "\n");
  }
  ModuleWorkspace Open() const {
    auto w = OpenModuleWorkspace(manifest, "");
    EXPECT_TRUE(w.ok()) << w.status().ToString();
    return std::move(w).value();
  }
};

TEST(ModuleInsight, IdentityInferredAndBundledCodeFound) {
  IdentityWorld world;
  ModuleWorkspace w = world.Open();
  std::vector<ModuleInsight> all = InspectModules(w.manifest, w.clones);
  ASSERT_EQ(all.size(), 2u);
  const ModuleIdentity& mbed = all[0].identity;
  EXPECT_EQ(mbed.upstream, "mbedtls");
  EXPECT_EQ(mbed.version, "3.5.0");  // v3.5.0, two commits back; the fork's own tag is no release
  EXPECT_EQ(mbed.version_source, "tag");
  EXPECT_EQ(mbed.confidence, "medium");
  EXPECT_EQ(mbed.purl, "pkg:github/mbed-tls/mbedtls@v3.5.0");
  EXPECT_EQ(mbed.cpes, std::vector<std::string>{"cpe:2.3:a:arm:mbed_tls:3.5.0:*:*:*:*:*:*:*"});
  EXPECT_EQ(mbed.reasons[0], "the pinned commit is 2 commits past Mbed TLS release tag v3.5.0");
  EXPECT_TRUE(all[0].bundled.empty());
  EXPECT_EQ(all[0].module_yml, "");

  const ModuleInsight& lib = all[1];
  EXPECT_EQ(lib.identity.upstream, "");
  EXPECT_EQ(lib.identity.confidence, "low");
  EXPECT_EQ(lib.identity.purl, "pkg:github/zephyrproject-rtos/vendorlib@" + world.lib);
  EXPECT_EQ(lib.module_yml, "zephyr/module.yml");
  ASSERT_EQ(lib.bundled.size(), 1u);  // the licence names the same copy the VERSION file found
  EXPECT_EQ(lib.bundled[0].name, "tinycrypt");
  EXPECT_EQ(lib.bundled[0].path, "ext/tinycrypt");
  EXPECT_EQ(lib.bundled[0].version, "0.2.8");
  EXPECT_EQ(lib.bundled[0].found_by, "version file");

  json j = InsightsToJson(all);
  EXPECT_EQ(j["modules"][1]["bundled"][0]["purl"], "pkg:github/intel/tinycrypt@0.2.8");
  EXPECT_EQ(j["modules"][0]["confidence"], "medium");
}

TEST(ModuleInsight, ProposedBlocksApplyAndReadBack) {
  IdentityWorld world;
  ModuleWorkspace w = world.Open();
  std::vector<ModuleInsight> all = InspectModules(w.manifest, w.clones);
  auto patches = ProposeIdentityPatches(all, w.clones, Timestamp::FromUnix(1764892800));
  ASSERT_EQ(patches.size(), 2u);
  EXPECT_EQ(patches[0].file_name, "0001-mbedtls-declare-identity.patch");
  EXPECT_NE(patches[0].text.find("Date: Fri, 05 Dec 2025 00:00:00 +0000\n"), std::string::npos);
  for (size_t i = 0; i < 2; ++i) {
    std::string dir = w.clones[i].dir;
    WriteFile(world.top / "p.patch", patches[i].text);
    auto applied = testing::Run({"git", "-C", dir, "apply", world.top / "p.patch"});
    ASSERT_EQ(applied.exit_code, 0) << applied.err << patches[i].text;
    auto meta = ReadZephyrModule(ReadFile(dir + "/zephyr/module.yml"), "module.yml");
    ASSERT_TRUE(meta.ok()) << meta.status().ToString();
    std::vector<std::string> refs;
    for (const ModuleReference& r : meta->external_references) refs.push_back(r.text);
    std::vector<std::string> expected = all[i].identity.cpes;
    expected.push_back(all[i].identity.purl);
    EXPECT_EQ(refs, expected);
  }
  // Once declared, nothing more to propose, and the identity is the declared one.
  auto again = OpenModuleWorkspace(world.manifest, "");
  ASSERT_TRUE(again.ok());
  auto now = InspectModules(again->manifest, again->clones);
  EXPECT_EQ(now[0].identity.confidence, "declared");
  EXPECT_EQ(now[0].identity.version, "3.5.0");
  EXPECT_TRUE(ProposeIdentityPatches(now, again->clones, Timestamp::FromUnix(0)).empty());
  EXPECT_EQ(PatchesMbox(patches).rfind("From 0000000000000000000000000000000000000000", 0), 0u);
}

TEST(ModuleInsight, BundledCopiesAreNestedInSbomsAndScanned) {
  IdentityWorld world;
  ModuleWorkspace w = world.Open();
  auto sbom = BuildSbom(w.manifest, w.clones, "2026-12-05T00:00:00Z", "psirt 0.1.0");
  ASSERT_TRUE(sbom.ok()) << sbom.status().ToString();
  auto cdx = SbomDocument(*sbom, "cyclonedx");
  ASSERT_TRUE(cdx.ok()) << cdx.status().ToString();
  const json& lib = (*cdx)["components"][1];
  ASSERT_EQ(lib["name"], "vendorlib");
  ASSERT_EQ(lib["components"].size(), 1u);
  const json& tc = lib["components"][0];
  EXPECT_EQ(tc["name"], "tinycrypt");
  EXPECT_EQ(tc["version"], "0.2.8");
  EXPECT_EQ(tc["purl"], "pkg:github/intel/tinycrypt@0.2.8");
  EXPECT_EQ(tc["evidence"]["occurrences"][0]["location"], "ext/tinycrypt");
  EXPECT_EQ(tc["evidence"]["identity"][0]["methods"][0]["technique"], "source-code-analysis");
  EXPECT_EQ(tc["evidence"]["identity"][0]["confidence"], 0.9);
  EXPECT_EQ((*cdx)["components"][0]["evidence"]["identity"][0]["confidence"], 0.7);  // the inferred fork identity
  auto spdx = SbomDocument(*sbom, "spdx");
  ASSERT_TRUE(spdx.ok()) << spdx.status().ToString();
  bool contains = false, package = false;
  for (const json& r : (*spdx)["relationships"])
    contains = contains || (r["relationshipType"] == "CONTAINS" && r["spdxElementId"] == "SPDXRef-vendorlib" &&
                            r["relatedSpdxElement"] == "SPDXRef-vendorlib-ext-tinycrypt");
  for (const json& p : (*spdx)["packages"])
    if (p["SPDXID"] == "SPDXRef-vendorlib-ext-tinycrypt")
      package = p["versionInfo"] == "0.2.8" && p["sourceInfo"].get<std::string>().find("found by version file") != std::string::npos;
  EXPECT_TRUE(contains);
  EXPECT_TRUE(package);

  // A TinyCrypt record: the copy inside vendorlib is affected, not vendorlib itself.
  WriteFile(world.top / "records/OSV-TC.json",
            R"({"schema_version":"1.6.0","id":"OSV-TC","modified":"2024-01-01T00:00:00Z","summary":"tc",
                "affected":[{"package":{"purl":"pkg:github/intel/tinycrypt","name":"tinycrypt","ecosystem":"GIT"},
                "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"0.2.9"}]}]}]})");
  WriteFile(world.top / "records/OSV-TC-OLD.json",
            R"({"schema_version":"1.6.0","id":"OSV-TC-OLD","modified":"2024-01-01T00:00:00Z","summary":"old",
                "affected":[{"package":{"purl":"pkg:github/intel/tinycrypt","name":"tinycrypt","ecosystem":"GIT"},
                "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"0.2.5"}]}]}]})");
  auto store = OpenSqliteStore(world.top / "psirt.db", OpenMode::kCreate);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(ImportVulns(**store, {world.top / "records"}).ok());
  auto r = ScanModules(**store, w.manifest, w.clones, ScanOptions{});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->findings.size(), 1u);
  const ScanFinding& f = r->findings[0];
  EXPECT_EQ(f.vuln, "OSV-TC");
  EXPECT_EQ(f.module, "vendorlib");
  EXPECT_EQ(f.component, "tinycrypt");
  EXPECT_EQ(f.component_path, "ext/tinycrypt");
  EXPECT_EQ(f.component_version, "0.2.8");
  EXPECT_EQ(f.how, "version");
  EXPECT_EQ(f.fixed, std::vector<std::string>{"0.2.9"});
  EXPECT_EQ(f.matched_by, std::vector<std::string>{"purl"});
}

// A module outside psirt's table of known upstreams names its version
// header in module.yml; the version it states is the module's (after a
// release tag, before the revision), used by check and solve too.
TEST(ModuleInsight, DeclaredVersionHeader) {
  testing::TempDir top;
  std::filesystem::create_directories(top / ".west");
  std::string dir = top / "modules/lib/libfoo";
  testing::CommitEach(dir, "src/foo.c", {"int foo;\n"});
  WriteFile(dir + "/include/foo/version.h", "#pragma once\n#define FOO_VERSION_MAJOR 1\n#define FOO_VERSION_STRING \"1.4.2\"\n");
  WriteFile(dir + "/zephyr/module.yml", "name: libfoo\nsecurity:\n  version-header:\n    file: include/foo/version.h\n"
                                        "    define: FOO_VERSION_STRING\n");
  std::string pin = CommitAll(dir, "version header");
  std::string manifest = top / "zephyr/west.yml";
  WriteFile(manifest, "manifest:\n  projects:\n    - name: libfoo\n      url: https://example.org/libfoo\n"
                      "      path: modules/lib/libfoo\n      revision: " + pin + "\n"
                      "    - name: app\n      url: https://example.org/app\n      revision: " + pin + "\n");
  auto w = OpenModuleWorkspace(manifest, "");
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  ModuleInsight in = InspectModule(w->manifest.manifest.projects[0], &w->clones[0]);
  EXPECT_EQ(in.identity.version, "1.4.2");
  EXPECT_EQ(in.identity.version_source, "header");
  EXPECT_NE(::testing::PrintToString(in.identity.reasons).find("include/foo/version.h states version 1.4.2"), std::string::npos)
      << ::testing::PrintToString(in.identity.reasons);

  // A define the header lacks is said, not guessed.
  WriteFile(dir + "/zephyr/module.yml", "name: libfoo\nsecurity:\n  version-header:\n    file: include/foo/version.h\n"
                                        "    define: FOO_VERSION\n");
  w = OpenModuleWorkspace(manifest, "");
  ASSERT_TRUE(w.ok());
  in = InspectModule(w->manifest.manifest.projects[0], &w->clones[0]);
  EXPECT_EQ(in.identity.version_source, "revision");
  EXPECT_NE(::testing::PrintToString(in.notes).find("include/foo/version.h has no #define FOO_VERSION stating a version"),
            std::string::npos)
      << ::testing::PrintToString(in.notes);
}

TEST(ModuleInsight, IdentifyCommand) {
  IdentityWorld world;
  auto r = testing::Psirt({"modules", "identify", world.manifest, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out);
  EXPECT_EQ(j["modules"][0]["version"], "3.5.0");
  EXPECT_EQ(j["modules"][1]["bundled"][0]["name"], "tinycrypt");
  EXPECT_FALSE(j.contains("patches"));
  std::string out = world.top / "out";
  r = testing::Psirt({"modules", "identify", world.manifest, "--write", "--out", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("bundles TinyCrypt 0.2.8 at ext/tinycrypt"), std::string::npos) << r.out;
  EXPECT_TRUE(std::filesystem::exists(out + "/0001-mbedtls-declare-identity.patch"));
  EXPECT_TRUE(std::filesystem::exists(out + "/0002-vendorlib-declare-identity.patch"));
  EXPECT_EQ(testing::Psirt({"modules", "identify", world.manifest, "--out", out}).exit_code, 2);  // --out needs --write
  EXPECT_EQ(testing::Psirt({"modules", "identify"}, world.top.path()).exit_code, 2);                   // no west.yml here
  auto bad = testing::Psirt({"modules", "identify", world.manifest, "--west-dir", world.top / "nope"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("no such folder"), std::string::npos);
}

}  // namespace
}  // namespace psirt
