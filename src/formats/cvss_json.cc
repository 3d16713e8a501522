// CVSS result rendering.
#include "formats/cvss_json.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace psirt {

void AppendCvssJson(const CvssScore& s, std::string& out) {
  auto it = std::back_inserter(out);
  // A vector that scored contains only [A-Za-z0-9:./]: no escaping needed.
  fmt::format_to(it, R"({{"vector":"{}","version":"{}","base_score":{:.1f},"base_severity":"{}")",
                 s.vector, CvssVersionName(s.version), s.base_score, s.base_severity);
  if (s.version == CvssVersion::kV40) {
    fmt::format_to(it, R"(,"score":{:.1f},"severity":"{}","macrovector":"{}","nomenclature":"{}"}})",
                   s.score, s.severity, s.macrovector, s.nomenclature);
  } else {
    fmt::format_to(it,
                   R"(,"temporal_score":{:.1f},"temporal_severity":"{}","environmental_score":{:.1f},)"
                   R"("environmental_severity":"{}","impact":{:.1f},"exploitability":{:.1f}}})",
                   s.temporal_score, s.temporal_severity, s.environmental_score,
                   s.environmental_severity, s.impact, s.exploitability);
  }
}

void AppendCvssErrorJson(std::string_view vector, std::string_view error, std::string& out) {
  nlohmann::json j = {{"vector", std::string(vector)}, {"error", std::string(error)}};
  out += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string CvssText(const CvssScore& s) {
  if (s.version == CvssVersion::kV40)
    return fmt::format("{}  {:.1f} {} ({}, MacroVector {}, CVSS-B {:.1f})", s.vector, s.score,
                       s.severity, s.nomenclature, s.macrovector, s.base_score);
  return fmt::format("{}  {:.1f} {} (temporal {:.1f}, environmental {:.1f}, impact {:.1f}, "
                     "exploitability {:.1f})",
                     s.vector, s.base_score, s.base_severity, s.temporal_score,
                     s.environmental_score, s.impact, s.exploitability);
}

}  // namespace psirt
