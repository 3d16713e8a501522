// CVSS vector tokenizer and rounding.
#include "core/cvss/cvss_parse.h"
#include "base/strings.h"

#include <cmath>
#include <string>

namespace psirt::cvss_internal {

namespace {

std::string Col(size_t c) { return "column " + std::to_string(c); }

std::string Expected(const MetricSpec& m) {
  std::string s;
  for (int i = 0; i < m.value_count; ++i) s += (i ? ", " : "") + std::string(m.values[i]);
  return s;
}

}  // namespace

namespace {

// Packs up to 8 bytes into an integer; 0 for longer or empty text.
unsigned long long Key(std::string_view s) {
  if (s.empty() || s.size() > 8) return 0;
  unsigned long long k = 0;
  for (size_t i = 0; i < s.size(); ++i) k |= static_cast<unsigned long long>(
      static_cast<unsigned char>(s[i])) << (8 * i);
  return k;
}

// Builds the error for the token at `pos` (slow path only).
Status TokenError(std::string_view body, size_t offset, size_t pos, const PackedSpecs& ps,
                  bool ordered, std::string_view label, const int* out, int last) {
  std::span<const MetricSpec> specs = ps.specs;
  size_t end = body.find('/', pos);
  std::string_view tok = body.substr(pos, end == std::string_view::npos ? std::string_view::npos
                                                                       : end - pos);
  size_t col = offset + pos + 1;
  if (tok.empty()) return Status::Invalid("empty metric at " + Col(col) + " (expected METRIC:VALUE)");
  size_t colon = tok.find(':');
  if (colon == std::string_view::npos || colon == 0)
    return Status::Invalid("malformed metric '" + Shown(tok) + "' at " + Col(col) +
                           " (expected METRIC:VALUE)");
  std::string_view name = tok.substr(0, colon), value = tok.substr(colon + 1);
  int idx = -1;
  for (size_t i = 0; i < specs.size(); ++i)
    if (specs[i].name == name) idx = static_cast<int>(i);
  if (idx < 0)
    return Status::Invalid("unknown metric '" + Shown(name) + "' at " + Col(col) +
                           " for CVSS " + std::string(label));
  if (out[idx] >= 0) return Status::Invalid("duplicate metric '" + Shown(name) + "' at " + Col(col));
  if (ordered && idx < last)
    return Status::Invalid("metric '" + std::string(name) + "' at " + Col(col) +
                           " is out of order: CVSS " + std::string(label) +
                           " requires the specification's order (it must come before '" +
                           std::string(specs[last].name) + "')");
  return Status::Invalid("bad value '" + Shown(value) + "' for metric '" +
                         std::string(name) + "' at " + Col(col + colon + 1) + " (expected " +
                         Expected(specs[idx]) + ")");
}

}  // namespace

PackedSpecs Pack(std::span<const MetricSpec> specs) {
  PackedSpecs p{};
  p.specs = specs;
  for (size_t i = 0; i < specs.size() && i < 40; ++i) {
    p.names[i] = Key(specs[i].name);
    for (int v = 0; v < specs[i].value_count; ++v) p.values[i][v] = Key(specs[i].values[v]);
  }
  return p;
}

Status ParseMetrics(std::string_view body, size_t offset, const PackedSpecs& ps, bool ordered,
                    std::string_view label, int* out) {
  const int n = static_cast<int>(ps.specs.size());
  for (int i = 0; i < n; ++i) out[i] = -1;
  int last = -1;
  const char* p = body.data();
  const char* const end = p + body.size();
  size_t pos = 0;
  while (true) {
    const char* tok = p;
    // Name: bytes up to ':'.
    unsigned long long name = 0;
    int len = 0;
    while (p < end && *p != ':' && *p != '/') {
      if (len < 8) name |= static_cast<unsigned long long>(static_cast<unsigned char>(*p)) << (8 * len);
      ++len;
      ++p;
    }
    if (p == end || *p != ':' || len == 0 || len > 8)
      return TokenError(body, offset, pos, ps, ordered, label, out, last);
    ++p;
    unsigned long long value = 0;
    int vlen = 0;
    while (p < end && *p != '/') {
      if (vlen < 8) value |= static_cast<unsigned long long>(static_cast<unsigned char>(*p)) << (8 * vlen);
      ++vlen;
      ++p;
    }
    // Metrics usually come in table order: look just after the last one first.
    int idx = -1;
    for (int k = 0, i = last + 1; k < n; ++k, ++i) {
      if (i == n) i = 0;
      if (ps.names[i] == name) {
        idx = i;
        break;
      }
    }
    int v = -1;
    if (idx >= 0 && out[idx] < 0 && !(ordered && idx < last) && vlen <= 8 && vlen > 0) {
      const MetricSpec& m = ps.specs[idx];
      for (int i = 0; i < m.value_count; ++i)
        if (ps.values[idx][i] == value) {
          v = i;
          break;
        }
    }
    if (v < 0) return TokenError(body, offset, pos, ps, ordered, label, out, last);
    out[idx] = v;
    last = idx;
    if (p == end) break;
    ++p;  // '/'
    pos = static_cast<size_t>(p - body.data());
    (void)tok;
  }
  for (int i = 0; i < n; ++i)
    if (ps.specs[i].mandatory && out[i] < 0)
      return Status::Invalid("missing mandatory metric '" + std::string(ps.specs[i].name) +
                             "' (CVSS " + std::string(label) + ")");
  return Status::Ok();
}

double RoundHalfUp1(double x) {
  // Scores are products of few-decimal weights: a tiny epsilon absorbs the
  // binary representation error at exact .x5 boundaries, as decimal
  // arithmetic (the reference implementations) would.
  double r = std::floor(std::fabs(x) * 10.0 + 0.5 + 1e-9) / 10.0;
  return x < 0 ? -r : r;
}

double RoundUpV31(double x) {
  long long i = std::llround(x * 100000.0);
  if (i % 10000 == 0) return static_cast<double>(i) / 100000.0;
  return (std::floor(static_cast<double>(i) / 10000.0) + 1.0) / 10.0;
}

double RoundUpV30(double x) { return std::ceil(x * 10.0 - 1e-9) / 10.0; }

}  // namespace psirt::cvss_internal
