// Tests of VEX decision rules: what OpenVEX allows, and which decision
// applies (the latest, by id or alias, for that module only).
#include "core/vex.h"

#include <gtest/gtest.h>

namespace psirt {
namespace {

TEST(Vex, DecisionsOpenVexAllows) {
  VexDecision d{"mbedtls", "CVE-1", "not_affected", "vulnerable_code_not_present", "", "alice", "2026-01-01T00:00:00Z"};
  EXPECT_TRUE(CheckVexDecision(d).ok());
  VexDecision no_why = d;
  no_why.justification = "";
  EXPECT_EQ(CheckVexDecision(no_why).field(), "justification");
  no_why.note = "the code is compiled out";
  EXPECT_TRUE(CheckVexDecision(no_why).ok());  // an impact statement will do
  VexDecision bad = d;
  bad.status = "known_not_affected";  // CSAF's spelling is read from module.yml, not taken as a status here
  EXPECT_EQ(CheckVexDecision(bad).field(), "status");
  bad = d;
  bad.justification = "because";
  EXPECT_EQ(CheckVexDecision(bad).field(), "justification");
  bad = d;
  bad.status = "affected";  // a justification only explains not_affected
  EXPECT_EQ(CheckVexDecision(bad).field(), "justification");
  bad = d;
  bad.module = "";
  EXPECT_EQ(CheckVexDecision(bad).field(), "module");
  EXPECT_TRUE(VexSuppresses("fixed"));
  EXPECT_FALSE(VexSuppresses("under_investigation"));
}

TEST(Vex, TheLatestDecisionForThatModuleByIdOrAlias) {
  std::vector<VexDecision> ds = {
      {"mbedtls", "CVE-1", "under_investigation", "", "", "a", "2026-01-01T00:00:00Z"},
      {"mbedtls", "CVE-1", "not_affected", "component_not_present", "", "b", "2026-02-01T00:00:00Z"},
      {"tf-m", "OSV-9", "affected", "", "", "c", "2026-03-01T00:00:00Z"},
  };
  auto d = FindVexDecision(ds, "mbedtls", "OSV-1", {"CVE-1"});
  ASSERT_TRUE(d);
  EXPECT_EQ(d->status, "not_affected");
  EXPECT_EQ(d->author, "b");
  EXPECT_FALSE(FindVexDecision(ds, "hal", "CVE-1", {}));
  EXPECT_FALSE(FindVexDecision(ds, "mbedtls", "OSV-9", {}));
}

}  // namespace
}  // namespace psirt
