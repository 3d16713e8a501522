// CVSS engine tests: every line of the reference vector files must score
// exactly as expected, and each kind of invalid vector gives its error.
#include "core/cvss/cvss.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <regex>

#include "testing/test_support.h"

namespace psirt {
namespace {

struct Expect {
  std::string vector;
  std::vector<std::optional<double>> scores;  // base, temporal, environmental (v4: score)
  int line;
};

// "VECTOR - (b, t, e)" / "VECTOR - (b,)" / "VECTOR - score"; None stays empty.
std::vector<Expect> Load(const std::string& file) {
  std::ifstream in(testing::TestData("cvss/" + file));
  std::vector<Expect> out;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty()) continue;
    size_t sep = line.find(" - ");
    EXPECT_NE(sep, std::string::npos) << file << ":" << n;
    Expect e{line.substr(0, sep), {}, n};
    std::string rest = line.substr(sep + 3);
    rest.erase(std::remove_if(rest.begin(), rest.end(),
                              [](char c) { return c == '(' || c == ')' || c == ' '; }),
               rest.end());
    size_t pos = 0;
    while (pos <= rest.size()) {
      size_t comma = rest.find(',', pos);
      std::string item = rest.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
      if (!item.empty()) e.scores.push_back(item == "None" ? std::nullopt : std::optional(std::stod(item)));
      if (comma == std::string::npos) break;
      pos = comma + 1;
    }
    out.push_back(std::move(e));
  }
  return out;
}

void CheckFile(const std::string& file, size_t min_lines) {
  auto cases = Load(file);
  ASSERT_GE(cases.size(), min_lines) << file;
  int failures = 0;
  for (const Expect& e : cases) {
    auto r = ScoreCvss(e.vector);
    if (!r.ok()) {
      ADD_FAILURE() << file << ":" << e.line << " " << e.vector << ": " << r.status().ToString();
      if (++failures > 20) return;
      continue;
    }
    std::vector<double> got;
    if (r->version == CvssVersion::kV40)
      got = {r->score};
    else
      got = {r->base_score, r->temporal_score, r->environmental_score};
    for (size_t i = 0; i < e.scores.size() && i < got.size(); ++i) {
      if (!e.scores[i]) continue;
      if (std::fabs(*e.scores[i] - got[i]) > 1e-9) {
        ADD_FAILURE() << file << ":" << e.line << " " << e.vector << " score " << i << ": want "
                      << *e.scores[i] << ", got " << got[i];
        if (++failures > 20) return;
      }
    }
  }
}

TEST(CvssReferenceVectors, V2Simple) { CheckFile("vectors_simple2", 729); }
TEST(CvssReferenceVectors, V2Calculator) { CheckFile("vectors_calculator2", 5); }
TEST(CvssReferenceVectors, V2Cvsslib) { CheckFile("vectors_cvsslib2", 24); }
TEST(CvssReferenceVectors, V30Simple) { CheckFile("vectors_simple3", 2592); }
TEST(CvssReferenceVectors, V30Calculator) { CheckFile("vectors_calculator3", 2); }
TEST(CvssReferenceVectors, V3Cvsslib) { CheckFile("vectors_cvsslib3", 29); }
TEST(CvssReferenceVectors, V31Simple) { CheckFile("vectors_simple31", 2592); }
TEST(CvssReferenceVectors, V4Simple) { CheckFile("vectors_simple4", 1058); }
TEST(CvssReferenceVectors, V4Security) { CheckFile("vectors_security4", 54); }
TEST(CvssReferenceVectors, V4Threat) { CheckFile("vectors_threat4", 6); }
TEST(CvssReferenceVectors, V4Supplemental) { CheckFile("vectors_supplemental4", 576); }

TEST(CvssTest, V31KnownScoresAndSubscores) {
  auto r = ScoreCvss("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->base_score, 9.8);
  EXPECT_EQ(r->base_severity, "Critical");
  EXPECT_EQ(r->score, 9.8) << "the headline score of v3.x is the base score";
  EXPECT_EQ(r->severity, "Critical");
  EXPECT_EQ(r->impact, 5.9);
  EXPECT_EQ(r->exploitability, 3.9);
  EXPECT_EQ(r->temporal_score, 9.8);       // no temporal metrics: equals base
  EXPECT_EQ(r->environmental_score, 9.8);  // no environmental metrics: equals temporal
  EXPECT_FALSE(r->has_temporal);
  r = ScoreCvss("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:U");
  EXPECT_EQ(r->temporal_score, 7.8);  // Roundup(9.8 * 0.91 * 0.95 * 0.92 = 7.79)
  EXPECT_EQ(r->environmental_score, 7.8);
  EXPECT_EQ(ScoreCvss("CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N")->base_severity, "None");
}

TEST(CvssTest, V4MacroVectorNomenclatureAndBaseScore) {
  auto r = ScoreCvss("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->score, 9.3);
  EXPECT_EQ(r->severity, "Critical");
  EXPECT_EQ(r->macrovector(), "000200");
  EXPECT_EQ(r->nomenclature, "CVSS-B");
  r = ScoreCvss("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U");
  EXPECT_EQ(r->nomenclature, "CVSS-BT");
  EXPECT_EQ(r->base_score, 9.3);
  EXPECT_LT(r->score, 9.3);
  EXPECT_EQ(r->macrovector()[4], '2');
  r = ScoreCvss("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/CR:L");
  EXPECT_EQ(r->nomenclature, "CVSS-BE");
  r = ScoreCvss("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:P/MSI:S");
  EXPECT_EQ(r->nomenclature, "CVSS-BTE");
  EXPECT_EQ(r->macrovector()[3], '0');  // MSI:S -> EQ4 level 0
  // Supplemental metrics are kept and do not change the score.
  r = ScoreCvss("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:P/AU:Y/R:I/V:C/RE:H/U:Red");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->score, 9.3);
  EXPECT_EQ(r->nomenclature, "CVSS-B");
}

TEST(CvssTest, V2Severity) {
  auto r = ScoreCvss("AV:N/AC:L/Au:N/C:C/I:C/A:C");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->version, CvssVersion::kV2);
  EXPECT_EQ(r->base_score, 10.0);
  EXPECT_EQ(r->base_severity, "High");
  EXPECT_EQ(r->impact, 10.0);
  EXPECT_EQ(r->exploitability, 10.0);
}

void ExpectError(const std::string& vector, const std::string& message) {
  auto r = ScoreCvss(vector);
  ASSERT_FALSE(r.ok()) << vector;
  EXPECT_EQ(r.status().message(), message) << vector;
}

TEST(CvssValidationTest, EachErrorNamesMetricAndColumn) {
  const std::string v31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
  ExpectError(v31 + "/XX:Y", "unknown metric 'XX' at column 46 for CVSS 3.1");
  ExpectError("CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
              "duplicate metric 'AV' at column 15");
  ExpectError("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H",
              "missing mandatory metric 'A' (CVSS 3.1)");
  ExpectError("CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
              "bad value 'Q' for metric 'AV' at column 13 (expected N, A, L, P)");
  ExpectError(v31 + "/", "empty metric at column 46 (expected METRIC:VALUE)");
  ExpectError("CVSS:3.1/AVN/AC:L", "malformed metric 'AVN' at column 10 (expected METRIC:VALUE)");
  ExpectError("CVSS:5.0/AV:N",
              "unsupported CVSS version 'CVSS:5.0' at column 1 (expected CVSS:3.0, CVSS:3.1, "
              "CVSS:4.0, or a v2.0 vector without prefix)");
  ExpectError("", "empty CVSS vector");
  ExpectError("CVSS:3.1", "CVSS vector 'CVSS:3.1' has no metrics");
  ExpectError("CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
              "metric 'AV' at column 15 is out of order: CVSS 4.0 requires the specification's "
              "order (it must come before 'AC')");
  ExpectError("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/CR:H/E:A",
              "metric 'E' at column 70 is out of order: CVSS 4.0 requires the specification's "
              "order (it must come before 'CR')");
  ExpectError("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N",
              "bad value 'S' for metric 'SI' at column 58 (expected H, L, N)");
  ExpectError("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:A",
              "bad value 'A' for metric 'E' at column 48 (expected X, H, F, P, U)");
  ExpectError("AV:N/AC:L/Au:N/C:C/I:C", "missing mandatory metric 'A' (CVSS 2.0)");
  ExpectError("AV:N/AC:L/Au:N/C:C/I:C/A:C/E:X",
              "bad value 'X' for metric 'E' at column 30 (expected U, POC, F, H, ND)");
  // v3.x allows any order (the specification prefers but does not require it).
  EXPECT_TRUE(ScoreCvss("CVSS:3.1/S:U/AV:N/AC:L/PR:N/UI:N/C:H/I:H/A:H").ok());
}

}  // namespace
}  // namespace psirt
