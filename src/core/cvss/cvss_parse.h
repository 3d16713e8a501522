// Shared tokenizer of CVSS vectors: METRIC:VALUE pairs separated by '/',
// matched against a version's metric table with exact error positions.
// Internal to the cvss implementation files.
#pragma once

#include <span>
#include <string_view>

#include "base/status.h"

namespace psirt::cvss_internal {

// One metric of a CVSS version: its name, values and whether mandatory.
struct MetricSpec {
  std::string_view name;
  std::string_view values[8];
  int value_count;
  bool mandatory;
};

// The specs with names and values packed into integers (up to 8 bytes), so
// matching a token is an integer compare. Built once per metric table.
struct PackedSpecs {
  std::span<const MetricSpec> specs;
  unsigned long long names[40];
  unsigned long long values[40][8];
};
PackedSpecs Pack(std::span<const MetricSpec> specs);

// Parses `body` (the vector after its prefix; `offset` is the body's column
// offset in the whole vector) into value indices: out[i] is the index of the
// value of specs[i] in specs[i].values, or -1 when the metric is absent.
// With `ordered`, metrics must follow the table's order.
Status ParseMetrics(std::string_view body, size_t offset, const PackedSpecs& specs,
                    bool ordered, std::string_view version_label, int* out);

// Rounding helpers of the specifications.
double RoundHalfUp1(double x);   // to one decimal, half away from zero (v2, sub-scores)
double RoundUpV31(double x);     // CVSS v3.1 Roundup (Appendix A)
double RoundUpV30(double x);     // CVSS v3.0 round up to one decimal

}  // namespace psirt::cvss_internal
