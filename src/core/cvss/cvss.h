// CVSS scoring: parses and validates v2.0, v3.0, v3.1 and v4.0 vectors and
// computes their scores exactly as FIRST's specifications and calculators do.
// Pure functions, no allocation beyond the result; safe to call concurrently.
#pragma once

#include <string_view>

#include "base/status.h"

namespace psirt {

// The CVSS versions psirt scores.
enum class CvssVersion { kV2, kV30, kV31, kV40 };

// "2.0", "3.0", "3.1", "4.0".
std::string_view CvssVersionName(CvssVersion v);

// The scores of one vector. Which fields are meaningful depends on version.
struct CvssScore {
  CvssVersion version = CvssVersion::kV31;

  // All versions. For v4.0 the base score is the CVSS-B score (base metrics
  // only); the vector's own score is `score`.
  double base_score = 0;
  std::string_view base_severity;  // None/Low/Medium/High/Critical (v2: Low/Medium/High)

  // v2.0 and v3.x. Without temporal metrics the temporal score equals the
  // base score; without environmental metrics the environmental score is the
  // environmental equation over the base values, which equals the temporal
  // score except for v3.1 scope-changed vectors (FIRST's 3.1 modified-impact
  // equation; e.g. AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H: 9.6 base, 9.7 env).
  bool has_temporal = false;
  bool has_environmental = false;
  double temporal_score = 0;
  double environmental_score = 0;
  std::string_view temporal_severity;
  std::string_view environmental_severity;
  double impact = 0;          // base impact sub-score, one decimal
  double exploitability = 0;  // base exploitability sub-score, one decimal

  // The headline score and rating: for v4.0 the score of the vector with
  // every metric it gives; for v2.0 and v3.x the base score and severity.
  double score = 0;
  std::string_view severity;

  // v4.0.
  char macrovector_digits[7] = {};  // six digits EQ1..EQ6, e.g. "002201"
  std::string_view macrovector() const { return {macrovector_digits, 6}; }
  std::string_view nomenclature;  // CVSS-B, CVSS-BT, CVSS-BE or CVSS-BTE
};

// Parses, validates and scores. Errors name the metric and its column
// (1-based character position in the vector): unknown metric, duplicate,
// missing mandatory metric, bad value, wrong order (v4.0). Nothing is fixed up.
Result<CvssScore> ScoreCvss(std::string_view vector);

// Qualitative ratings: v3.x/v4.0 (None, Low, Medium, High, Critical) and v2.0
// (Low, Medium, High as NVD rates them).
std::string_view CvssSeverity(double score);
std::string_view CvssV2Severity(double score);

}  // namespace psirt
