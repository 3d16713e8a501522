// Tests of the libsolv-backed module revision solver, on in-memory
// candidates (the git side is tested in app/solve_service_test.cc).
#include "core/module_solver.h"

#include <gtest/gtest.h>

namespace psirt {
namespace {

ModuleRequirement Req(const std::string& module, const std::string& constraint, const std::string& when = "") {
  ModuleRequirement r;
  r.module = module;
  r.constraint = *VersionConstraint::Parse(constraint);
  r.when = when;
  r.file = "tf-m/zephyr/module.yml";
  r.line = 5;
  return r;
}

// Mbed TLS and TF-M as they were: TF-M 1.3 needs <2.26, 1.6 needs 3.1,
// 1.7 needs 3.2, 2.1.4 needs 3.6.
SolveRequest TfmRequest(const std::string& tfm_pin, const std::string& mbed_pin) {
  SolveRequest r;
  SolveModule mbed{"mbedtls", "west.yml", 8, {}, -1};
  for (const char* v : {"2.26.0", "3.1.0", "3.2.0", "3.5.2", "3.6.0", "3.6.3"}) {
    if (mbed_pin == v) mbed.current = static_cast<int>(mbed.candidates.size());
    mbed.candidates.push_back({v, "v" + std::string(v), "c" + std::string(v), {}});
  }
  SolveModule tfm{"trusted-firmware-m", "west.yml", 12, {}, -1};
  for (auto [v, needs] : std::vector<std::pair<const char*, const char*>>{
           {"1.3.0", "<2.26.0"}, {"1.6.0", "3.1.*"}, {"1.7.0", "3.2.*"}, {"2.1.4", ">=3.6.0, <3.7.0"}}) {
    if (tfm_pin == v) tfm.current = static_cast<int>(tfm.candidates.size());
    tfm.candidates.push_back({v, "TF-Mv" + std::string(v), "t" + std::string(v), {Req("mbedtls", needs, "CONFIG_BUILD_WITH_TFM")}});
  }
  r.modules = {mbed, tfm};
  return r;
}

std::string Chosen(const SolveRequest& r, const SolveOutcome& o, size_t m) {
  return r.modules[m].candidates[static_cast<size_t>(o.chosen[m])].version;
}

SolveWith With(const std::string& module, const std::string& constraint) {
  return {module, *VersionConstraint::Parse(constraint), module + "@" + constraint};
}

TEST(ModuleSolver, MinimalChangeKeepsPinsAndMovesOnlyWhatAConstraintForces) {
  SolveRequest r = TfmRequest("2.1.4", "3.6.0");
  auto o = SolveModuleVersions(r);
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  ASSERT_TRUE(o->solved);
  EXPECT_EQ(Chosen(r, *o, 0), "3.6.0");  // already fine: nothing moves
  EXPECT_EQ(Chosen(r, *o, 1), "2.1.4");
  EXPECT_EQ(o->notes, std::vector<std::string>{"assumed CONFIG_BUILD_WITH_TFM is set (no configuration given)"});

  // The historical mismatch: TF-M 2.1.4 with Mbed TLS 3.5.2. One of them moves.
  r = TfmRequest("2.1.4", "3.5.2");
  o = SolveModuleVersions(r);
  ASSERT_TRUE(o.ok() && o->solved);
  std::string mbed = Chosen(r, *o, 0), tfm = Chosen(r, *o, 1);
  EXPECT_TRUE((tfm == "2.1.4" && (mbed == "3.6.0" || mbed == "3.6.3")) || (tfm == "1.7.0" && mbed == "3.2.0") ||
              (tfm == "1.6.0" && mbed == "3.1.0"))
      << tfm << " " << mbed;
  EXPECT_TRUE(tfm == "2.1.4" || mbed == "3.5.2") << "only one module needs to move: " << tfm << " " << mbed;

  // A security update of Mbed TLS: --with mbedtls@3.6.3 keeps TF-M 2.1.4.
  r.with = {With("mbedtls", "3.6.3")};
  o = SolveModuleVersions(r);
  ASSERT_TRUE(o.ok() && o->solved);
  EXPECT_EQ(Chosen(r, *o, 0), "3.6.3");
  EXPECT_EQ(Chosen(r, *o, 1), "2.1.4");
}

TEST(ModuleSolver, NewestTakesTheNewestAlignedPairAndWithCanForceAnOlderOne) {
  SolveRequest r = TfmRequest("1.6.0", "3.1.0");
  r.prefer = SolveRequest::Prefer::kNewest;
  auto o = SolveModuleVersions(r);
  ASSERT_TRUE(o.ok() && o->solved);
  EXPECT_EQ(Chosen(r, *o, 0), "3.6.3");
  EXPECT_EQ(Chosen(r, *o, 1), "2.1.4");

  r.with = {With("trusted-firmware-m", "1.7.0")};  // TF-M 1.7 is aligned with Mbed TLS 3.2
  o = SolveModuleVersions(r);
  ASSERT_TRUE(o.ok() && o->solved);
  EXPECT_EQ(Chosen(r, *o, 0), "3.2.0");
  EXPECT_EQ(Chosen(r, *o, 1), "1.7.0");

  // Without TF-M in the build, Mbed TLS is free: the newest of both.
  r.context.kconfig_known = true;
  r.with = {With("trusted-firmware-m", "1.3.0")};
  o = SolveModuleVersions(r);
  ASSERT_TRUE(o.ok() && o->solved);
  EXPECT_EQ(Chosen(r, *o, 0), "3.6.3");
  EXPECT_EQ(Chosen(r, *o, 1), "1.3.0");
  EXPECT_TRUE(o->notes.empty());
}

TEST(ModuleSolver, NoSolutionExplainsItself) {
  // TF-M 1.3 requires Mbed TLS <2.26.0, and no release tag is that old.
  SolveRequest r = TfmRequest("1.3.0", "2.26.0");
  r.with = {With("trusted-firmware-m", "1.3.0")};
  auto o = SolveModuleVersions(r);
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  ASSERT_FALSE(o->solved);
  const std::vector<std::string>& e = o->explanation;
  ASSERT_GE(e.size(), 2u);
  EXPECT_NE(std::find(e.begin(), e.end(),
                      "trusted-firmware-m 1.3.0 (TF-Mv1.3.0), the pin requires mbedtls <2.26.0 when CONFIG_BUILD_WITH_TFM "
                      "(tf-m/zephyr/module.yml:5), and no revision of mbedtls on offer satisfies it (2.26.0, 3.1.0, 3.2.0, "
                      "3.5.2, 3.6.0, 3.6.3)"),
            e.end())
      << ::testing::PrintToString(e);
  EXPECT_NE(std::find(e.begin(), e.end(), "--with trusted-firmware-m@1.3.0 asks for trusted-firmware-m 1.3.0"), e.end())
      << ::testing::PrintToString(e);
  EXPECT_EQ(e.back(), "So no choice of revisions satisfies every constraint together with the --with requests.");

  // Two --with that contradict a requirement: Mbed TLS 2.26 and TF-M 1.6.
  r = TfmRequest("1.6.0", "3.1.0");
  r.with = {With("mbedtls", "2.26.0"), With("trusted-firmware-m", "1.6.0")};
  o = SolveModuleVersions(r);
  ASSERT_TRUE(o.ok());
  ASSERT_FALSE(o->solved);
  std::string all = ::testing::PrintToString(o->explanation);
  EXPECT_NE(all.find("trusted-firmware-m 1.6.0 (TF-Mv1.6.0), the pin requires mbedtls 3.1.*"), std::string::npos) << all;
  EXPECT_NE(all.find("only 3.1.0 satisfy"), std::string::npos) << all;
  EXPECT_NE(all.find("--with mbedtls@2.26.0 asks for mbedtls 2.26.0"), std::string::npos) << all;
}

TEST(ModuleSolver, MissingModulesUnknownVersionsRulesAndBadWith) {
  SolveRequest r = TfmRequest("2.1.4", "3.6.0");
  // A rule from the constraints file: TF-M >= 2 also needs hal_nordic, which the manifest lacks.
  ConstraintRule rule;
  rule.module = "trusted-firmware-m";
  rule.applies_to = *VersionConstraint::Parse(">=2");
  rule.needs = {Req("hal_nordic", "^4")};
  rule.needs[0].file = "constraints.yml", rule.needs[0].line = 3;
  r.rules = {rule};
  auto o = SolveModuleVersions(r);
  ASSERT_TRUE(o.ok() && o->solved);
  EXPECT_EQ(Chosen(r, *o, 1), "1.7.0");  // 2.1.4 cannot be built without hal_nordic: TF-M moves back
  EXPECT_EQ(Chosen(r, *o, 0), "3.2.0");

  // With hal_nordic at an unknown version, the rule is assumed to hold and said so.
  r.modules.push_back({"hal_nordic", "west.yml", 20, {{"", "", "abc", {}}}, 0});
  o = SolveModuleVersions(r);
  ASSERT_TRUE(o.ok() && o->solved);
  EXPECT_EQ(Chosen(r, *o, 1), "2.1.4");
  EXPECT_NE(std::find(o->notes.begin(), o->notes.end(),
                      "hal_nordic's version is unknown, so requirements on it (^4, ...) are assumed to hold"),
            o->notes.end())
      << ::testing::PrintToString(o->notes);

  r.with = {With("zephyr", "3.7.0")};
  EXPECT_EQ(SolveModuleVersions(r).status().message(), "--with zephyr@3.7.0: zephyr is no active project of the manifest");
  r.with = {With("mbedtls", "3.6.9")};
  EXPECT_EQ(SolveModuleVersions(r).status().message(),
            "--with mbedtls@3.6.9: no release tag of mbedtls has a version 3.6.9 allows (2.26.0, 3.1.0, 3.2.0, 3.5.2, 3.6.0, 3.6.3)");
}

}  // namespace
}  // namespace psirt
