// CVSS v2.0 (FIRST, "A Complete Guide to the Common Vulnerability Scoring
// System Version 2.0", section 3.2): base, temporal and environmental equations.
#include "core/cvss/cvss_internal.h"

namespace psirt::cvss_internal {
namespace {

enum { AV, AC, Au, C, I, A, E, RL, RC, CDP, TD, CR, IR, AR, kCount };

constexpr MetricSpec kSpecs[kCount] = {
    {"AV", {"L", "A", "N"}, 3, true},
    {"AC", {"H", "M", "L"}, 3, true},
    {"Au", {"M", "S", "N"}, 3, true},
    {"C", {"N", "P", "C"}, 3, true},
    {"I", {"N", "P", "C"}, 3, true},
    {"A", {"N", "P", "C"}, 3, true},
    {"E", {"U", "POC", "F", "H", "ND"}, 5, false},
    {"RL", {"OF", "TF", "W", "U", "ND"}, 5, false},
    {"RC", {"UC", "UR", "C", "ND"}, 4, false},
    {"CDP", {"N", "L", "LM", "MH", "H", "ND"}, 6, false},
    {"TD", {"N", "L", "M", "H", "ND"}, 5, false},
    {"CR", {"L", "M", "H", "ND"}, 4, false},
    {"IR", {"L", "M", "H", "ND"}, 4, false},
    {"AR", {"L", "M", "H", "ND"}, 4, false},
};
const PackedSpecs kPacked = Pack(kSpecs);

constexpr double kAV[] = {0.395, 0.646, 1.0};
constexpr double kAC[] = {0.35, 0.61, 0.71};
constexpr double kAu[] = {0.45, 0.56, 0.704};
constexpr double kImpact[] = {0.0, 0.275, 0.660};
constexpr double kE[] = {0.85, 0.9, 0.95, 1.0, 1.0};
constexpr double kRL[] = {0.87, 0.90, 0.95, 1.0, 1.0};
constexpr double kRC[] = {0.90, 0.95, 1.0, 1.0};
constexpr double kCDP[] = {0.0, 0.1, 0.3, 0.4, 0.5, 0.0};
constexpr double kTD[] = {0.0, 0.25, 0.75, 1.0, 1.0};
constexpr double kReq[] = {0.5, 1.0, 1.51, 1.0};

double Val(const int* v, int m, const double* table, int dflt) {
  return table[v[m] < 0 ? dflt : v[m]];
}

double BaseEquation(double impact, double exploitability) {
  double f = impact == 0.0 ? 0.0 : 1.176;
  return RoundHalfUp1(((0.6 * impact) + (0.4 * exploitability) - 1.5) * f);
}

}  // namespace

Status ScoreV2(std::string_view body, size_t offset, CvssScore& s) {
  int v[kCount];
  PSIRT_RETURN_IF_ERROR(ParseMetrics(body, offset, kPacked, false, "2.0", v));
  double c = kImpact[v[C]], i = kImpact[v[I]], a = kImpact[v[A]];
  double impact = 10.41 * (1 - (1 - c) * (1 - i) * (1 - a));
  double exploitability = 20 * kAV[v[AV]] * kAC[v[AC]] * kAu[v[Au]];
  double base = BaseEquation(impact, exploitability);
  double temporal_factor = Val(v, E, kE, 4) * Val(v, RL, kRL, 4) * Val(v, RC, kRC, 3);
  double temporal = RoundHalfUp1(base * temporal_factor);

  s.has_temporal = v[E] >= 0 || v[RL] >= 0 || v[RC] >= 0;
  s.has_environmental = v[CDP] >= 0 || v[TD] >= 0 || v[CR] >= 0 || v[IR] >= 0 || v[AR] >= 0;
  double env = temporal;
  if (s.has_environmental) {
    double adjusted_impact =
        std::min(10.0, 10.41 * (1 - (1 - c * Val(v, CR, kReq, 3)) * (1 - i * Val(v, IR, kReq, 3)) *
                                        (1 - a * Val(v, AR, kReq, 3))));
    double adjusted_base = BaseEquation(adjusted_impact, exploitability);
    double adjusted_temporal = RoundHalfUp1(adjusted_base * temporal_factor);
    env = RoundHalfUp1((adjusted_temporal + (10 - adjusted_temporal) * Val(v, CDP, kCDP, 5)) *
                       Val(v, TD, kTD, 4));
  }
  s.base_score = base == 0.0 ? 0.0 : base;  // no "-0.0"
  s.temporal_score = s.has_temporal ? temporal : s.base_score;
  s.environmental_score = s.has_environmental ? env : s.temporal_score;
  s.impact = RoundHalfUp1(impact);
  s.exploitability = RoundHalfUp1(exploitability);
  s.base_severity = CvssV2Severity(s.base_score);
  s.temporal_severity = CvssV2Severity(s.temporal_score);
  s.environmental_severity = CvssV2Severity(s.environmental_score);
  return Status::Ok();
}

}  // namespace psirt::cvss_internal
