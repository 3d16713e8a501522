// Tests of `psirt modules list` as a user runs it: the real Zephyr manifest
// (active set by default, every project with --all, JSON), a malformed
// manifest (one line naming file and line, exit 1) and usage (exit 2).
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

}  // namespace
}  // namespace psirt
