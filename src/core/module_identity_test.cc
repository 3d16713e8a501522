// Tests of inferring a module's identity (declared, an upstream release,
// a fork past one, a version header, an unknown project) and of the
// security: block proposed as a diff.
#include "core/module_identity.h"

#include <gtest/gtest.h>

#include "core/known_upstreams.h"

namespace psirt {
namespace {

IdentityEvidence Evidence(const std::string& project, const std::string& url) {
  IdentityEvidence e;
  e.project = project, e.url = url, e.commit = std::string(40, 'a'), e.revision = e.commit;
  e.upstream = UpstreamOf(url, project, &e.upstream_exact);
  return e;
}

TEST(ModuleIdentity, DeclaredIdentityComesFirst) {
  ZephyrModuleMeta meta;
  meta.external_references = {{"cpe:2.3:a:arm:mbed_tls:3.6.2:*:*:*:*:*:*:*", 3}, {"pkg:github/mbed-tls/mbedtls@V3.6.2", 4}};
  meta.cpes.push_back(*ParseCpe23(meta.external_references[0].text));
  meta.purls.push_back(*ParsePurl(meta.external_references[1].text));
  IdentityEvidence e = Evidence("mbedtls", "https://github.com/zephyrproject-rtos/mbedtls");
  e.meta = &meta;
  e.tag = "v3.5.0", e.tag_distance = 0;  // declared wins over what git says
  ModuleIdentity id = InferIdentity(e);
  EXPECT_EQ(id.confidence, "declared");
  EXPECT_TRUE(id.declared);
  EXPECT_TRUE(id.has_security_block);
  EXPECT_EQ(id.version, "3.6.2");
  EXPECT_EQ(id.version_source, "cpe");
  EXPECT_EQ(id.purl, "pkg:github/mbed-tls/mbedtls@V3.6.2");
  EXPECT_EQ(id.cpes, std::vector<std::string>{"cpe:2.3:a:arm:mbed_tls:3.6.2:*:*:*:*:*:*:*"});
}

TEST(ModuleIdentity, UpstreamReleasesForksAndHeaders) {
  IdentityEvidence e = Evidence("crypto", "https://github.com/Mbed-TLS/mbedtls");
  e.tag = "mbedtls-3.6.2", e.tag_distance = 0;
  ModuleIdentity id = InferIdentity(e);
  EXPECT_EQ(id.upstream, "mbedtls");
  EXPECT_EQ(id.version, "3.6.2");
  EXPECT_EQ(id.confidence, "high");
  EXPECT_DOUBLE_EQ(id.score, 0.9);
  EXPECT_EQ(id.purl, "pkg:github/mbed-tls/mbedtls@mbedtls-3.6.2");
  EXPECT_EQ(id.cpes, std::vector<std::string>{"cpe:2.3:a:arm:mbed_tls:3.6.2:*:*:*:*:*:*:*"});
  EXPECT_FALSE(id.has_security_block);

  IdentityEvidence fork = Evidence("mbedtls", "https://github.com/zephyrproject-rtos/mbedtls");
  fork.tag = "v3.6.2", fork.tag_distance = 7;
  id = InferIdentity(fork);
  EXPECT_EQ(id.confidence, "medium");
  EXPECT_EQ(id.version, "3.6.2");
  ASSERT_FALSE(id.reasons.empty());
  EXPECT_EQ(id.reasons[0], "the pinned commit is 7 commits past Mbed TLS release tag v3.6.2");

  IdentityEvidence header = Evidence("mbedtls", "https://github.com/zephyrproject-rtos/mbedtls");
  header.header_version = "3.6.1", header.header_file = "include/mbedtls/build_info.h";
  id = InferIdentity(header);
  EXPECT_EQ(id.version_source, "header");
  EXPECT_EQ(id.version, "3.6.1");
  EXPECT_EQ(id.confidence, "medium");
  EXPECT_EQ(id.purl, "pkg:github/mbed-tls/mbedtls@3.6.1");

  IdentityEvidence bare = Evidence("mbedtls", "https://github.com/zephyrproject-rtos/mbedtls");
  id = InferIdentity(bare);
  EXPECT_EQ(id.version_source, "revision");
  EXPECT_EQ(id.confidence, "low");
  EXPECT_EQ(id.cpes, std::vector<std::string>{"cpe:2.3:a:arm:mbed_tls:*:*:*:*:*:*:*:*"});  // product known, version not
}

TEST(ModuleIdentity, UnknownProjectsGetTheirRepositorysPackageUrl) {
  IdentityEvidence e = Evidence("hal_acme", "https://github.com/zephyrproject-rtos/hal_acme");
  e.any_tag = "v1.2";
  ModuleIdentity id = InferIdentity(e);
  EXPECT_EQ(id.upstream, "");
  EXPECT_EQ(id.purl, "pkg:github/zephyrproject-rtos/hal_acme@" + std::string(40, 'a'));
  EXPECT_TRUE(id.cpes.empty());
  EXPECT_EQ(id.version, "v1.2");
  EXPECT_EQ(id.confidence, "low");
  EXPECT_EQ(ProposedSecurityLines(id),
            (std::vector<std::string>{"security:", "  external-references:", "    - " + id.purl}));
}

TEST(ModuleIdentity, AppendDiffHunks) {
  std::vector<std::string> add{"security:", "  x: 1"};
  EXPECT_EQ(AppendDiff("zephyr/module.yml", std::string("name: a\nbuild:\n  cmake: .\n  kconfig: K\n"), add),
            "diff --git a/zephyr/module.yml b/zephyr/module.yml\n--- a/zephyr/module.yml\n+++ b/zephyr/module.yml\n"
            "@@ -2,3 +2,5 @@\n build:\n   cmake: .\n   kconfig: K\n+security:\n+  x: 1\n");
  EXPECT_EQ(AppendDiff("m.yml", std::string("name: a"), add),
            "diff --git a/m.yml b/m.yml\n--- a/m.yml\n+++ b/m.yml\n@@ -1,1 +1,3 @@\n-name: a\n"
            "\\ No newline at end of file\n+name: a\n+security:\n+  x: 1\n");
  EXPECT_EQ(AppendDiff("m.yml", std::nullopt, add),
            "diff --git a/m.yml b/m.yml\nnew file mode 100644\n--- /dev/null\n+++ b/m.yml\n@@ -0,0 +1,2 @@\n"
            "+security:\n+  x: 1\n");
  EXPECT_EQ(AppendDiff("m.yml", std::string(""), add),
            "diff --git a/m.yml b/m.yml\n--- a/m.yml\n+++ b/m.yml\n@@ -0,0 +1,2 @@\n+security:\n+  x: 1\n");
}

}  // namespace
}  // namespace psirt
