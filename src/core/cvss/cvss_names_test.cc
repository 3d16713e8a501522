// The CVSS breakdown names each base metric and value as FIRST's tables do.
#include "core/cvss/cvss_names.h"

#include <gtest/gtest.h>

namespace psirt {
namespace {

std::string Named(const std::vector<CvssPart>& parts) {
  std::string s;
  for (const CvssPart& p : parts) s += p.metric_name + "=" + p.value_name + ";";
  return s;
}

TEST(CvssNamesTest, EachVersionsBaseMetrics) {
  EXPECT_EQ(Named(CvssParts("CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")),
            "Attack Vector=Adjacent Network;Attack Complexity=Low;Privileges Required=None;User Interaction=None;"
            "Scope=Unchanged;Confidentiality=High;Integrity=High;Availability=High;");
  EXPECT_EQ(Named(CvssParts("CVSS:4.0/AV:N/AC:L/AT:P/PR:L/UI:A/VC:H/VI:L/VA:N/SC:N/SI:N/SA:N")),
            "Attack Vector=Network;Attack Complexity=Low;Attack Requirements=Present;Privileges Required=Low;"
            "User Interaction=Active;Vulnerable System Confidentiality=High;Vulnerable System Integrity=Low;"
            "Vulnerable System Availability=None;Subsequent System Confidentiality=None;"
            "Subsequent System Integrity=None;Subsequent System Availability=None;");
  EXPECT_EQ(Named(CvssParts("AV:N/AC:M/Au:S/C:P/I:N/A:C")),
            "Access Vector=Network;Access Complexity=Medium;Authentication=Single;Confidentiality Impact=Partial;"
            "Integrity Impact=None;Availability Impact=Complete;");
}

TEST(CvssNamesTest, OtherMetricsKeepTheirAbbreviations) {
  auto parts = CvssParts("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P");
  ASSERT_EQ(parts.size(), 9u);
  EXPECT_EQ(parts.back().metric, "E");
  EXPECT_EQ(parts.back().value, "P");
  EXPECT_EQ(parts.back().metric_name, "");
  EXPECT_TRUE(CvssParts("").empty());
  EXPECT_EQ(CvssParts("CVSS:3.1/garbage").size(), 0u);
}

}  // namespace
}  // namespace psirt
