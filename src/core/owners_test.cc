// Tests of MAINTAINERS matching: each glob rule, regex rule, exclusion,
// file groups, orphans, the assignee rule, and the real Zephyr file.
#include "core/owners.h"

#include <gtest/gtest.h>

#include "formats/maintainers_yaml.h"
#include "testing/test_support.h"

namespace psirt {
namespace {

std::unique_ptr<OwnersIndex> Index(const std::string& yaml) {
  auto areas = ParseMaintainersYaml(yaml, "MAINTAINERS.yml");
  EXPECT_TRUE(areas.ok()) << areas.status().ToString();
  if (!areas.ok()) return nullptr;
  auto idx = OwnersIndex::Build(std::move(areas).value());
  EXPECT_TRUE(idx.ok()) << idx.status().ToString();
  return std::move(idx).value();
}

std::vector<std::string> Names(const OwnersIndex& idx, const std::string& path) {
  std::vector<std::string> out;
  for (const AreaMatch& m : idx.Match(path)) out.push_back(m.area->name);
  return out;
}

using V = std::vector<std::string>;

TEST(GlobTest, TranslationIsGetMaintainers) {
  EXPECT_EQ(GlobToRegex("drivers/*.c"), "drivers/[^/]*\\.c$");
  EXPECT_EQ(GlobToRegex("drivers/"), "drivers/");
  EXPECT_EQ(GlobToRegex("a?b"), "a[^/]b$");
}

TEST(OwnersTest, GlobRules) {
  auto idx = Index(R"(
Dir:
  files: [drivers/net/]
Exact:
  files: [include/net.h]
NoSlash:
  files: [drivers/can]
Star:
  files: ["boards/*/nrf*/"]
Ext:
  files: ["samples/*.c"]
DoubleStar:
  files: ["tests/**/x.c"]
Question:
  files: ["doc/v?.rst"]
)");
  EXPECT_EQ(Names(*idx, "drivers/net/eth.c"), V{"Dir"});
  EXPECT_EQ(Names(*idx, "drivers/net/"), V{"Dir"});
  EXPECT_EQ(Names(*idx, "drivers/network.c"), V{});
  EXPECT_EQ(Names(*idx, "include/net.h"), V{"Exact"});
  EXPECT_EQ(Names(*idx, "include/net.hpp"), V{});   // no trailing '/': full match
  EXPECT_EQ(Names(*idx, "drivers/can"), V{"NoSlash"});
  EXPECT_EQ(Names(*idx, "drivers/can/x.c"), V{});   // ... and not below it
  EXPECT_EQ(Names(*idx, "boards/nordic/nrf52dk/board.c"), V{"Star"});
  EXPECT_EQ(Names(*idx, "boards/nordic/x/nrf52dk/board.c"), V{});  // '*' does not cross '/'
  EXPECT_EQ(Names(*idx, "samples/hello.c"), V{"Ext"});
  EXPECT_EQ(Names(*idx, "samples/hello/main.c"), V{});
  EXPECT_EQ(Names(*idx, "tests/a/x.c"), V{"DoubleStar"});  // '**' is two '[^/]*'
  EXPECT_EQ(Names(*idx, "tests/a/b/x.c"), V{});
  EXPECT_EQ(Names(*idx, "doc/v1.rst"), V{"Question"});
  EXPECT_EQ(Names(*idx, "doc/v10.rst"), V{});
  EXPECT_EQ(Names(*idx, "doc/v/.rst"), V{});
}

TEST(OwnersTest, RegexRulesAreUnanchoredSearchesWithPythonSyntax) {
  auto idx = Index(R"(
Kconfig:
  files-regex: ['.*Kconfig.*']
Anchored:
  files-regex: ['^drivers/.*nxp.*']
Lookahead:
  files-regex: ['^(?!.*sdmmc).*mmc']
Both:
  files: [lib/]
  files-regex: ['\.rst$']
)");
  EXPECT_EQ(Names(*idx, "drivers/foo/Kconfig.nxp"), (V{"Anchored", "Kconfig"}));
  EXPECT_EQ(Names(*idx, "soc/nxp/x.c"), V{});
  EXPECT_EQ(Names(*idx, "drivers/disk/mmc.c"), V{"Lookahead"});
  EXPECT_EQ(Names(*idx, "drivers/disk/sdmmc.c"), V{});
  EXPECT_EQ(Names(*idx, "lib/x.c"), V{"Both"});
  EXPECT_EQ(Names(*idx, "doc/a.rst"), V{"Both"});
}

TEST(OwnersTest, ExclusionsAndOrphans) {
  auto idx = Index(R"(
Net:
  files: [subsys/net/]
  files-exclude: [subsys/net/lib/]
  files-regex-exclude: ['_test\.c$']
NoFiles:
  status: odd fixes
)");
  EXPECT_EQ(Names(*idx, "subsys/net/ip/ipv4.c"), V{"Net"});
  EXPECT_EQ(Names(*idx, "subsys/net/lib/dns.c"), V{});
  EXPECT_EQ(Names(*idx, "subsys/net/ip/ipv4_test.c"), V{});
  EXPECT_EQ(Names(*idx, "README.rst"), V{});  // orphaned; NoFiles matches nothing
}

TEST(OwnersTest, FileGroupsCoverOnlyFilesOfTheirArea) {
  auto idx = Index(R"(
Sensors:
  status: maintained
  maintainers: [lead]
  files: [drivers/sensor/]
  file-groups:
    - name: ST
      collaborators: [st-dev]
      files: [drivers/sensor/st/, boards/st/]
    - name: Not ST
      files-regex: ['sensor/(?!st/)']
)");
  auto m = idx->Match("drivers/sensor/st/lis2dh.c");
  ASSERT_EQ(m.size(), 1u);
  ASSERT_EQ(m[0].groups.size(), 1u);
  EXPECT_EQ(m[0].groups[0]->name, "ST");
  EXPECT_TRUE(idx->Match("boards/st/nucleo/board.c").empty());  // group alone does not match
  m = idx->Match("drivers/sensor/bosch/bme280.c");
  ASSERT_EQ(m.size(), 1u);
  ASSERT_EQ(m[0].groups.size(), 1u);
  EXPECT_EQ(m[0].groups[0]->name, "Not ST");
}

TEST(OwnersTest, SuggestAssigneeFollowsZephyrsRule) {
  auto idx = Index(R"(
ARM Platforms:
  status: maintained
  maintainers: [arm-lead]
  files: [soc/arm/]
Build:
  status: maintained
  maintainers: [build-lead]
  meta: true
  files-regex: ['CMakeLists\.txt$', '^soc/']
Kernel:
  status: maintained
  maintainers: [k1, k2]
  collaborators: [kc]
  files: [kernel/, soc/arm/kernel/]
)");
  std::vector<std::string> paths = {"soc/arm/a.c", "soc/arm/b.c", "soc/arm/kernel/c.c",
                                    "kernel/CMakeLists.txt"};
  AssigneeSuggestion s = SuggestAssignee(*idx, paths);
  // Platform weighs 3 and Kernel 1 (CMakeLists.txt adds 0): Kernel still wins.
  ASSERT_NE(s.area, nullptr);
  EXPECT_EQ(s.area->name, "Kernel");
  EXPECT_EQ(s.assignee, "k1");
  EXPECT_EQ(s.weights.front().first->name, "ARM Platforms");
  EXPECT_EQ(s.weights.front().second, 3);
  EXPECT_EQ(s.collaborators, V{"kc"});
  std::vector<std::string> notify = s.notify;
  std::sort(notify.begin(), notify.end());
  EXPECT_EQ(notify, (V{"arm-lead", "build-lead", "k1", "k2"}));
  // Only a Platform area matched: it is the fallback.
  std::vector<std::string> only = {"soc/arm/a.c"};
  EXPECT_EQ(SuggestAssignee(*idx, only).assignee, "arm-lead");
  std::vector<std::string> none = {"README"};
  EXPECT_EQ(SuggestAssignee(*idx, none).area, nullptr);
}

TEST(OwnersTest, DeferToOtherAreasHandsTheAssigneeToThePlatform) {
  auto idx = Index(R"(
Clock Control:
  status: maintained
  maintainers: [clock-lead]
  files: [drivers/clock_control/]
  file-groups:
    - name: Vendor drivers
      defer-to-other-areas: true
      files: ["drivers/clock_control/clock_control_*.c"]
Nordic Platforms:
  status: maintained
  maintainers: [nordic-lead]
  files: ["drivers/clock_control/clock_control_nrf*.c"]
)");
  std::vector<std::string> nrf = {"drivers/clock_control/clock_control_nrf.c"};
  AssigneeSuggestion s = SuggestAssignee(*idx, nrf);
  EXPECT_EQ(s.assignee, "nordic-lead");
  std::sort(s.notify.begin(), s.notify.end());
  EXPECT_EQ(s.notify, (V{"clock-lead", "nordic-lead"}));  // the subsystem still reviews
  // No other area covers an stm32 driver: the deferring area assigns as usual.
  std::vector<std::string> stm = {"drivers/clock_control/clock_control_stm32.c"};
  EXPECT_EQ(SuggestAssignee(*idx, stm).assignee, "clock-lead");
}

TEST(OwnersTest, BadRegexIsAnErrorNamingAreaAndRegex) {
  auto areas = ParseMaintainersYaml("Bad:\n  files-regex: ['(unclosed']\n", "M.yml");
  ASSERT_TRUE(areas.ok());
  auto idx = OwnersIndex::Build(std::move(areas).value());
  ASSERT_FALSE(idx.ok());
  EXPECT_NE(idx.status().message().find("bad regular expression '(unclosed' in 'files-regex' in area 'Bad'"),
            std::string::npos)
      << idx.status().message();
}

TEST(MaintainersYamlTest, MalformedInputGivesFileAndLine) {
  auto e = [](const std::string& y) {
    auto r = ParseMaintainersYaml(y, "M.yml");
    return r.ok() ? std::string("ok") : r.status().ToString();
  };
  EXPECT_EQ(e("A:\n  files: [x/]\n  owner: me\n"), "M.yml:3: unknown key 'owner' in area 'A'");
  EXPECT_EQ(e("A:\n  status: great\n"),
            "M.yml:2: bad 'status' key on area 'A', should be one of \"maintained\", \"odd "
            "fixes\", \"unmaintained\", \"obsolete\"");
  EXPECT_EQ(e("A:\n  files: x/\n"),
            "M.yml:2: malformed 'files' value for area 'A' -- should be a list of strings");
  EXPECT_EQ(e("A: 3\n"), "M.yml:1: malformed entry for area 'A' (not a dict)");
  EXPECT_EQ(e("- a\n"), "M.yml:1: empty or malformed YAML (not a dict)");
  EXPECT_EQ(e("A:\n  files: [x/\n").substr(0, 17), "M.yml:3: YAML err");
  EXPECT_EQ(e("A:\n  file-groups:\n    - name: G\n      owners: [x]\n"),
            "M.yml:4: unknown key 'owners' in file group 'G' of area 'A'");
}

TEST(MaintainersYamlTest, CheckReportsEveryProblem) {
  auto problems = CheckMaintainersYaml(
      "A:\n  status: maintained\n  files: [a/]\nB:\n  status: bad\n  files: [b/]\n"
      "C:\n  files-regex: ['(x']\n",
      "M.yml");
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0].ToString(), "M.yml:1: maintained area 'A' with no maintainers");
  EXPECT_NE(problems[1].ToString().find("M.yml:5: bad 'status'"), std::string::npos);
  EXPECT_NE(problems[2].ToString().find("M.yml:7: bad regular expression '(x'"), std::string::npos);
}

class ZephyrMaintainersTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string text = testing::ReadFile(testing::TestData("maintainers/zephyr-MAINTAINERS.yml"));
    auto areas = ParseMaintainersYaml(text, "MAINTAINERS.yml");
    ASSERT_TRUE(areas.ok()) << areas.status().ToString();
    area_count_ = areas->size();
    auto idx = OwnersIndex::Build(std::move(areas).value());
    ASSERT_TRUE(idx.ok()) << idx.status().ToString();
    index_ = std::move(idx).value().release();
  }
  static OwnersIndex* index_;
  static size_t area_count_;
};
OwnersIndex* ZephyrMaintainersTest::index_ = nullptr;
size_t ZephyrMaintainersTest::area_count_ = 0;

TEST_F(ZephyrMaintainersTest, EveryAreaLoads) { EXPECT_EQ(area_count_, 407u); }

TEST_F(ZephyrMaintainersTest, HandPickedPathsAsGetMaintainer) {
  EXPECT_EQ(Names(*index_, "drivers/sensor/st/foo.c"), (V{"Drivers: Sensors", "ST Sensors"}));
  EXPECT_EQ(Names(*index_, "modules/mbedtls/Kconfig"), V{"West project: mbedtls"});
  EXPECT_EQ(Names(*index_, "doc/security/vulnerabilities/2025.rst"), V{"Security"});
  EXPECT_EQ(Names(*index_, "kernel/sched.c"), V{"Kernel"});
  EXPECT_EQ(Names(*index_, "drivers/disk/sdmmc_subsys.c"), V{"Disk"});
  auto m = index_->Match("drivers/sensor/st/foo.c");
  ASSERT_EQ(m[0].groups.size(), 1u);
  EXPECT_EQ(m[0].groups[0]->name, "Vendor-owned sensor drivers");
  EXPECT_TRUE(index_->Match("no/such/dir/file.txt").empty());
}

}  // namespace
}  // namespace psirt
