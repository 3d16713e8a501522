// Tests of the known upstream table: tags read as versions, version headers
// read (and malformed ones refused), repositories and fork names recognised.
#include "core/known_upstreams.h"

#include <gtest/gtest.h>

namespace psirt {
namespace {

const KnownUpstream& U(const char* key) {
  const KnownUpstream* u = UpstreamByKey(key);
  EXPECT_NE(u, nullptr) << key;
  return *u;
}

TEST(KnownUpstreams, ReleaseTagsReadAsVersions) {
  EXPECT_EQ(VersionOfTag(U("mbedtls"), "v3.6.2"), "3.6.2");
  EXPECT_EQ(VersionOfTag(U("mbedtls"), "mbedtls-2.28.8"), "2.28.8");
  EXPECT_EQ(VersionOfTag(U("trusted-firmware-m"), "TF-Mv2.1.4"), "2.1.4");
  EXPECT_EQ(VersionOfTag(U("lwip"), "STABLE-2_1_3_RELEASE"), "2.1.3");
  EXPECT_EQ(VersionOfTag(U("hostap"), "hostap_2_10"), "2.10");
  EXPECT_EQ(VersionOfTag(U("nanopb"), "nanopb-0.4.8"), "0.4.8");
  EXPECT_EQ(VersionOfTag(U("mbedtls"), "zephyr-v3.6.0"), std::nullopt);  // a fork's own tag
  EXPECT_EQ(VersionOfTag(U("mbedtls"), "v"), std::nullopt);
  EXPECT_EQ(VersionOfTag(U("mbedtls"), "vnext"), std::nullopt);
  EXPECT_EQ(VersionOfTag(U("mbedtls"), "v3.6 2"), std::nullopt);  // not a version's characters
  EXPECT_EQ(TagSpellings(U("mbedtls"), "3.6.2"), (std::vector<std::string>{"3.6.2", "v3.6.2", "mbedtls-3.6.2"}));
}

TEST(KnownUpstreams, RepositoriesAndForkNames) {
  bool exact = false;
  const KnownUpstream* u = UpstreamOf("https://github.com/Mbed-TLS/mbedtls.git", "crypto", &exact);
  ASSERT_NE(u, nullptr);
  EXPECT_EQ(u->key, "mbedtls");
  EXPECT_TRUE(exact);
  u = UpstreamOf("https://github.com/zephyrproject-rtos/mbedtls", "mbedtls", &exact);
  ASSERT_NE(u, nullptr);
  EXPECT_FALSE(exact);  // a fork, known by its name
  u = UpstreamOf("https://example.org/x/firmware", "trusted-firmware-m", &exact);
  ASSERT_NE(u, nullptr);
  EXPECT_EQ(u->key, "trusted-firmware-m");
  EXPECT_EQ(UpstreamOf("https://github.com/zephyrproject-rtos/hal_nxp", "hal_nxp"), nullptr);
  EXPECT_EQ(U("mbedtls").CpeFor("3.6.2"), "cpe:2.3:a:arm:mbed_tls:3.6.2:*:*:*:*:*:*:*");
  EXPECT_EQ(U("mbedtls").CpeFor(""), "cpe:2.3:a:arm:mbed_tls:*:*:*:*:*:*:*:*");
  EXPECT_EQ(U("lwip").CpeFor("2.1:3"), "cpe:2.3:a:lwip_project:lwip:2.1\\:3:*:*:*:*:*:*:*");
  EXPECT_FALSE(U("tinycrypt").HasCpe());
  EXPECT_EQ(U("tinycrypt").PurlFor("0.2.8"), "pkg:github/intel/tinycrypt@0.2.8");
}

VersionReader Reader(VersionReader::Kind k, std::string macro, std::string minor = "", std::string patch = "",
                     std::string strip = "") {
  VersionReader r;
  r.kind = k, r.macro = std::move(macro), r.minor = std::move(minor), r.patch = std::move(patch), r.strip = std::move(strip);
  return r;
}

TEST(KnownUpstreams, VersionHeadersRead) {
  using K = VersionReader::Kind;
  auto s = Reader(K::kDefineString, "MBEDTLS_VERSION_STRING");
  EXPECT_EQ(ReadMarkerVersion(s, "#define MBEDTLS_VERSION_STRING_FULL \"mbed TLS 3.0.0\"\n"
                                 "#  define   MBEDTLS_VERSION_STRING    \"3.0.0\" /* the version */\n"),
            "3.0.0");  // a longer macro name is another macro
  EXPECT_EQ(ReadMarkerVersion(Reader(K::kDefineString, "NANOPB_VERSION", "", "", "nanopb-"),
                              "#define NANOPB_VERSION \"nanopb-0.4.8\"\n"),
            "0.4.8");
  auto parts = Reader(K::kDefineParts, "LWIP_VERSION_MAJOR", "LWIP_VERSION_MINOR", "LWIP_VERSION_REVISION");
  EXPECT_EQ(ReadMarkerVersion(parts, "#define LWIP_VERSION_MAJOR 2\n#define LWIP_VERSION_MINOR (1U)\n"
                                     "#define LWIP_VERSION_REVISION 3 // patch\n"),
            "2.1.3");
  EXPECT_EQ(ReadMarkerVersion(Reader(K::kDefineHex, "LFS_VERSION"), "#define LFS_VERSION 0x0002000a\n"), "2.10");
  VersionReader fat;
  fat.kind = K::kFatFsBanner;
  EXPECT_EQ(ReadMarkerVersion(fat, "/*----------------------------------------------------------------------------/\n"
                                   "/  FatFs - Generic FAT Filesystem module  R0.15                              /\n"),
            "R0.15");
}

TEST(KnownUpstreams, MalformedHeadersStateNoVersion) {
  using K = VersionReader::Kind;
  auto s = Reader(K::kDefineString, "MBEDTLS_VERSION_STRING");
  EXPECT_EQ(ReadMarkerVersion(s, ""), "");
  EXPECT_EQ(ReadMarkerVersion(s, "#define MBEDTLS_VERSION_STRING 3.0.0\n"), "");           // not a string
  EXPECT_EQ(ReadMarkerVersion(s, "#define MBEDTLS_VERSION_STRING \"3.0.0\n"), "");        // unterminated
  EXPECT_EQ(ReadMarkerVersion(s, "#define MBEDTLS_VERSION_STRING \"three\"\n"), "");      // no digits
  EXPECT_EQ(ReadMarkerVersion(s, "// #define MBEDTLS_VERSION_STRING \"3.0.0\"\n"), "");   // a comment
  EXPECT_EQ(ReadMarkerVersion(s, "#define MBEDTLS_VERSION_STRING"), "");
  EXPECT_EQ(ReadMarkerVersion(s, std::string(100000, '#')), "");
  auto parts = Reader(K::kDefineParts, "A", "B", "C");
  EXPECT_EQ(ReadMarkerVersion(parts, "#define A 2\n"), "");                       // no minor
  EXPECT_EQ(ReadMarkerVersion(parts, "#define A x\n#define B 1\n"), "");           // not a number
  EXPECT_EQ(ReadMarkerVersion(parts, "#define A 99999999999\n#define B 1\n"), "");  // too long
  EXPECT_EQ(ReadMarkerVersion(parts, "#define A 2\n#define B 1\n"), "2.1");        // patch optional
  EXPECT_EQ(ReadMarkerVersion(Reader(K::kDefineHex, "L"), "#define L 123\n"), "");
  EXPECT_EQ(ReadMarkerVersion(Reader(K::kDefineHex, "L"), "#define L 0x\n"), "");
  EXPECT_EQ(ReadMarkerVersion(Reader(K::kDefineHex, "L"), "#define L 0x123456789\n"), "");
  VersionReader fat;
  fat.kind = K::kFatFsBanner;
  EXPECT_EQ(ReadMarkerVersion(fat, "FatFs without a revision\n"), "");
}

}  // namespace
}  // namespace psirt
