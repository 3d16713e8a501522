// Tests of finding other projects' code in a module's tree: by version
// header and VERSION file, by licence text, as submodules, as declared in
// module.yml; the module's own root and generic names without a version
// are no copies.
#include "core/bundled_code.h"

#include <map>

#include <gtest/gtest.h>

namespace psirt {
namespace {

struct FakeTree {
  std::map<std::string, std::string> files;
  ModuleTree Tree(std::vector<std::pair<std::string, std::string>> gitlinks = {}) const {
    ModuleTree t;
    for (const auto& [path, text] : files) t.files.push_back(path);
    t.gitlinks = std::move(gitlinks);
    return t;
  }
  TreeFileReader Reader() const {
    return [this](const std::string& p) -> std::optional<std::string> {
      auto it = files.find(p);
      return it == files.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
  }
};

const BundledCopy* At(const std::vector<BundledCopy>& all, const std::string& path) {
  for (const BundledCopy& c : all)
    if (c.path == path) return &c;
  return nullptr;
}

TEST(BundledCode, CopiesFoundByHeadersVersionFilesLicencesAndSubmodules) {
  FakeTree t;
  t.files = {{"include/mbedtls/build_info.h", "#define MBEDTLS_VERSION_STRING \"9.9.9\"\n"},  // the module itself
             {"ext/mbedtls-asn1/include/mbedtls/build_info.h", "#define MBEDTLS_VERSION_STRING \"3.0.0\"\n"},
             {"ext/mbedtls-asn1/include/mbedtls/version.h", "/* no version here */\n"},
             {"ext/tinycrypt/VERSION", "0.2.8\n"},
             {"ext/tinycrypt/lib/include/tinycrypt/aes.h", "/* aes */\n"},
             {"net/lwip/src/include/lwip/init.h", "#define LWIP_VERSION_MAJOR 2\n#define LWIP_VERSION_MINOR 1\n"
                                                  "#define LWIP_VERSION_REVISION 3\n"},
             {"fs/fatfs/source/ff.h", "/ FatFs - Generic FAT Filesystem module  R0.15 /\n"},
             {"tools/lfs.h", "/* not littlefs: no LFS_VERSION */\n"},
             {"/include/mbedtls/version.h", "#define MBEDTLS_VERSION_STRING \"1.0.0\"\n"},  // no folder: no copy
             {"third/tc/LICENSE", "=====\n   TinyCrypt Cryptographic Library\n"},
             {"docs/LICENSE", "Apache License 2.0\n"},
             {".gitmodules", "[submodule \"mbed\"]\n\tpath = ext/mbedtls-3.6.0\n\turl = https://github.com/Mbed-TLS/mbedtls.git\n"}};
  std::string commit(40, 'c');
  auto found = FindBundledCode(t.Tree({{"ext/mbedtls-3.6.0", commit}}), t.Reader(), t.files[".gitmodules"]);
  std::vector<std::string> paths;
  for (const BundledCopy& c : found) paths.push_back(c.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"ext/mbedtls-3.6.0", "ext/mbedtls-asn1", "ext/tinycrypt", "fs/fatfs",
                                             "net/lwip", "third/tc"}));
  const BundledCopy* asn1 = At(found, "ext/mbedtls-asn1");
  EXPECT_EQ(asn1->name, "mbedtls");
  EXPECT_EQ(asn1->version, "3.0.0");  // version.h states none; build_info.h does
  EXPECT_EQ(asn1->found_by, "version header");
  EXPECT_EQ(asn1->purl, "pkg:github/mbed-tls/mbedtls@3.0.0");
  EXPECT_EQ(asn1->cpes, std::vector<std::string>{"cpe:2.3:a:arm:mbed_tls:3.0.0:*:*:*:*:*:*:*"});
  EXPECT_DOUBLE_EQ(asn1->confidence, 0.9);
  const BundledCopy* tc = At(found, "ext/tinycrypt");
  EXPECT_EQ(tc->version, "0.2.8");
  EXPECT_EQ(tc->found_by, "version file");
  EXPECT_EQ(tc->evidence, "ext/tinycrypt/VERSION: 0.2.8");
  EXPECT_TRUE(tc->cpes.empty());  // NVD has no TinyCrypt product
  EXPECT_EQ(At(found, "net/lwip")->version, "2.1.3");
  EXPECT_EQ(At(found, "fs/fatfs")->version, "R0.15");
  const BundledCopy* lic = At(found, "third/tc");
  EXPECT_EQ(lic->name, "tinycrypt");
  EXPECT_EQ(lic->found_by, "licence file");
  EXPECT_EQ(lic->version, "");
  const BundledCopy* sub = At(found, "ext/mbedtls-3.6.0");
  EXPECT_EQ(sub->found_by, "git submodule");
  EXPECT_EQ(sub->commit, commit);
  EXPECT_EQ(sub->upstream, "mbedtls");
  EXPECT_EQ(sub->purl, "pkg:github/mbed-tls/mbedtls@" + commit);
}

TEST(BundledCode, DeclaredCopiesWinAtTheirFolder) {
  FakeTree t;
  t.files = {{"ext/tinycrypt/VERSION", "0.2.8\n"}, {"ext/tinycrypt/lib/include/tinycrypt/aes.h", ""}};
  auto found = FindBundledCode(t.Tree(), t.Reader(), "");
  DeclaredCopy d;
  d.name = "tinycrypt", d.path = "ext/tinycrypt", d.version = "0.2.7", d.line = 4;
  DeclaredCopy other;
  other.name = "somelib", other.path = "vendor/somelib", other.version = "1.0";
  auto all = WithDeclaredCopies(found, {d, other});
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].path, "ext/tinycrypt");
  EXPECT_EQ(all[0].version, "0.2.7");
  EXPECT_EQ(all[0].found_by, "module.yml");
  EXPECT_EQ(all[0].purl, "pkg:github/intel/tinycrypt@0.2.7");
  EXPECT_EQ(all[1].purl, "pkg:generic/somelib@1.0");
}

TEST(BundledCode, GitmodulesMalformedLinesAreSkipped) {
  auto subs = ReadGitmodules("garbage\n[submodule \"a\"]\npath = x/a\nurl = \"https://h/a.git\"\nnot a pair\n"
                             "[core]\npath = ignored\n[submodule \"b\"]\nurl = https://h/b\n");
  ASSERT_EQ(subs.size(), 1u);  // b has no path
  EXPECT_EQ(subs[0], (std::pair<std::string, std::string>{"x/a", "https://h/a.git"}));
  EXPECT_TRUE(ReadGitmodules(std::string(50000, '[')).empty());
}

}  // namespace
}  // namespace psirt
