// Tests of the release exposure table: shipped-in lists in version order,
// the first release without a vulnerability (not an earlier release of
// another series), per-series fixes for LTS lines, and a vulnerability
// shipped again after a release without it.
#include "core/release_exposure.h"

#include <gtest/gtest.h>

namespace psirt {
namespace {

ReleaseShipped R(const std::string& name, std::set<ModuleVuln> shipped) {
  ReleaseModel m;
  auto v = ReleaseTagVersion(m, name, false);
  EXPECT_TRUE(v) << name;
  return {{name, v.value_or(Version{})}, std::move(shipped)};
}

TEST(ReleaseExposure, FirstReleaseWithoutAndPerSeriesFixes) {
  ModuleVuln a{"mbedtls", "CVE-A"}, b{"hal", "OSV-B"};
  auto rows = ExposureTable({R("v3.7.0", {a}), R("v2.7.0", {a}), R("v2.7.1", {a, b}), R("v2.7.2", {}), R("v3.7.1", {}),
                             R("v4.0.0", {})});
  ASSERT_EQ(rows.size(), 2u);
  const ExposureRow& hal = rows[0];  // sorted by module
  EXPECT_EQ(hal.vuln, b);
  EXPECT_EQ(hal.shipped_in, (std::vector<std::string>{"v2.7.1"}));
  EXPECT_EQ(hal.first_without, "v2.7.2");
  EXPECT_EQ(hal.fixed_in_series, (std::map<std::string, std::string>{{"2.7", "v2.7.2"}}));
  const ExposureRow& mbed = rows[1];
  EXPECT_EQ(mbed.shipped_in, (std::vector<std::string>{"v2.7.0", "v2.7.1", "v3.7.0"}));
  EXPECT_EQ(mbed.first_without, "v3.7.1") << "v2.7.2 is older than v3.7.0, which shipped it";
  EXPECT_EQ(mbed.fixed_in_series, (std::map<std::string, std::string>{{"2.7", "v2.7.2"}, {"3.7", "v3.7.1"}}));
}

TEST(ReleaseExposure, ShippedAgainIsNotRemoved) {
  ModuleVuln a{"m", "V"};
  auto rows = ExposureTable({R("v1.0.0", {a}), R("v1.1.0", {}), R("v1.2.0", {a})});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].first_without, "") << "v1.2.0 ships it again";
  EXPECT_TRUE(rows[0].fixed_in_series.empty());
  rows = ExposureTable({R("v1.0.0", {a}), R("v1.1.0", {}), R("v1.2.0", {a}), R("v1.3.0", {})});
  EXPECT_EQ(rows[0].first_without, "v1.3.0");
  EXPECT_TRUE(ExposureTable({R("v1.0.0", {})}).empty());
}

}  // namespace
}  // namespace psirt
