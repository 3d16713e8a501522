// Tests of SBOMs of a west workspace built by the test: each component's
// version and where it came from (CPE, nearest tag, revision), package URL
// (the module's own, pkg:github with the commit, pkg:generic with the VCS
// URL), CPE, VCS location and dependencies - checked in the SPDX and
// CycloneDX documents' fields, both valid against the official schemas; the
// official CycloneDX and SPDX examples validate and the invalid ones do not.
#include "app/sbom_service.h"

#include <filesystem>

#include <gtest/gtest.h>

#include "app/file_io.h"
#include "formats/schema_validator.h"
#include "testing/test_support.h"

namespace psirt {
namespace {

using nlohmann::json;

struct SbomWorkspace {
  testing::TempDir top;
  std::vector<std::string> mbed, tfm, hal;
  LoadedManifest manifest;
  std::vector<ModuleClone> clones;
  SbomWorkspace() {
    std::filesystem::create_directories(top / ".west");
    mbed = testing::CommitEach(top / "modules/crypto/mbedtls", "zephyr/module.yml",
                               {"security:\n  external-references:\n    - cpe:2.3:a:arm:mbed_tls:3.6.2:*:*:*:*:*:*:*\n"
                                "    - pkg:github/mbed-tls/mbedtls@v3.6.2\n"});
    tfm = testing::CommitEach(top / "modules/tee/tf-m", "zephyr/module.yml",
                              {"name: trusted-firmware-m\nbuild:\n  depends: [mbedtls]\n"});
    testing::Run({"git", "-C", top / "modules/tee/tf-m", "tag", "TF-Mv2.1.4"});
    hal = testing::CommitEach(top / "modules/hal", "README", {"hal\n", "hal 2\n"});
    testing::WriteFile(top / "zephyr/west.yml",
                       "manifest:\n  remotes:\n    - name: gh\n      url-base: https://github.com/zephyrproject-rtos\n"
                       "  defaults:\n    remote: gh\n  group-filter: [-optional]\n  projects:\n"
                       "    - name: mbedtls\n      path: modules/crypto/mbedtls\n      revision: " + mbed[0] + "\n"
                       "    - name: tf-m\n      url: https://git.trustedfirmware.org/TF-M/trusted-firmware-m.git\n"
                       "      path: modules/tee/tf-m\n      revision: " + tfm[0] + "\n"
                       "    - name: hal\n      path: modules/hal\n      revision: main\n"
                       "    - name: extra\n      revision: v1.0\n      groups: [optional]\n");
    auto m = LoadWestManifest(top / "zephyr/west.yml");
    EXPECT_TRUE(m.ok()) << m.status().ToString();
    manifest = *m;
    auto c = InspectModuleClones(manifest, top.path(), false);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    clones = *c;
  }
};

TEST(Sbom, ComponentsCarryVersionIdentityAndSource) {
  SbomWorkspace w;
  auto s = BuildSbom(w.manifest, w.clones, "2026-12-05T00:00:00Z", "psirt 0.1.0");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_EQ(s->components.size(), 3u);  // "extra" is inactive
  const SbomComponent& mbed = s->components[0];
  EXPECT_EQ(mbed.version, "3.6.2");
  EXPECT_EQ(mbed.version_source, "cpe");
  EXPECT_EQ(mbed.purl, "pkg:github/mbed-tls/mbedtls@v3.6.2");  // the module's own
  EXPECT_EQ(mbed.cpes, std::vector<std::string>{"cpe:2.3:a:arm:mbed_tls:3.6.2:*:*:*:*:*:*:*"});
  EXPECT_EQ(mbed.commit, w.mbed[0]);
  const SbomComponent& tfm = s->components[1];
  EXPECT_EQ(tfm.name, "trusted-firmware-m");
  // No external references: inferred from TF-M's release tag (core/known_upstreams).
  EXPECT_EQ(tfm.version, "2.1.4");
  EXPECT_EQ(tfm.version_source, "tag");
  EXPECT_EQ(tfm.identity_confidence, "high");
  EXPECT_EQ(tfm.depends_on, std::vector<std::string>{"mbedtls"});
  EXPECT_EQ(tfm.purl, "pkg:generic/trusted-firmware-m@TF-Mv2.1.4");
  EXPECT_EQ(tfm.cpes, std::vector<std::string>{"cpe:2.3:o:arm:trusted_firmware-m:2.1.4:*:*:*:*:*:*:*"});
  const SbomComponent& hal = s->components[2];
  EXPECT_EQ(hal.version, "main");
  EXPECT_EQ(hal.version_source, "revision");
  EXPECT_EQ(hal.commit, w.hal[1]);  // the branch resolved in the clone
  EXPECT_EQ(hal.purl, "pkg:github/zephyrproject-rtos/hal@" + w.hal[1]);

  auto again = BuildSbom(w.manifest, w.clones, "2026-12-05T00:00:00Z", "psirt 0.1.0");
  EXPECT_EQ(again->id, s->id);  // the same content, the same document id
}

TEST(Sbom, SpdxAndCycloneDxFieldsAndSchemas) {
  SbomWorkspace w;
  auto s = BuildSbom(w.manifest, w.clones, "2026-12-05T00:00:00Z", "psirt 0.1.0");
  ASSERT_TRUE(s.ok());
  auto spdx = SbomDocument(*s, "spdx");
  ASSERT_TRUE(spdx.ok()) << spdx.status().ToString();
  EXPECT_EQ((*spdx)["spdxVersion"], "SPDX-2.3");
  ASSERT_EQ((*spdx)["packages"].size(), 3u);
  const json& p0 = (*spdx)["packages"][0];
  EXPECT_EQ(p0["versionInfo"], "3.6.2");
  EXPECT_EQ(p0["downloadLocation"], "git+https://github.com/zephyrproject-rtos/mbedtls@" + w.mbed[0]);
  EXPECT_EQ(p0["externalRefs"][0]["referenceType"], "purl");
  EXPECT_EQ(p0["externalRefs"][1]["referenceType"], "cpe23Type");
  bool depends = false;
  for (const json& r : (*spdx)["relationships"])
    depends |= r["relationshipType"] == "DEPENDS_ON" && r["spdxElementId"] == "SPDXRef-tf-m" &&
               r["relatedSpdxElement"] == "SPDXRef-mbedtls";
  EXPECT_TRUE(depends);

  auto cdx = SbomDocument(*s, "cyclonedx");
  ASSERT_TRUE(cdx.ok()) << cdx.status().ToString();
  EXPECT_EQ((*cdx)["specVersion"], "1.6");
  EXPECT_EQ((*cdx)["components"][1]["version"], "2.1.4");
  EXPECT_EQ((*cdx)["components"][0]["cpe"], "cpe:2.3:a:arm:mbed_tls:3.6.2:*:*:*:*:*:*:*");
  EXPECT_EQ((*cdx)["dependencies"][1]["ref"], "tf-m");
  EXPECT_EQ((*cdx)["dependencies"][1]["dependsOn"], json::array({"mbedtls"}));
  EXPECT_EQ((*cdx)["serialNumber"].get<std::string>().substr(0, 9), "urn:uuid:");

  EXPECT_FALSE(SbomDocument(*s, "swid").ok());
  // The schema check is real: a timestamp that is no date-time is refused
  // (CycloneDX types it; SPDX 2.3's schema leaves `created` a plain string).
  auto broken = *s;
  broken.created = "yesterday";
  auto bad = SbomDocument(broken, "cyclonedx");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("/metadata/timestamp"), std::string::npos) << bad.status().ToString();
  json spdx_doc = *spdx;
  spdx_doc["packages"][0].erase("downloadLocation");  // required by SPDX 2.3
  EXPECT_FALSE((*SchemaValidator::Compile("spdx-2.3.json"))->Validate(spdx_doc, "spdx").ok());
}

TEST(Sbom, TheOfficialExamplesValidateAndTheInvalidOnesDoNot) {
  auto cdx = SchemaValidator::Compile("cyclonedx-bom-1.6.json");
  ASSERT_TRUE(cdx.ok()) << cdx.status().ToString();
  size_t valid = 0, invalid = 0;
  for (const auto& e : std::filesystem::directory_iterator(testing::SharedData("schemas/cyclonedx-1.6/examples"))) {
    json doc = json::parse(*ReadFileText(e.path().string()));
    Status st = (*cdx)->Validate(doc, e.path().filename().string());
    if (e.path().filename().string().rfind("valid-", 0) == 0) {
      EXPECT_TRUE(st.ok()) << st.ToString();
      ++valid;
    } else {
      EXPECT_FALSE(st.ok()) << e.path();
      ++invalid;
    }
  }
  EXPECT_GE(valid, 3u);
  EXPECT_GE(invalid, 3u);
  auto spdx = SchemaValidator::Compile("spdx-2.3.json");
  ASSERT_TRUE(spdx.ok());
  json example = json::parse(*ReadFileText(testing::SharedData("schemas/spdx-2.3/example.spdx.json")));
  EXPECT_TRUE((*spdx)->Validate(example, "example").ok());
  example.erase("spdxVersion");
  EXPECT_FALSE((*spdx)->Validate(example, "example").ok());
}

}  // namespace
}  // namespace psirt
