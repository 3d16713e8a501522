// CVSS v4.0 scoring (FIRST CVSS v4.0 specification, section 8 "CVSS v4.0
// Scoring"): the vector's MacroVector (EQ1..EQ6) gives a score from the
// specification's table, which is then interpolated by the vector's severity
// distance from the MacroVector's highest-severity vectors. Floating-point
// operations follow the reference calculator's order so results match it.
#include <cmath>
#include <limits>

#include "core/cvss/cvss4_tables.h"
#include "core/cvss/cvss_internal.h"

namespace psirt::cvss_internal {
namespace {

enum {
  AV, AC, AT, PR, UI, VC, VI, VA, SC, SI, SA,
  E,
  CR, IR, AR, MAV, MAC, MAT, MPR, MUI, MVC, MVI, MVA, MSC, MSI, MSA,
  Ss, AU, R, V, RE, U,
  kCount
};

constexpr MetricSpec kSpecs[kCount] = {
    {"AV", {"N", "A", "L", "P"}, 4, true},
    {"AC", {"L", "H"}, 2, true},
    {"AT", {"N", "P"}, 2, true},
    {"PR", {"N", "L", "H"}, 3, true},
    {"UI", {"N", "P", "A"}, 3, true},
    {"VC", {"H", "L", "N"}, 3, true},
    {"VI", {"H", "L", "N"}, 3, true},
    {"VA", {"H", "L", "N"}, 3, true},
    {"SC", {"H", "L", "N"}, 3, true},
    {"SI", {"H", "L", "N"}, 3, true},
    {"SA", {"H", "L", "N"}, 3, true},
    {"E", {"X", "A", "P", "U"}, 4, false},
    {"CR", {"X", "H", "M", "L"}, 4, false},
    {"IR", {"X", "H", "M", "L"}, 4, false},
    {"AR", {"X", "H", "M", "L"}, 4, false},
    {"MAV", {"X", "N", "A", "L", "P"}, 5, false},
    {"MAC", {"X", "L", "H"}, 3, false},
    {"MAT", {"X", "N", "P"}, 3, false},
    {"MPR", {"X", "N", "L", "H"}, 4, false},
    {"MUI", {"X", "N", "P", "A"}, 4, false},
    {"MVC", {"X", "H", "L", "N"}, 4, false},
    {"MVI", {"X", "H", "L", "N"}, 4, false},
    {"MVA", {"X", "H", "L", "N"}, 4, false},
    {"MSC", {"X", "H", "L", "N"}, 4, false},
    {"MSI", {"X", "S", "H", "L", "N"}, 5, false},
    {"MSA", {"X", "S", "H", "L", "N"}, 5, false},
    {"S", {"X", "N", "P"}, 3, false},
    {"AU", {"X", "N", "Y"}, 3, false},
    {"R", {"X", "A", "U", "I"}, 4, false},
    {"V", {"X", "D", "C"}, 3, false},
    {"RE", {"X", "L", "M", "H"}, 4, false},
    {"U", {"X", "Clear", "Green", "Amber", "Red"}, 5, false},
};
const PackedSpecs kPacked = Pack(kSpecs);

// The effective metrics the equations use, as value letters.
struct Metrics {
  char av, ac, at, pr, ui, vc, vi, va, sc, si, sa, cr, ir, ar, e;
  bool msi_s, msa_s;  // MSI:S / MSA:S (Safety)
};

char Letter(const int* v, int m) { return kSpecs[m].values[v[m]][0]; }

// Base value, unless the modified metric is present and not X.
char Eff(const int* v, int base, int modified) {
  return v[modified] > 0 ? Letter(v, modified) : Letter(v, base);
}

Metrics Effective(const int* v, bool use_threat, bool use_env) {
  Metrics m{};
  auto pick = [&](int base, int mod) { return use_env ? Eff(v, base, mod) : Letter(v, base); };
  m.av = pick(AV, MAV);
  m.ac = pick(AC, MAC);
  m.at = pick(AT, MAT);
  m.pr = pick(PR, MPR);
  m.ui = pick(UI, MUI);
  m.vc = pick(VC, MVC);
  m.vi = pick(VI, MVI);
  m.va = pick(VA, MVA);
  m.sc = pick(SC, MSC);
  m.si = pick(SI, MSI);
  m.sa = pick(SA, MSA);
  auto req = [&](int r) { return use_env && v[r] > 0 ? Letter(v, r) : 'H'; };  // X -> H
  m.cr = req(CR);
  m.ir = req(IR);
  m.ar = req(AR);
  m.e = use_threat && v[E] > 0 ? Letter(v, E) : 'A';  // X -> A
  m.msi_s = use_env && v[MSI] >= 0 && Letter(v, MSI) == 'S';
  m.msa_s = use_env && v[MSA] >= 0 && Letter(v, MSA) == 'S';
  return m;
}

// Severity levels of the reference calculator (distance units of 0.1).
double LevelAV(char c) { return c == 'N' ? 0.0 : c == 'A' ? 0.1 : c == 'L' ? 0.2 : 0.3; }
double LevelPR(char c) { return c == 'N' ? 0.0 : c == 'L' ? 0.1 : 0.2; }
double LevelUI(char c) { return c == 'N' ? 0.0 : c == 'P' ? 0.1 : 0.2; }
double LevelAC(char c) { return c == 'L' ? 0.0 : 0.1; }
double LevelAT(char c) { return c == 'N' ? 0.0 : 0.1; }
double LevelV(char c) { return c == 'H' ? 0.0 : c == 'L' ? 0.1 : 0.2; }       // VC VI VA
double LevelSC(char c) { return c == 'H' ? 0.1 : c == 'L' ? 0.2 : 0.3; }
double LevelSIA(char c) { return c == 'S' ? 0.0 : c == 'H' ? 0.1 : c == 'L' ? 0.2 : 0.3; }
double LevelReq(char c) { return c == 'H' ? 0.0 : c == 'M' ? 0.1 : 0.2; }

struct Eq1Max { char av, pr, ui; };
struct Eq2Max { char ac, at; };
struct Eq36Max { char vc, vi, va, cr, ir, ar; };
struct Eq4Max { char sc, si, sa; };
template <typename T>
struct Maxes {
  T v[5];
  int n;
};

// Highest-severity vectors of each EQ level.
const Maxes<Eq1Max> kEq1[3] = {
    {{{'N', 'N', 'N'}}, 1},
    {{{'A', 'N', 'N'}, {'N', 'L', 'N'}, {'N', 'N', 'P'}}, 3},
    {{{'P', 'N', 'N'}, {'A', 'L', 'P'}}, 2}};
const Maxes<Eq2Max> kEq2[2] = {{{{'L', 'N'}}, 1}, {{{'H', 'N'}, {'L', 'P'}}, 2}};
const Maxes<Eq36Max> kEq36[3][2] = {
    {{{{'H', 'H', 'H', 'H', 'H', 'H'}}, 1},
     {{{'H', 'H', 'L', 'M', 'M', 'H'}, {'H', 'H', 'H', 'M', 'M', 'M'}}, 2}},
    {{{{'L', 'H', 'H', 'H', 'H', 'H'}, {'H', 'L', 'H', 'H', 'H', 'H'}}, 2},
     {{{'L', 'H', 'L', 'H', 'M', 'H'},
       {'L', 'H', 'H', 'H', 'M', 'M'},
       {'H', 'L', 'H', 'M', 'H', 'M'},
       {'H', 'L', 'L', 'M', 'H', 'H'},
       {'L', 'L', 'H', 'H', 'H', 'M'}},
      5}},
    {{{}, 0}, {{{'L', 'L', 'L', 'H', 'H', 'H'}}, 1}}};
const Maxes<Eq4Max> kEq4[3] = {
    {{{'H', 'S', 'S'}}, 1}, {{{'H', 'H', 'H'}}, 1}, {{{'L', 'L', 'L'}}, 1}};

// Maximal severity depth of each EQ level (in steps of 0.1).
constexpr double kDepthEq1[3] = {1, 4, 5};
constexpr double kDepthEq2[2] = {1, 2};
constexpr double kDepthEq36[3][2] = {{7, 6}, {8, 8}, {10, 10}};
constexpr double kDepthEq4[3] = {6, 5, 4};

struct Macro {
  int eq[6];
};

Macro MacroVector(const Metrics& m) {
  Macro r{};
  if (m.av == 'N' && m.pr == 'N' && m.ui == 'N')
    r.eq[0] = 0;
  else if ((m.av == 'N' || m.pr == 'N' || m.ui == 'N') && m.av != 'P')
    r.eq[0] = 1;
  else
    r.eq[0] = 2;
  r.eq[1] = (m.ac == 'L' && m.at == 'N') ? 0 : 1;
  if (m.vc == 'H' && m.vi == 'H')
    r.eq[2] = 0;
  else if (m.vc == 'H' || m.vi == 'H' || m.va == 'H')
    r.eq[2] = 1;
  else
    r.eq[2] = 2;
  if (m.msi_s || m.msa_s)
    r.eq[3] = 0;
  else if (m.sc == 'H' || m.si == 'H' || m.sa == 'H')
    r.eq[3] = 1;
  else
    r.eq[3] = 2;
  r.eq[4] = m.e == 'A' ? 0 : m.e == 'P' ? 1 : 2;
  r.eq[5] = ((m.cr == 'H' && m.vc == 'H') || (m.ir == 'H' && m.vi == 'H') ||
             (m.ar == 'H' && m.va == 'H'))
                ? 0
                : 1;
  return r;
}

double Lookup(int e1, int e2, int e3, int e4, int e5, int e6) {
  if (e1 > 2 || e2 > 1 || e3 > 2 || e4 > 2 || e5 > 2 || e6 > 1)
    return std::numeric_limits<double>::quiet_NaN();
  return kMacroVectorScore[MacroIndex(e1, e2, e3, e4, e5, e6)];
}

double Score(const Metrics& m, const Macro& mv) {
  if (m.vc == 'N' && m.vi == 'N' && m.va == 'N' && m.sc == 'N' && m.si == 'N' && m.sa == 'N')
    return 0.0;
  const int e1 = mv.eq[0], e2 = mv.eq[1], e3 = mv.eq[2], e4 = mv.eq[3], e5 = mv.eq[4],
            e6 = mv.eq[5];
  double value = Lookup(e1, e2, e3, e4, e5, e6);

  // Scores of the next lower MacroVector of each EQ (NaN when none exists).
  double lower_eq1 = Lookup(e1 + 1, e2, e3, e4, e5, e6);
  double lower_eq2 = Lookup(e1, e2 + 1, e3, e4, e5, e6);
  double lower_eq36;
  if (e3 == 1 && e6 == 1)
    lower_eq36 = Lookup(e1, e2, e3 + 1, e4, e5, e6);
  else if (e3 == 0 && e6 == 1)
    lower_eq36 = Lookup(e1, e2, e3 + 1, e4, e5, e6);
  else if (e3 == 1 && e6 == 0)
    lower_eq36 = Lookup(e1, e2, e3, e4, e5, e6 + 1);
  else if (e3 == 0 && e6 == 0) {
    double left = Lookup(e1, e2, e3, e4, e5, e6 + 1);
    double right = Lookup(e1, e2, e3 + 1, e4, e5, e6);
    lower_eq36 = left > right ? left : right;
  } else {
    lower_eq36 = Lookup(e1, e2, e3 + 1, e4, e5, e6 + 1);
  }
  double lower_eq4 = Lookup(e1, e2, e3, e4 + 1, e5, e6);
  double lower_eq5 = Lookup(e1, e2, e3, e4, e5 + 1, e6);

  // Severity distance from the first highest-severity vector that the
  // scored vector does not exceed (the last one tried when none fits).
  const auto& m1 = kEq1[e1];
  const auto& m2 = kEq2[e2];
  const auto& m36 = kEq36[e3][e6];
  const auto& m4 = kEq4[e4];
  double dAV = 0, dPR = 0, dUI = 0, dAC = 0, dAT = 0, dVC = 0, dVI = 0, dVA = 0, dSC = 0,
         dSI = 0, dSA = 0, dCR = 0, dIR = 0, dAR = 0;
  bool found = false;
  for (int a = 0; a < m1.n && !found; ++a)
    for (int b = 0; b < m2.n && !found; ++b)
      for (int c = 0; c < m36.n && !found; ++c)
        for (int d = 0; d < m4.n && !found; ++d) {
          const Eq1Max& x1 = m1.v[a];
          const Eq2Max& x2 = m2.v[b];
          const Eq36Max& x3 = m36.v[c];
          const Eq4Max& x4 = m4.v[d];
          dAV = LevelAV(m.av) - LevelAV(x1.av);
          dPR = LevelPR(m.pr) - LevelPR(x1.pr);
          dUI = LevelUI(m.ui) - LevelUI(x1.ui);
          dAC = LevelAC(m.ac) - LevelAC(x2.ac);
          dAT = LevelAT(m.at) - LevelAT(x2.at);
          dVC = LevelV(m.vc) - LevelV(x3.vc);
          dVI = LevelV(m.vi) - LevelV(x3.vi);
          dVA = LevelV(m.va) - LevelV(x3.va);
          dSC = LevelSC(m.sc) - LevelSC(x4.sc);
          dSI = LevelSIA(m.msi_s ? 'S' : m.si) - LevelSIA(x4.si);
          dSA = LevelSIA(m.msa_s ? 'S' : m.sa) - LevelSIA(x4.sa);
          dCR = LevelReq(m.cr) - LevelReq(x3.cr);
          dIR = LevelReq(m.ir) - LevelReq(x3.ir);
          dAR = LevelReq(m.ar) - LevelReq(x3.ar);
          found = !(dAV < 0 || dPR < 0 || dUI < 0 || dAC < 0 || dAT < 0 || dVC < 0 || dVI < 0 ||
                    dVA < 0 || dSC < 0 || dSI < 0 || dSA < 0 || dCR < 0 || dIR < 0 || dAR < 0);
        }

  double dist_eq1 = dAV + dPR + dUI;
  double dist_eq2 = dAC + dAT;
  double dist_eq36 = dVC + dVI + dVA + dCR + dIR + dAR;
  double dist_eq4 = dSC + dSI + dSA;
  const double step = 0.1;
  double avail_eq1 = value - lower_eq1;
  double avail_eq2 = value - lower_eq2;
  double avail_eq36 = value - lower_eq36;
  double avail_eq4 = value - lower_eq4;
  double avail_eq5 = value - lower_eq5;
  int n = 0;
  double n1 = 0, n2 = 0, n36 = 0, n4 = 0, n5 = 0;
  if (!std::isnan(avail_eq1)) {
    ++n;
    n1 = avail_eq1 * (dist_eq1 / (kDepthEq1[e1] * step));
  }
  if (!std::isnan(avail_eq2)) {
    ++n;
    n2 = avail_eq2 * (dist_eq2 / (kDepthEq2[e2] * step));
  }
  if (!std::isnan(avail_eq36)) {
    ++n;
    n36 = avail_eq36 * (dist_eq36 / (kDepthEq36[e3][e6] * step));
  }
  if (!std::isnan(avail_eq4)) {
    ++n;
    n4 = avail_eq4 * (dist_eq4 / (kDepthEq4[e4] * step));
  }
  if (!std::isnan(avail_eq5)) {
    ++n;
    n5 = avail_eq5 * 0;
  }
  double mean = n == 0 ? 0 : (n1 + n2 + n36 + n4 + n5) / n;
  value -= mean;
  if (value < 0) value = 0.0;
  if (value > 10) value = 10.0;
  // Round half up to one decimal after a small epsilon, as the current FIRST
  // calculator does to keep binary representation error (5.6499999...) from
  // rounding down a score whose exact value is x.x5.
  constexpr double kEpsilon = 1e-6;
  return std::floor((value + kEpsilon) * 10 + 0.5) / 10;
}

}  // namespace

Status ScoreV4(std::string_view body, size_t offset, CvssScore& s) {
  int v[kCount];
  PSIRT_RETURN_IF_ERROR(ParseMetrics(body, offset, kPacked, true, "4.0", v));
  bool threat = v[E] > 0;
  bool env = false;
  for (int m = CR; m <= MSA; ++m) env = env || v[m] > 0;
  Metrics full = Effective(v, true, true);
  Macro mv = MacroVector(full);
  s.score = Score(full, mv);
  s.severity = CvssSeverity(s.score);
  for (int i = 0; i < 6; ++i) s.macrovector_digits[i] = static_cast<char>('0' + mv.eq[i]);
  s.nomenclature = threat ? (env ? "CVSS-BTE" : "CVSS-BT") : (env ? "CVSS-BE" : "CVSS-B");
  if (threat || env) {
    Metrics base = Effective(v, false, false);
    s.base_score = Score(base, MacroVector(base));
  } else {
    s.base_score = s.score;
  }
  s.base_severity = CvssSeverity(s.base_score);
  return Status::Ok();
}

}  // namespace psirt::cvss_internal
