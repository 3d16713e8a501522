// YAML to JSON with the core schema's scalar types (see yaml_json.h).
#include "formats/yaml_json.h"

#include <charconv>
#include <regex>

namespace psirt {
namespace {

// A plain scalar's JSON value by YAML 1.2's core schema.
nlohmann::json PlainScalar(const std::string& s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  static const std::regex kInt("[-+]?[0-9]+");
  static const std::regex kFloat(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
  if (std::regex_match(s, kInt)) {
    long long v = 0;
    const char* b = s.data() + (s[0] == '+');
    auto [p, ec] = std::from_chars(b, s.data() + s.size(), v);
    if (ec == std::errc() && p == s.data() + s.size()) return v;
    return s;  // beyond 64 bits: keep the digits
  }
  if (std::regex_match(s, kFloat)) {
    try {
      return std::stod(s);
    } catch (...) {
      return s;
    }
  }
  return s;
}

}  // namespace

nlohmann::json YamlNodeToJson(const YAML::Node& n) {
  if (n.IsMap()) {
    nlohmann::json o = nlohmann::json::object();
    for (auto it = n.begin(); it != n.end(); ++it) o[it->first.as<std::string>("")] = YamlNodeToJson(it->second);
    return o;
  }
  if (n.IsSequence()) {
    nlohmann::json a = nlohmann::json::array();
    for (const YAML::Node& e : n) a.push_back(YamlNodeToJson(e));
    return a;
  }
  if (n.IsScalar()) return n.Tag() == "!" ? nlohmann::json(n.Scalar()) : PlainScalar(n.Scalar());
  return nullptr;
}

Result<nlohmann::json> YamlTextToJson(std::string_view text, const std::string& file) {
  try {
    return YamlNodeToJson(YAML::Load(std::string(text)));
  } catch (const YAML::Exception& e) {
    return std::move(Status::Invalid("not valid YAML: " + e.msg).At(file, e.mark.line + 1));
  }
}

}  // namespace psirt
