// CVSS v4.0 MacroVector score table (FIRST specification data). Internal.
#pragma once

namespace psirt::cvss_internal {

// Score of MacroVector eq1..eq6, indexed ((((eq1*2+eq2)*3+eq3)*3+eq4)*3+eq5)*2+eq6;
// NaN for combinations the specification does not define.
extern const double kMacroVectorScore[324];

inline int MacroIndex(int eq1, int eq2, int eq3, int eq4, int eq5, int eq6) {
  return ((((eq1 * 2 + eq2) * 3 + eq3) * 3 + eq4) * 3 + eq5) * 2 + eq6;
}

}  // namespace psirt::cvss_internal
