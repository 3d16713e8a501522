// Tests of editing west manifest revisions in place: the result read back
// (the revisions as west resolves them) and everything else byte-equal.
#include "formats/west_manifest_edit.h"

#include <gtest/gtest.h>

#include "formats/west_manifest_yaml.h"

namespace psirt {
namespace {

const char* kManifest =
    "# Zephyr's modules (comment kept)\n"
    "manifest:\n"
    "  defaults:\n"
    "    remote: upstream\n"
    "    revision: main\n"
    "  remotes:\n"
    "    - name: upstream\n"
    "      url-base: https://github.com/zephyrproject-rtos\n"
    "  projects:\n"
    "    - name: mbedtls\n"
    "      revision: 2b4ab0ab7ae8f6f7b2d1d9dc3e6b9cfa2c10d3a5 # v3.5.2 — pinned\n"
    "      path: modules/crypto/mbedtls\n"
    "    - name: trusted-firmware-m\n"
    "      revision: \"TF-Mv1.6.0\"\n"
    "    - name: hal_nordic\n"
    "      path: modules/hal/nordic\n"
    "    - { name: zcbor, revision: 0.8.0, path: modules/lib/zcbor }\n"
    "    - {name: lz4, path: modules/lib/lz4}\n";

std::map<std::string, std::string> Revisions(const std::string& text) {
  auto m = ParseWestManifest(text, "west.yml");
  EXPECT_TRUE(m.ok()) << m.status().ToString();
  std::map<std::string, std::string> out;
  if (m.ok())
    for (const WestProjectSpec& p : m->projects) out[p.name] = p.revision.value_or("(default)");
  return out;
}

TEST(WestManifestEdit, RevisionsReplacedOrAddedAndTheRestKept) {
  auto e = SetProjectRevisions(kManifest, "west.yml",
                               {{"mbedtls", "8f0cbd3c7a1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f"},
                                {"trusted-firmware-m", "TF-Mv2.1.4"},
                                {"hal_nordic", "v4.1.0"},
                                {"zcbor", "0.9.0"},
                                {"lz4", "v1.10.0"},
                                {"lvgl", "v9.2"}});
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  std::map<std::string, std::string> r = Revisions(e->text);
  EXPECT_EQ(r["mbedtls"], "8f0cbd3c7a1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f");
  EXPECT_EQ(r["trusted-firmware-m"], "TF-Mv2.1.4");
  EXPECT_EQ(r["hal_nordic"], "v4.1.0");
  EXPECT_EQ(r["zcbor"], "0.9.0");
  EXPECT_EQ(r["lz4"], "v1.10.0");
  EXPECT_EQ(e->not_found, std::vector<std::string>{"lvgl"});
  // Comments, quoting and layout as they were.
  EXPECT_NE(e->text.find("# Zephyr's modules (comment kept)\n"), std::string::npos);
  EXPECT_NE(e->text.find("revision: 8f0cbd3c7a1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f # v3.5.2 — pinned\n"), std::string::npos) << e->text;
  EXPECT_NE(e->text.find("revision: \"TF-Mv2.1.4\"\n"), std::string::npos) << e->text;
  EXPECT_NE(e->text.find("    - name: hal_nordic\n      revision: v4.1.0\n      path: modules/hal/nordic\n"), std::string::npos)
      << e->text;
  EXPECT_NE(e->text.find("{ name: zcbor, revision: 0.9.0, path: modules/lib/zcbor }"), std::string::npos) << e->text;
  EXPECT_NE(e->text.find("{name: lz4, revision: v1.10.0, path: modules/lib/lz4}"), std::string::npos) << e->text;
  // Nothing else changed: the same edit back gives the original.
  auto back = SetProjectRevisions(e->text, "west.yml",
                                  {{"mbedtls", "2b4ab0ab7ae8f6f7b2d1d9dc3e6b9cfa2c10d3a5"}, {"trusted-firmware-m", "TF-Mv1.6.0"},
                                   {"zcbor", "0.8.0"}});
  ASSERT_TRUE(back.ok());
  std::string expected = kManifest;
  expected.replace(expected.find("    - name: hal_nordic\n") + 23, 0, "      revision: v4.1.0\n");
  expected.replace(expected.find("{name: lz4,") + 10, 0, ", revision: v1.10.0");
  EXPECT_EQ(back->text, expected);
}

TEST(WestManifestEdit, ValuesYamlWouldMisreadAreQuoted) {
  auto e = SetProjectRevisions("manifest:\n  projects:\n    - name: a\n      revision: main\n    - name: b\n      revision: x\n"
                               "    - name: c\n      revision: y\n",
                               "west.yml", {{"a", "1234567"}, {"b", "true"}, {"c", "0x1f"}});
  ASSERT_TRUE(e.ok());
  std::map<std::string, std::string> r = Revisions(e->text);
  EXPECT_EQ(r["a"], "1234567");
  EXPECT_EQ(r["b"], "true");
  EXPECT_EQ(r["c"], "0x1f");
  EXPECT_NE(e->text.find("revision: \"0x1f\""), std::string::npos) << e->text;
  EXPECT_NE(e->text.find("revision: \"1234567\""), std::string::npos) << e->text;
}

TEST(WestManifestEdit, MalformedManifests) {
  auto bad = SetProjectRevisions("manifest:\n  projects: [\n", "west.yml", {{"a", "v1"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message().rfind("west.yml:", 0), 0u) << bad.status().message();
  EXPECT_EQ(SetProjectRevisions("- a\n", "w.yml", {}).status().message(),
            "w.yml: expected a mapping manifest: with a list projects:");
  EXPECT_FALSE(SetProjectRevisions("manifest:\n  projects: {}\n", "w.yml", {}).ok());
  // A block scalar cannot be replaced in place: refused, not half-edited.
  auto block = SetProjectRevisions("manifest:\n  projects:\n    - name: a\n      revision: |\n        v1\n", "w.yml", {{"a", "v2"}});
  ASSERT_FALSE(block.ok());
  EXPECT_EQ(block.status().message(),
            "w.yml:3: the revision of a is written in a form psirt cannot replace in place; set it to v2 by hand");
}

}  // namespace
}  // namespace psirt
