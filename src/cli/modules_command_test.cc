// Tests of `psirt modules list` as a user runs it: the real Zephyr manifest
// (active set by default, every project with --all, JSON), a malformed
// manifest (one line naming file and line, exit 1) and usage (exit 2).
#include <map>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "testing/test_support.h"

namespace psirt {
namespace {

using testing::Psirt;

TEST(ModulesCommand, ListsTheActiveProjectsOrAllOfThem) {
  std::string west = testing::SharedData("zephyr/west.yml");
  auto json = Psirt({"modules", "list", west, "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  auto j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["count"], 77);
  EXPECT_EQ(j["active"], 65);
  EXPECT_EQ(j["projects"].size(), 65u);
  auto all = Psirt({"--json", "modules", "list", "--all", west});  // global option first
  ASSERT_EQ(all.exit_code, 0) << all.err;
  EXPECT_EQ(nlohmann::json::parse(all.out)["projects"].size(), 77u);

  auto text = Psirt({"modules", "list", west});
  ASSERT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("mbedtls  modules/crypto/mbedtls  "), std::string::npos);
  EXPECT_NE(text.out.find("65 active of 77 projects"), std::string::npos);
  EXPECT_NE(text.err.find("import not followed"), std::string::npos);  // submanifests/ is not in the data
}

TEST(ModulesCommand, ABrokenManifestIsOneLineAndUsageIsTwo) {
  testing::TempDir dir;
  testing::WriteFile(dir / "west.yml", "manifest:\n  projects:\n    - name: a\n      remote: nowhere\n");
  auto bad = Psirt({"modules", "list", dir / "west.yml"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("west.yml:3"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("unknown remote 'nowhere'"), std::string::npos) << bad.err;
  EXPECT_EQ(bad.out, "");
  EXPECT_EQ(Psirt({"modules", "list"}, dir.path() + "/..").exit_code, 2);  // no west.yml there
  EXPECT_EQ(Psirt({"modules"}).exit_code, 2);
}

TEST(SbomCommand, WritesAValidDocumentReproducibly) {
  testing::TempDir dir;
  std::string west = testing::SharedData("zephyr/west.yml");
  std::map<std::string, std::string> env = {{"SOURCE_DATE_EPOCH", "1764892800"}};
  auto r = Psirt({"sbom", west, "--format", "cyclonedx", "-o", dir / "bom.json"}, ".", env);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  auto bom = nlohmann::json::parse(testing::ReadFile(dir / "bom.json"));
  EXPECT_EQ(bom["components"].size(), 65u);  // the active projects
  EXPECT_EQ(bom["metadata"]["timestamp"], "2025-12-05T00:00:00Z");
  auto again = Psirt({"sbom", west, "--format", "cyclonedx"}, ".", env);
  EXPECT_EQ(nlohmann::json::parse(again.out), bom);  // same input, same document
  auto spdx = Psirt({"--json", "sbom", west, "--format", "spdx", "-o", dir / "sbom.spdx.json"}, ".", env);
  ASSERT_EQ(spdx.exit_code, 0) << spdx.err;
  EXPECT_EQ(nlohmann::json::parse(spdx.out)["components"], 65);
  EXPECT_EQ(Psirt({"sbom", west}).exit_code, 2);                      // --format is required
  EXPECT_EQ(Psirt({"sbom", west, "--format", "swid"}).exit_code, 2);  // not a format
  auto bad_epoch = Psirt({"sbom", west, "--format", "spdx"}, ".", {{"SOURCE_DATE_EPOCH", "soon"}});
  EXPECT_EQ(bad_epoch.exit_code, 1);
  EXPECT_NE(bad_epoch.err.find("SOURCE_DATE_EPOCH"), std::string::npos);
}

}  // namespace
}  // namespace psirt
