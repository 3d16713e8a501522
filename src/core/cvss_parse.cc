// CVSS vector tokenizer and rounding.
#include "core/cvss_parse.h"

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

Status ParseMetrics(std::string_view body, size_t offset, std::span<const MetricSpec> specs,
                    bool ordered, std::string_view label, int* out) {
  const int n = static_cast<int>(specs.size());
  for (int i = 0; i < n; ++i) out[i] = -1;
  int last = -1;
  size_t pos = 0;
  while (true) {
    size_t end = body.find('/', pos);
    std::string_view tok = body.substr(pos, end == std::string_view::npos ? std::string_view::npos
                                                                         : end - pos);
    size_t col = offset + pos + 1;
    if (tok.empty())
      return Status::Invalid("empty metric at " + Col(col) + " (expected METRIC:VALUE)");
    size_t colon = tok.find(':');
    if (colon == std::string_view::npos || colon == 0)
      return Status::Invalid("malformed metric '" + std::string(tok) + "' at " + Col(col) +
                             " (expected METRIC:VALUE)");
    std::string_view name = tok.substr(0, colon), value = tok.substr(colon + 1);
    int idx = -1;
    for (int i = 0; i < n; ++i)
      if (specs[i].name == name) {
        idx = i;
        break;
      }
    if (idx < 0)
      return Status::Invalid("unknown metric '" + std::string(name) + "' at " + Col(col) +
                             " for CVSS " + std::string(label));
    if (out[idx] >= 0)
      return Status::Invalid("duplicate metric '" + std::string(name) + "' at " + Col(col));
    if (ordered && idx < last)
      return Status::Invalid("metric '" + std::string(name) + "' at " + Col(col) +
                             " is out of order: CVSS " + std::string(label) +
                             " requires the specification's order (it must come before '" +
                             std::string(specs[last].name) + "')");
    const MetricSpec& m = specs[idx];
    int v = -1;
    for (int i = 0; i < m.value_count; ++i)
      if (m.values[i] == value) {
        v = i;
        break;
      }
    if (v < 0)
      return Status::Invalid("bad value '" + std::string(value) + "' for metric '" +
                             std::string(name) + "' at " + Col(col + colon + 1) + " (expected " +
                             Expected(m) + ")");
    out[idx] = v;
    last = idx;
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  for (int i = 0; i < n; ++i)
    if (specs[i].mandatory && out[i] < 0)
      return Status::Invalid("missing mandatory metric '" + std::string(specs[i].name) +
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
