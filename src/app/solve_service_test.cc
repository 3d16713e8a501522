// Tests of `psirt modules solve` on the real-world case built as clones
// (testing/tfm_world.h): the historical mismatches repaired with the
// fewest changes, a security update taken with --with, the newest aligned
// pair, the manifest rewritten in place (read back as west reads it), and
// a case with no solution explained with each fact's file and line.
#include "app/solve_service.h"

#include <gtest/gtest.h>

#include "app/file_io.h"
#include "formats/west_manifest_yaml.h"
#include "testing/test_support.h"
#include "testing/tfm_world.h"

namespace psirt {
namespace {

using nlohmann::json;
using testing::TfmWorld;

WorkspaceSolution Solve(TfmWorld& w, const SolveOptions& o = {}) {
  auto ws = OpenModuleWorkspace(w.manifest, "");
  EXPECT_TRUE(ws.ok()) << ws.status().ToString();
  auto s = SolveWorkspace(*ws, o);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? *s : WorkspaceSolution{};
}

// The revisions the solution's manifest gives, as west reads them.
std::map<std::string, std::string> Revisions(const std::string& text) {
  auto m = ParseWestManifest(text, "west.yml");
  EXPECT_TRUE(m.ok()) << m.status().ToString();
  std::map<std::string, std::string> out;
  if (m.ok())
    for (const WestProjectSpec& p : m->projects) out[p.name] = p.revision.value_or("");
  return out;
}

const ModuleMove& Move(const WorkspaceSolution& s, const std::string& module) {
  for (const ModuleMove& m : s.moves)
    if (m.module == module) return m;
  static ModuleMove none;
  ADD_FAILURE() << "no move for " << module;
  return none;
}

TEST(ModulesSolve, MinimalChangeRepairsTheHistoricalMismatch) {
  TfmWorld w;
  w.Pin("TF-Mv2.1.4", "v3.5.2");
  WorkspaceSolution s = Solve(w);
  ASSERT_TRUE(s.outcome.solved) << ::testing::PrintToString(s.outcome.explanation);
  EXPECT_EQ(s.Changes(), 1u);
  EXPECT_FALSE(Move(s, "trusted-firmware-m").changed);
  const ModuleMove& mbed = Move(s, "mbedtls");
  EXPECT_TRUE(mbed.changed);
  EXPECT_EQ(mbed.from_version, "3.5.2");
  EXPECT_EQ(mbed.to_version.rfind("3.6.", 0), 0u) << mbed.to_version;
  EXPECT_EQ(mbed.candidates, 6u);
  std::map<std::string, std::string> r = Revisions(s.manifest_text);
  EXPECT_EQ(r["mbedtls"], "v" + mbed.to_version);
  EXPECT_EQ(r["trusted-firmware-m"], "TF-Mv2.1.4");
  // Only the revision changed: the rest of the file is the original.
  std::string original = *ReadFileText(w.manifest);
  std::string expected = original;
  expected.replace(expected.find("revision: v3.5.2") + 10, 6, "v" + mbed.to_version);
  EXPECT_EQ(s.manifest_text, expected);

  // The manifest on stdout, what moved on stderr.
  auto cli = testing::Psirt({"modules", "solve", w.manifest});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_EQ(cli.out, expected);
  EXPECT_NE(cli.err.find("mbedtls: 3.5.2 (v3.5.2) -> " + mbed.to_version), std::string::npos) << cli.err;
  EXPECT_NE(cli.err.find("1 revisions changed (2 modules)"), std::string::npos) << cli.err;

  // An aligned pair needs nothing.
  w.Pin("TF-Mv1.7.0", "v3.2.0");
  s = Solve(w);
  ASSERT_TRUE(s.outcome.solved);
  EXPECT_EQ(s.Changes(), 0u);
  EXPECT_EQ(s.manifest_text, *ReadFileText(w.manifest));
}

TEST(ModulesSolve, WithTakesASecurityUpdateAndNewestTakesTheNewestAlignedPair) {
  TfmWorld w;
  w.Pin("TF-Mv2.1.4", "v3.6.0");
  SolveOptions o;
  o.with = {"mbedtls@3.6.3"};
  WorkspaceSolution s = Solve(w, o);
  ASSERT_TRUE(s.outcome.solved);
  EXPECT_EQ(Move(s, "mbedtls").to_revision, "v3.6.3");
  EXPECT_FALSE(Move(s, "trusted-firmware-m").changed);

  // TF-M 1.6 with Mbed TLS 3.1: the newest aligned pair is 2.1.4 with 3.6.3.
  w.Pin("TF-Mv1.6.0", "v3.1.0");
  auto cli = testing::Psirt({"--json", "modules", "solve", w.manifest, "--prefer", "newest"});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  json j = json::parse(cli.out);
  EXPECT_EQ(j["changes"], 2);
  std::map<std::string, std::string> r = Revisions(j["manifest"].get<std::string>());
  EXPECT_EQ(r["mbedtls"], "v3.6.3");
  EXPECT_EQ(r["trusted-firmware-m"], "TF-Mv2.1.4");
  EXPECT_EQ(j["modules"][1]["from"]["version"], "1.6.0");
  EXPECT_EQ(j["modules"][1]["to"]["tag"], "TF-Mv2.1.4");

  // Asked for TF-M 1.7, Mbed TLS follows to 3.2 (read from module.yml at TF-Mv1.7.0).
  cli = testing::Psirt({"--json", "modules", "solve", w.manifest, "--with", "trusted-firmware-m@1.7.0"});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  r = Revisions(json::parse(cli.out)["manifest"].get<std::string>());
  EXPECT_EQ(r["mbedtls"], "v3.2.0");
  EXPECT_EQ(r["trusted-firmware-m"], "TF-Mv1.7.0");

  // Without TF-M in the build (the Kconfig leaves it off) Mbed TLS is free.
  testing::WriteFile(w.top / "prj.conf", "# CONFIG_BUILD_WITH_TFM is not set\n");
  o.with = {"mbedtls@3.6.3"};
  o.kconfig_file = w.top / "prj.conf";
  s = Solve(w, o);
  ASSERT_TRUE(s.outcome.solved);
  EXPECT_EQ(s.Changes(), 1u);
  EXPECT_FALSE(Move(s, "trusted-firmware-m").changed);
}

TEST(ModulesSolve, CommitPinsStayCommitPins) {
  TfmWorld w;
  w.Pin("TF-Mv2.1.4", "v3.5.2");
  std::string pinned = testing::Run({"git", "-C", w.mbed_dir, "rev-parse", "v3.5.2"}).out;
  std::string wanted = testing::Run({"git", "-C", w.mbed_dir, "rev-parse", "v3.6.3^{commit}"}).out;
  pinned.pop_back(), wanted.pop_back();
  std::string text = *ReadFileText(w.manifest);
  text.replace(text.find("revision: v3.5.2") + 10, 6, pinned + "  # v3.5.2");
  testing::WriteFile(w.manifest, text);
  SolveOptions o;
  o.with = {"mbedtls@>=3.6.3"};
  WorkspaceSolution s = Solve(w, o);
  ASSERT_TRUE(s.outcome.solved);
  EXPECT_EQ(Revisions(s.manifest_text)["mbedtls"], wanted);
  EXPECT_NE(s.manifest_text.find("revision: " + wanted + "  # v3.5.2\n"), std::string::npos) << s.manifest_text;
}

TEST(ModulesSolve, NoSolutionExplainsItselfAndBadOptionsAreRefused) {
  TfmWorld w;
  w.Pin("TF-Mv2.1.4", "v3.6.0");
  // TF-M 1.3 needs Mbed TLS <2.26.0 and no release tag is that old.
  auto cli = testing::Psirt({"modules", "solve", w.manifest, "--with", "trusted-firmware-m@1.3.0"});
  EXPECT_EQ(cli.exit_code, 1) << cli.err;
  EXPECT_NE(cli.out.find("no solution:\n"), std::string::npos) << cli.out;
  EXPECT_NE(cli.out.find("trusted-firmware-m 1.3.0 (TF-Mv1.3.0) requires mbedtls <2.26.0 when CONFIG_BUILD_WITH_TFM (" +
                         w.tfm_dir + "@TF-Mv1.3.0:zephyr/module.yml:5), and no revision of mbedtls on offer satisfies it "
                                     "(2.26.0, 3.1.0, 3.2.0, 3.5.2, 3.6.0, 3.6.3)"),
            std::string::npos)
      << cli.out;
  EXPECT_NE(cli.out.find("--with trusted-firmware-m@1.3.0 asks for trusted-firmware-m 1.3.0"), std::string::npos) << cli.out;
  EXPECT_NE(cli.out.find("So no choice of revisions satisfies every constraint together with the --with requests."),
            std::string::npos)
      << cli.out;
  auto j = testing::Psirt({"--json", "modules", "solve", w.manifest, "--with", "trusted-firmware-m@1.3.0"});
  EXPECT_EQ(j.exit_code, 1);
  EXPECT_FALSE(json::parse(j.out)["solved"].get<bool>());
  EXPECT_FALSE(json::parse(j.out).contains("manifest"));

  auto bad = testing::Psirt({"modules", "solve", w.manifest, "--with", "mbedtls"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--with mbedtls: expected MODULE@VERSION"), std::string::npos) << bad.err;
  bad = testing::Psirt({"modules", "solve", w.manifest, "--with", "mbedtls@>>3"});
  EXPECT_EQ(bad.exit_code, 2) << bad.err;
  bad = testing::Psirt({"modules", "solve", w.manifest, "--prefer", "oldest"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--prefer oldest: expected minimal-change or newest"), std::string::npos) << bad.err;
  bad = testing::Psirt({"modules", "solve", w.manifest, "--with", "mbedtls@9.9.9"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("no release tag of mbedtls has a version 9.9.9 allows"), std::string::npos) << bad.err;

  // A malformed module.yml at one old tag leaves that tag out, said in a note.
  TfmWorld::Tagged(w.tfm_dir, "TF-Mv2.2.0", "zephyr/module.yml", "name: trusted-firmware-m\nrequires: 7\n");
  w.Pin("TF-Mv2.1.4", "v3.6.0");
  WorkspaceSolution s = Solve(w);
  ASSERT_TRUE(s.outcome.solved);
  ASSERT_FALSE(s.notes.empty());
  EXPECT_NE(s.notes[0].find("trusted-firmware-m TF-Mv2.2.0 left out: " + w.tfm_dir + "@TF-Mv2.2.0:zephyr/module.yml:2"),
            std::string::npos)
      << s.notes[0];
}

}  // namespace
}  // namespace psirt
