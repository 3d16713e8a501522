// CVSS result rendering.
#include "formats/cvss_json.h"

#include <fmt/format.h>

#include <cmath>

#include <nlohmann/json.hpp>

namespace psirt {

namespace {

// Scores are multiples of 0.1 in [0, 10]: written as tenths, no float formatting.
void AppendScore(double score, std::string& out) {
  long t = std::lround(score * 10);
  if (t >= 100) {
    out += "10.0";
    return;
  }
  if (t < 0) t = 0;
  out += static_cast<char>('0' + t / 10);
  out += '.';
  out += static_cast<char>('0' + t % 10);
}

void Field(std::string& out, std::string_view key, double score) {
  out += ",\"";
  out += key;
  out += "\":";
  AppendScore(score, out);
}

void Field(std::string& out, std::string_view key, std::string_view text) {
  out += ",\"";
  out += key;
  out += "\":\"";
  out += text;
  out += '"';
}

}  // namespace

void AppendCvssJson(std::string_view vector, const CvssScore& s, std::string& out) {
  // A vector that scored contains only [A-Za-z0-9:./]: no escaping needed.
  out += "{\"vector\":\"";
  out += vector;
  out += '"';
  Field(out, "version", CvssVersionName(s.version));
  Field(out, "base_score", s.base_score);
  Field(out, "base_severity", s.base_severity);
  if (s.version == CvssVersion::kV40) {
    Field(out, "score", s.score);
    Field(out, "severity", s.severity);
    Field(out, "macrovector", s.macrovector());
    Field(out, "nomenclature", s.nomenclature);
  } else {
    Field(out, "temporal_score", s.temporal_score);
    Field(out, "temporal_severity", s.temporal_severity);
    Field(out, "environmental_score", s.environmental_score);
    Field(out, "environmental_severity", s.environmental_severity);
    Field(out, "impact", s.impact);
    Field(out, "exploitability", s.exploitability);
  }
  out += '}';
}

void AppendCvssErrorJson(std::string_view vector, std::string_view error, std::string& out) {
  nlohmann::json j = {{"vector", std::string(vector)}, {"error", std::string(error)}};
  out += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string CvssText(std::string_view vector, const CvssScore& s) {
  if (s.version == CvssVersion::kV40)
    return fmt::format("{}  {:.1f} {} ({}, MacroVector {}, CVSS-B {:.1f})", vector, s.score,
                       s.severity, s.nomenclature, s.macrovector(), s.base_score);
  return fmt::format("{}  {:.1f} {} (temporal {:.1f}, environmental {:.1f}, impact {:.1f}, "
                     "exploitability {:.1f})",
                     vector, s.base_score, s.base_severity, s.temporal_score,
                     s.environmental_score, s.impact, s.exploitability);
}

}  // namespace psirt
