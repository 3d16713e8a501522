// CVSS entry point: version detection from the prefix, severity ratings.
#include "core/cvss/cvss.h"
#include "base/strings.h"

#include "core/cvss/cvss_internal.h"

namespace psirt {

std::string_view CvssVersionName(CvssVersion v) {
  switch (v) {
    case CvssVersion::kV2: return "2.0";
    case CvssVersion::kV30: return "3.0";
    case CvssVersion::kV31: return "3.1";
    case CvssVersion::kV40: return "4.0";
  }
  return "?";
}

std::string_view CvssSeverity(double s) {
  if (s == 0.0) return "None";
  if (s < 4.0) return "Low";
  if (s < 7.0) return "Medium";
  if (s < 9.0) return "High";
  return "Critical";
}

std::string_view CvssV2Severity(double s) {
  if (s < 4.0) return "Low";
  if (s < 7.0) return "Medium";
  return "High";
}

Result<CvssScore> ScoreCvss(std::string_view vector) {
  CvssScore s;
  Status st;
  if (vector.empty()) return Status::Invalid("empty CVSS vector");
  if (vector.substr(0, 5) == "CVSS:") {
    size_t slash = vector.find('/');
    std::string_view prefix = vector.substr(0, slash);
    if (slash == std::string_view::npos)
      return Status::Invalid("CVSS vector '" + Shown(vector) + "' has no metrics");
    std::string_view body = vector.substr(slash + 1);
    if (prefix == "CVSS:3.1") {
      s.version = CvssVersion::kV31;
      st = cvss_internal::ScoreV3(body, slash + 1, true, s);
    } else if (prefix == "CVSS:3.0") {
      s.version = CvssVersion::kV30;
      st = cvss_internal::ScoreV3(body, slash + 1, false, s);
    } else if (prefix == "CVSS:4.0") {
      s.version = CvssVersion::kV40;
      st = cvss_internal::ScoreV4(body, slash + 1, s);
    } else {
      return Status::Invalid("unsupported CVSS version '" + Shown(prefix) +
                             "' at column 1 (expected CVSS:3.0, CVSS:3.1, CVSS:4.0, or a v2.0 "
                             "vector without prefix)");
    }
  } else {
    s.version = CvssVersion::kV2;
    st = cvss_internal::ScoreV2(vector, 0, s);
  }
  if (!st.ok()) return st;
  if (s.version != CvssVersion::kV40) {
    s.score = s.base_score;
    s.severity = s.base_severity;
  }
  return s;
}

}  // namespace psirt
