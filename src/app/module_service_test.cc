// Tests of loading a west manifest with its imports: a `self: import:` of a
// submanifest folder (files in name order, projects defined first win), of
// one file, a missing folder and a project import left unresolved (both
// reported, never guessed), and the JSON `modules list` prints.
#include "app/module_service.h"

#include <gtest/gtest.h>

#include "testing/test_support.h"

namespace psirt {
namespace {

using testing::TempDir;
using testing::WriteFile;

const WestProject* Find(const LoadedManifest& m, const std::string& name) {
  for (const WestProject& p : m.manifest.projects)
    if (p.name == name) return &p;
  return nullptr;
}

TEST(ModuleService, SelfImportOfAFolderAddsItsProjectsTopFileFirst) {
  TempDir dir;
  std::filesystem::create_directories(dir / "zephyr/submanifests");
  WriteFile(dir / "zephyr/west.yml", R"(manifest:
  remotes:
    - name: up
      url-base: https://example.org
  defaults:
    remote: up
  projects:
    - name: hal_x
      revision: v1
    - name: lib
      remote: up
      revision: v2
      import: true
  self:
    path: zephyr
    import: submanifests
)");
  // Files are read in name order; a project named again is the earlier one's.
  WriteFile(dir / "zephyr/submanifests/b.yml", R"(manifest:
  projects:
    - name: extra
      url: https://other.example/extra
      revision: deadbeef
)");
  WriteFile(dir / "zephyr/submanifests/a.yml", R"(manifest:
  projects:
    - name: hal_x
      url: https://override.example/hal_x
      revision: v9
    - name: first
      url: https://other.example/first
)");
  WriteFile(dir / "zephyr/submanifests/notes.txt", "not a manifest");
  auto m = LoadWestManifest(dir / "zephyr/west.yml");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  ASSERT_EQ(m->manifest.projects.size(), 4u);
  EXPECT_EQ(m->manifest.projects[0].name, "hal_x");
  EXPECT_EQ(m->manifest.projects[2].name, "first");  // a.yml before b.yml
  EXPECT_EQ(m->manifest.projects[3].name, "extra");
  EXPECT_EQ(Find(*m, "hal_x")->url, "https://example.org/hal_x");  // the top file's wins
  EXPECT_EQ(Find(*m, "hal_x")->revision, "v1");
  ASSERT_EQ(m->files.size(), 3u);
  EXPECT_EQ(m->files[0], dir / "zephyr/west.yml");
  // The project import needs the clone: reported, not followed.
  ASSERT_EQ(m->imports.size(), 2u);
  bool self_resolved = false, lib_unresolved = false;
  for (const ManifestImport& i : m->imports) {
    if (i.from == "self") self_resolved = i.resolved;
    if (i.from == "lib") lib_unresolved = !i.resolved && i.line == 13;
  }
  EXPECT_TRUE(self_resolved);
  EXPECT_TRUE(lib_unresolved);

  nlohmann::json all = ModulesToJson(*m, true);
  EXPECT_EQ(all["count"], 4);
  EXPECT_EQ(all["projects"][3]["url"], "https://other.example/extra");
  EXPECT_EQ(all["projects"][3]["revision_kind"], "ref");
}

TEST(ModuleService, AMissingImportIsReportedAndABrokenOneIsAnError) {
  TempDir dir;
  WriteFile(dir / "west.yml", "manifest:\n  projects: []\n  self:\n    import: nowhere.yml\n");
  auto m = LoadWestManifest(dir / "west.yml");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  ASSERT_EQ(m->imports.size(), 1u);
  EXPECT_FALSE(m->imports[0].resolved);
  EXPECT_EQ(m->imports[0].line, 4);

  WriteFile(dir / "nowhere.yml", "manifest:\n  projects:\n    - name: a\n");  // no URL
  auto broken = LoadWestManifest(dir / "west.yml");
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.status().file(), dir / "nowhere.yml");
  EXPECT_EQ(broken.status().line(), 3);

  auto missing = LoadWestManifest(dir / "absent.yml");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().ToString().find("absent.yml"), std::string::npos);
}

}  // namespace
}  // namespace psirt

namespace psirt {
namespace {

std::vector<std::string> MakeClone(const std::string& dir, const std::vector<std::string>& module_yml) {
  return testing::CommitEach(dir, "zephyr/module.yml", module_yml);
}

TEST(ModuleClones, HeadsRevisionsAndModuleFilesOfAWestTopdir) {
  TempDir top;
  std::filesystem::create_directories(top / ".west");
  std::vector<std::string> mbed = MakeClone(
      top / "modules/crypto/mbedtls",
      {"security:\n  external-references:\n    - cpe:2.3:a:arm:mbed_tls:3.5.2:*:*:*:*:*:*:*\n",
       "security:\n  external-references:\n    - cpe:2.3:a:arm:mbed_tls:3.6.2:*:*:*:*:*:*:*\n"
       "    - pkg:github/mbed-tls/mbedtls@v3.6.2\n"});
  testing::Run({"git", "-C", top / "modules/crypto/mbedtls", "tag", "v3.6.2"});
  std::vector<std::string> tfm =
      MakeClone(top / "modules/tee/tf-m", {"name: trusted-firmware-m\nbuild:\n  depends: [mbedtls]\n", "name: trusted-firmware-m\n"});
  testing::Run({"git", "-C", top / "modules/tee/tf-m", "checkout", "-q", tfm[0]});  // HEAD is not what the manifest pins
  MakeClone(top / "modules/hal", {"name: hal\n"});
  std::filesystem::create_directories(top / "zephyr/sub");
  WriteFile(top / "zephyr/west.yml", "manifest:\n  projects:\n"
                                     "    - name: mbedtls\n      url: https://h/mbedtls\n      path: modules/crypto/mbedtls\n      revision: v3.6.2\n"
                                     "    - name: tf-m\n      url: https://h/tfm\n      path: modules/tee/tf-m\n      revision: " + tfm[1] + "\n"
                                     "    - name: hal\n      url: https://h/hal\n      path: modules/hal\n      revision: v9.9\n"
                                     "    - name: absent\n      url: https://h/absent\n");
  EXPECT_EQ(FindWestTopdir(top / "zephyr/west.yml"), std::filesystem::canonical(top.path()).string());
  EXPECT_EQ(FindWestTopdir(top / "zephyr/sub/x.yml"), std::filesystem::canonical(top.path()).string());

  auto m = LoadWestManifest(top / "zephyr/west.yml");
  ASSERT_TRUE(m.ok());
  auto clones = InspectModuleClones(*m, top.path(), false);
  ASSERT_TRUE(clones.ok()) << clones.status().ToString();
  ASSERT_EQ(clones->size(), 4u);
  const ModuleClone& mb = (*clones)[0];
  EXPECT_EQ(mb.state, "matches");
  EXPECT_EQ(mb.head, mbed[1]);
  ASSERT_TRUE(mb.meta.has_value());
  EXPECT_EQ(mb.meta->cpes[0].version, "3.6.2");  // the checked-out file, not an older one
  EXPECT_EQ(mb.meta->purls[0].PackageKey(), "github/mbed-tls/mbedtls");
  const ModuleClone& t = (*clones)[1];
  EXPECT_EQ(t.state, "differs");
  EXPECT_EQ(t.head, tfm[0]);
  EXPECT_EQ(t.pinned, tfm[1]);
  EXPECT_EQ(t.meta->depends, std::vector<std::string>{"mbedtls"});  // as checked out
  EXPECT_EQ((*clones)[2].state, "revision unknown");  // tag v9.9 is not in the clone
  EXPECT_EQ((*clones)[3].state, "not cloned");
  EXPECT_FALSE((*clones)[3].cloned);

  nlohmann::json j = ModulesToJson(*m, false, &*clones, top.path());
  EXPECT_EQ(j["projects"][1]["clone"]["state"], "differs");
  EXPECT_EQ(j["projects"][0]["clone"]["module_yml"]["cpes"][0], "cpe:2.3:a:arm:mbed_tls:3.6.2:*:*:*:*:*:*:*");

  // A malformed module.yml stops the listing with its file and line.
  WriteFile(top / "modules/hal/zephyr/module.yml", "name: hal\nbuild: 3\n");
  auto bad = InspectModuleClones(*m, top.path(), false);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().line(), 2);
  EXPECT_NE(bad.status().file().find("modules/hal/zephyr/module.yml"), std::string::npos);
}

}  // namespace
}  // namespace psirt
