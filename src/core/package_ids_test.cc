// Tests of package URLs and CPE 2.3 names: the references Zephyr's module.yml
// files carry, qualifiers with percent escapes, canonical form, and every
// malformed shape named.
#include "core/package_ids.h"

#include <gtest/gtest.h>

namespace psirt {
namespace {

TEST(Purl, TheFormsZephyrModulesUse) {
  auto gh = ParsePurl("pkg:github/mbed-tls/mbedtls@V3.6.2");
  ASSERT_TRUE(gh.ok());
  EXPECT_EQ(gh->type, "github");
  EXPECT_EQ(gh->ns, "mbed-tls");
  EXPECT_EQ(gh->name, "mbedtls");
  EXPECT_EQ(gh->version, "V3.6.2");
  EXPECT_EQ(gh->PackageKey(), "github/mbed-tls/mbedtls");
  EXPECT_EQ(ParsePurl("pkg:GitHub/Mbed-TLS/MbedTLS")->PackageKey(), "github/mbed-tls/mbedtls");  // GitHub ignores case

  auto generic = ParsePurl(
      "pkg:generic/trusted-firmware-m@TF-Mv2.1.4?vcs_url=git%2Bhttps://review.trustedfirmware.org/TF-M/trusted-firmware-m");
  ASSERT_TRUE(generic.ok()) << generic.status().ToString();
  EXPECT_EQ(generic->ns, "");
  EXPECT_EQ(generic->name, "trusted-firmware-m");
  EXPECT_EQ(generic->version, "TF-Mv2.1.4");
  EXPECT_EQ(generic->qualifiers.at("vcs_url"), "git+https://review.trustedfirmware.org/TF-M/trusted-firmware-m");
  EXPECT_EQ(ParsePurl(generic->ToString())->qualifiers, generic->qualifiers);  // canonical form reads back

  auto sub = ParsePurl("pkg:npm/%40angular/animation@12.3.1#dist/x");
  ASSERT_TRUE(sub.ok());
  EXPECT_EQ(sub->ns, "@angular");
  EXPECT_EQ(sub->subpath, "dist/x");
}

TEST(Purl, MalformedOnesAreNamed) {
  for (auto [text, message] : std::vector<std::pair<std::string, std::string>>{
           {"github/a/b", "start with 'pkg:'"},
           {"pkg:github", "pkg:TYPE/NAME"},
           {"pkg:/x", "pkg:TYPE/NAME"},
           {"pkg:generic/x?novalue", "not key=value"},
           {"pkg:generic/x%zz", "two hex digits"},
           {"pkg:generic/@1.0", "name is empty"},
       }) {
    auto p = ParsePurl(text);
    ASSERT_FALSE(p.ok()) << text;
    EXPECT_NE(p.status().message().find(message), std::string::npos) << p.status().message();
  }
}

TEST(Cpe, PartsOfTheNamesZephyrModulesUse) {
  auto mbed = ParseCpe23("cpe:2.3:a:arm:mbed_tls:3.6.2:*:*:*:*:*:*:*");
  ASSERT_TRUE(mbed.ok());
  EXPECT_EQ(mbed->ProductKey(), "a:arm:mbed_tls");
  EXPECT_EQ(mbed->version, "3.6.2");
  auto tfm = ParseCpe23("cpe:2.3:o:arm:trusted_firmware-m:2.1.4:-:*:*:*:*:*:*");
  ASSERT_TRUE(tfm.ok());
  EXPECT_EQ(tfm->part, "o");
  EXPECT_EQ(tfm->update, "-");
  auto escaped = ParseCpe23("cpe:2.3:a:vendor:prod\\:uct:1.0:*:*:*:*:*:*:*");
  ASSERT_TRUE(escaped.ok());
  EXPECT_EQ(escaped->product, "prod\\:uct");
  EXPECT_FALSE(ParseCpe23("cpe:/a:arm:mbed_tls:3.6.2").ok());  // CPE 2.2 URI form
  EXPECT_FALSE(ParseCpe23("cpe:2.3:a:arm:mbed_tls").ok());
  EXPECT_FALSE(ParseCpe23("cpe:2.3:x:arm:mbed_tls:1:*:*:*:*:*:*:*").ok());
}

}  // namespace
}  // namespace psirt
