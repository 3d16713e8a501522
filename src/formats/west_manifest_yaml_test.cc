// Tests of west.yml reading: the real Zephyr manifest (projects, remotes,
// the group filter's active set, URLs, revisions, paths, lines), each of
// west's rules on crafted manifests, and every error with file, line and
// reason.
#include "formats/west_manifest_yaml.h"

#include <gtest/gtest.h>

#include "app/file_io.h"
#include "testing/test_support.h"

namespace psirt {
namespace {

const WestProject* Find(const WestManifest& m, const std::string& name) {
  for (const WestProject& p : m.projects)
    if (p.name == name) return &p;
  return nullptr;
}

TEST(WestManifestYaml, TheRealZephyrManifest) {
  std::string path = testing::SharedData("zephyr/west.yml");
  auto text = ReadFileText(path);
  ASSERT_TRUE(text.ok());
  auto m = ReadWestManifest(*text, path);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->projects.size(), 77u);
  EXPECT_EQ(m->remotes.size(), 3u);
  EXPECT_EQ(m->group_filter, (std::vector<std::string>{"-babblesim", "-optional", "-testing"}));
  size_t active = 0;
  for (const WestProject& p : m->projects) active += p.active;
  EXPECT_EQ(active, 65u);
  const WestProject* bsim = Find(*m, "babblesim_base");
  ASSERT_NE(bsim, nullptr);
  EXPECT_EQ(bsim->url, "https://github.com/BabbleSim/base");  // remote + repo-path
  EXPECT_EQ(bsim->path, "tools/bsim/components");
  EXPECT_EQ(bsim->revision, "1cce925c72805cfdbb6341ca8c0755c7d42699d3");
  EXPECT_FALSE(bsim->active);  // -babblesim
  EXPECT_EQ(bsim->line, 38);
  const WestProject* mbedtls = Find(*m, "mbedtls");
  ASSERT_NE(mbedtls, nullptr);
  EXPECT_EQ(mbedtls->url, "https://github.com/zephyrproject-rtos/mbedtls");  // default remote + name
  EXPECT_EQ(mbedtls->path, "modules/crypto/mbedtls");
  EXPECT_EQ(mbedtls->groups, std::vector<std::string>{"crypto"});
  EXPECT_TRUE(mbedtls->active);
  EXPECT_EQ(mbedtls->line, 328);
  const WestProject* xen = Find(*m, "zephyr-xenlib");
  ASSERT_NE(xen, nullptr);
  EXPECT_EQ(xen->revision, "pull/104/head");
  EXPECT_EQ(WestRevisionKind(xen->revision), "pull");
  EXPECT_EQ(WestRevisionKind(mbedtls->revision), "sha");
  EXPECT_EQ(WestRevisionKind("v3.6.0"), "ref");
  EXPECT_EQ(xen->url, "https://github.com/xen-troops/zephyr-xenlib");
  ASSERT_TRUE(m->self_import.has_value());
  EXPECT_EQ(m->self_import->text, "submanifests");
}

TEST(WestManifestYaml, DefaultsUrlsPathsGroupsAndUserdata) {
  auto m = ReadWestManifest(R"(manifest:
  defaults:
    remote: up
    revision: v1.0
  remotes:
    - name: up
      url-base: https://example.org/base/
    - name: other
      url-base: https://other.example
  group-filter: [-opt, +opt, -off]
  projects:
    - name: plain
    - name: moved
      remote: other
      repo-path: deep/repo
      path: ./modules//moved/
      revision: 0123456789
      clone-depth: 1
    - name: direct
      url: https://git.example/direct.git
      groups: [off]
    - name: either
      groups: [off, opt]
      userdata: {owner: a, tags: [x, y]}
    - name: numbered
      groups: [12]
)", "m.yml");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  ASSERT_EQ(m->projects.size(), 5u);
  const WestProject& plain = m->projects[0];
  EXPECT_EQ(plain.url, "https://example.org/base/plain");  // trailing '/' of url-base not doubled
  EXPECT_EQ(plain.revision, "v1.0");
  EXPECT_EQ(plain.path, "plain");
  const WestProject& moved = m->projects[1];
  EXPECT_EQ(moved.url, "https://other.example/deep/repo");
  EXPECT_EQ(moved.path, "modules/moved");
  EXPECT_EQ(moved.revision, "0123456789");  // digits stay text
  EXPECT_EQ(moved.clone_depth, std::optional<int>(1));
  EXPECT_EQ(m->projects[2].url, "https://git.example/direct.git");
  EXPECT_EQ(m->projects[2].remote, "");
  EXPECT_FALSE(m->projects[2].active);  // its only group is disabled
  EXPECT_TRUE(m->projects[3].active);   // one of its groups (opt: -opt then +opt) is enabled
  EXPECT_EQ(m->projects[3].userdata_json, R"({"owner":"a","tags":["x","y"]})");
  EXPECT_TRUE(m->projects[4].active);
  EXPECT_EQ(m->projects[4].groups, std::vector<std::string>{"12"});
  // Userdata that is not UTF-8 is kept, with the bad bytes replaced.
  auto latin1 = ReadWestManifest("manifest:\n  projects:\n    - name: x\n      url: https://h/x\n      userdata: \"caf\xe9\"\n", "l.yml");
  ASSERT_TRUE(latin1.ok()) << latin1.status().ToString();
  EXPECT_EQ(latin1->projects[0].userdata_json, "\"caf\xef\xbf\xbd\"");
  // Without defaults.revision: west's "master".
  auto bare = ReadWestManifest("manifest:\n  projects:\n    - name: x\n      url: https://h/x\n", "b.yml");
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare->projects[0].revision, "master");
  // A name that merely starts with two dots is a folder like any other;
  // only a ".." component leaves the workspace (found by fuzzing).
  auto dots = ReadWestManifest("manifest:\n  projects:\n    - name: x\n      url: https://h/x\n      path: ..cache/x..\n", "d.yml");
  ASSERT_TRUE(dots.ok()) << dots.status().ToString();
  EXPECT_EQ(dots->projects[0].path, "..cache/x..");
  EXPECT_FALSE(ReadWestManifest("manifest:\n  projects:\n    - name: x\n      url: https://h/x\n      path: a/../../x\n", "e.yml").ok());
}

TEST(WestManifestYaml, EveryErrorNamesFileLineAndReason) {
  struct Case {
    std::string yaml;
    int line;
    std::string message;
  };
  const std::string remotes = "  remotes:\n    - name: up\n      url-base: https://h\n";
  for (const Case& c : std::vector<Case>{
           {"manifest: [", 1, "not valid YAML"},
           {"projects: []\n", 1, "expected a top-level 'manifest:' mapping"},
           {"manifest:\n  projets: []\n", 2, "manifest.projets: unknown key"},
           {"manifest:\n" + remotes + "  projects:\n    - name: a\n      remote: nowhere\n", 6, "unknown remote 'nowhere'"},
           {"manifest:\n" + remotes + "  projects:\n    - name: a\n      remote: up\n      url: https://x/a\n", 6,
            "has url and remote"},
           {"manifest:\n  projects:\n    - name: a\n", 3, "has no url and no remote"},
           {"manifest:\n" + remotes + "  defaults:\n    remote: gone\n", 6, "default remote 'gone'"},
           {"manifest:\n" + remotes + "    - name: up\n      url-base: https://g\n", 5, "remote 'up' is defined twice"},
           {"manifest:\n  projects:\n    - name: a\n      url: https://x/a\n    - name: a\n      url: https://x/b\n", 5,
            "project 'a' is defined twice (first on line 3)"},
           {"manifest:\n  projects:\n    - name: a\n      url: https://x/a\n      path: p\n    - name: b\n      url: https://x/b\n      path: p/\n",
            6, "path 'p' is used twice"},
           {"manifest:\n  projects:\n    - name: manifest\n      url: https://x/a\n", 3, "'manifest' is reserved"},
           {"manifest:\n  projects:\n    - name: a/b\n      url: https://x/a\n", 3, "holds a path separator"},
           {"manifest:\n  projects:\n    - name: a\n      url: https://x/a\n      path: ../out\n", 3, "stay inside it"},
           {"manifest:\n  projects:\n    - name: a\n      url: https://x/a\n      groups: [-g]\n", 3, "group '-g'"},
           {"manifest:\n  group-filter: [g]\n", 2, "group-filter entry 'g': expected +GROUP or -GROUP"},
           {"manifest:\n  projects:\n    - name: a\n      url: https://x/a\n      clone-depth: deep\n", 5,
            "expected a positive whole number"},
           {"manifest:\n  projects:\n    - name: a\n      url: https://x/a\n      url: https://x/b\n", 5, "given twice"},
           {"manifest:\n  projects: {a: 1}\n", 2, "expected a list of projects"},
       }) {
    auto m = ReadWestManifest(c.yaml, "w.yml");
    ASSERT_FALSE(m.ok()) << c.yaml;
    EXPECT_EQ(m.status().file(), "w.yml") << c.yaml;
    EXPECT_EQ(m.status().line(), c.line) << c.yaml << "\n" << m.status().ToString();
    EXPECT_NE(m.status().message().find(c.message), std::string::npos) << m.status().ToString();
  }
}

}  // namespace
}  // namespace psirt
