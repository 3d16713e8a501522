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
