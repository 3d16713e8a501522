// Column encodings shared by the SQL stores: lists as comma-separated
// text (or JSON arrays where items may hold commas), probable backports
// as a JSON array.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "core/advisory.h"
#include "core/event_payloads.h"

namespace psirt::columns {

// A list column: the items joined by commas.
inline std::string JoinList(const std::vector<std::string>& v) { return Join(v, ","); }

inline std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t c = s.find(',', pos);
    out.push_back(s.substr(pos, c == std::string::npos ? std::string::npos : c - pos));
    if (c == std::string::npos) break;
    pos = c + 1;
  }
  return out;
}

// A list whose items may hold commas (area names): a JSON array.
inline std::string ListToJson(const std::vector<std::string>& v) { return nlohmann::json(v).dump(); }
inline std::vector<std::string> ListFromJson(const std::string& text) {
  std::vector<std::string> out;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& x : j)
    if (x.is_string()) out.push_back(x.get<std::string>());
  return out;
}

inline std::string ProbableToJson(const std::vector<ProbableBackport>& v) {
  nlohmann::json j = nlohmann::json::array();
  for (const ProbableBackport& p : v) j.push_back({{"branch", p.branch}, {"commit", p.commit}, {"percent", p.percent}});
  return j.dump();
}

inline std::vector<ProbableBackport> ProbableFromJson(const std::string& text) {
  std::vector<ProbableBackport> out;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& x : j)
    if (x.is_object() && x.value("branch", "") != "")
      out.push_back({x.value("branch", ""), x.value("commit", ""), x.value("percent", 0)});
  return out;
}

// The module link: its event payload with every field ("" when unlinked).
inline std::string ModuleToJson(const ModuleLink& l) {
  return l.linked() ? ev::ModuleChanged::Of(l).ToJson().dump() : std::string();
}
inline ModuleLink ModuleFromJson(const std::string& text) {
  ModuleLink l;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return l;
  auto m = ev::ModuleChanged::FromJson(j);
  if (m.ok()) m->ApplyTo(l);
  return l;
}

}  // namespace psirt::columns
