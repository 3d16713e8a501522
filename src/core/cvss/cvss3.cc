// CVSS v3.0 and v3.1 (FIRST specification documents, section 7 "CVSS v3.x
// Equations"): base, temporal and environmental scores with the version's
// round-up, and the impact/exploitability sub-scores.
#include <algorithm>
#include <cmath>

#include "core/cvss/cvss_internal.h"

namespace psirt::cvss_internal {
namespace {

enum {
  AV, AC, PR, UI, S, C, I, A,
  E, RL, RC,
  CR, IR, AR, MAV, MAC, MPR, MUI, MS, MC, MI, MA,
  kCount
};

constexpr MetricSpec kSpecs[kCount] = {
    {"AV", {"N", "A", "L", "P"}, 4, true},
    {"AC", {"L", "H"}, 2, true},
    {"PR", {"N", "L", "H"}, 3, true},
    {"UI", {"N", "R"}, 2, true},
    {"S", {"U", "C"}, 2, true},
    {"C", {"H", "L", "N"}, 3, true},
    {"I", {"H", "L", "N"}, 3, true},
    {"A", {"H", "L", "N"}, 3, true},
    {"E", {"X", "H", "F", "P", "U"}, 5, false},
    {"RL", {"X", "U", "W", "T", "O"}, 5, false},
    {"RC", {"X", "C", "R", "U"}, 4, false},
    {"CR", {"X", "H", "M", "L"}, 4, false},
    {"IR", {"X", "H", "M", "L"}, 4, false},
    {"AR", {"X", "H", "M", "L"}, 4, false},
    {"MAV", {"X", "N", "A", "L", "P"}, 5, false},
    {"MAC", {"X", "L", "H"}, 3, false},
    {"MPR", {"X", "N", "L", "H"}, 4, false},
    {"MUI", {"X", "N", "R"}, 3, false},
    {"MS", {"X", "U", "C"}, 3, false},
    {"MC", {"X", "H", "L", "N"}, 4, false},
    {"MI", {"X", "H", "L", "N"}, 4, false},
    {"MA", {"X", "H", "L", "N"}, 4, false},
};
const PackedSpecs kPacked = Pack(kSpecs);

constexpr double kAV[] = {0.85, 0.62, 0.55, 0.2};
constexpr double kAC[] = {0.77, 0.44};
constexpr double kPRUnchanged[] = {0.85, 0.62, 0.27};
constexpr double kPRChanged[] = {0.85, 0.68, 0.5};
constexpr double kUI[] = {0.85, 0.62};
constexpr double kCIA[] = {0.56, 0.22, 0.0};
constexpr double kE[] = {1.0, 1.0, 0.97, 0.94, 0.91};
constexpr double kRL[] = {1.0, 1.0, 0.97, 0.96, 0.95};
constexpr double kRC[] = {1.0, 1.0, 0.96, 0.92};
constexpr double kReq[] = {1.0, 1.5, 1.0, 0.5};

// The modified metric's value index in the base metric's table, or the base
// value when the modified metric is absent or X. Modified tables have X first.
int Effective(const int* v, int modified, int base) {
  return v[modified] > 0 ? v[modified] - 1 : v[base];
}

// x^13 and x^15 by multiplication: std::pow costs more than the rest of the
// equation; the specification's round-up absorbs the last-bit differences
// (every reference vector still scores exactly).
double Pow13(double x) {
  double x2 = x * x, x4 = x2 * x2, x8 = x4 * x4;
  return x8 * x4 * x;
}
double Pow15(double x) {
  double x2 = x * x, x4 = x2 * x2, x8 = x4 * x4;
  return x8 * x4 * x2 * x;
}

}  // namespace

Status ScoreV3(std::string_view body, size_t offset, bool v31, CvssScore& s) {
  int v[kCount];
  PSIRT_RETURN_IF_ERROR(ParseMetrics(body, offset, kPacked, false, v31 ? "3.1" : "3.0", v));
  auto roundup = v31 ? RoundUpV31 : RoundUpV30;

  // Base.
  bool changed = v[S] == 1;
  double iss = 1 - (1 - kCIA[v[C]]) * (1 - kCIA[v[I]]) * (1 - kCIA[v[A]]);
  double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Pow15(iss - 0.02) : 6.42 * iss;
  double pr = (changed ? kPRChanged : kPRUnchanged)[v[PR]];
  double exploitability = 8.22 * kAV[v[AV]] * kAC[v[AC]] * pr * kUI[v[UI]];
  double base = 0;
  if (impact > 0)
    base = changed ? roundup(std::min(1.08 * (impact + exploitability), 10.0))
                   : roundup(std::min(impact + exploitability, 10.0));

  // Temporal.
  auto tv = [&](int m) { return v[m] < 0 ? 0 : v[m]; };
  double tf = kE[tv(E)] * kRL[tv(RL)] * kRC[tv(RC)];
  double temporal = roundup(base * tf);

  // Environmental.
  bool mchanged = v[MS] > 0 ? v[MS] == 2 : changed;
  double miss = std::min(1 - (1 - kReq[tv(CR)] * kCIA[Effective(v, MC, C)]) *
                                 (1 - kReq[tv(IR)] * kCIA[Effective(v, MI, I)]) *
                                 (1 - kReq[tv(AR)] * kCIA[Effective(v, MA, A)]),
                         0.915);
  double mimpact;
  if (!mchanged)
    mimpact = 6.42 * miss;
  else if (v31)
    mimpact = 7.52 * (miss - 0.029) - 3.25 * Pow13(miss * 0.9731 - 0.02);
  else
    mimpact = 7.52 * (miss - 0.029) - 3.25 * Pow15(miss - 0.02);
  double mpr = (mchanged ? kPRChanged : kPRUnchanged)[Effective(v, MPR, PR)];
  double mexpl = 8.22 * kAV[Effective(v, MAV, AV)] * kAC[Effective(v, MAC, AC)] * mpr *
                 kUI[Effective(v, MUI, UI)];
  double env = 0;
  if (mimpact > 0)
    env = mchanged ? roundup(roundup(std::min(1.08 * (mimpact + mexpl), 10.0)) * tf)
                   : roundup(roundup(std::min(mimpact + mexpl, 10.0)) * tf);

  s.has_temporal = v[E] >= 0 || v[RL] >= 0 || v[RC] >= 0;
  s.has_environmental = false;
  for (int m = CR; m < kCount; ++m) s.has_environmental = s.has_environmental || v[m] >= 0;
  s.base_score = base;
  s.temporal_score = temporal;
  // The equation, also without environmental metrics: for v3.1 scope-changed
  // vectors it differs from the base score (FIRST's calculator and reference
  // vectors agree), so it is not replaced by the temporal score.
  s.environmental_score = env;
  s.impact = RoundHalfUp1(impact > 0 ? impact : 0);
  s.exploitability = RoundHalfUp1(exploitability);
  s.base_severity = CvssSeverity(s.base_score);
  s.temporal_severity = CvssSeverity(s.temporal_score);
  s.environmental_severity = CvssSeverity(s.environmental_score);
  return Status::Ok();
}

}  // namespace psirt::cvss_internal
