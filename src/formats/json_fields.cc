// Strict typed reads of JSON object fields (formats/json_fields.h).
#include "formats/json_fields.h"

#include <algorithm>

#include "base/strings.h"

namespace psirt::json_fields {

Status CheckKeys(const nlohmann::json& object, const std::string& prefix, std::span<const std::string_view> allowed) {
  for (auto it = object.begin(); it != object.end(); ++it)
    if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end()) {
      std::string known;
      for (std::string_view a : allowed) known += (known.empty() ? "" : ", ") + std::string(a);
      std::string path = prefix + Shown(it.key(), 64);
      return std::move(Status::Invalid("unknown field '" + path + "' (expected: " + (known.empty() ? "none" : known) + ")")
                           .Field(path));
    }
  return Status::Ok();
}

Status TypeError(const std::string& path, const char* expected) {
  return std::move(Status::Invalid(path + ": expected " + expected).Field(path));
}

Result<std::optional<std::string>> OptString(const nlohmann::json& object, std::string_view name, const std::string& path) {
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) return std::optional<std::string>();
  if (!it->is_string()) return TypeError(path, "a string");
  return std::optional<std::string>(NormalizeLineBreaks(it->get_ref<const std::string&>()));
}

Result<std::optional<bool>> OptBool(const nlohmann::json& object, std::string_view name, const std::string& path) {
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) return std::optional<bool>();
  if (!it->is_boolean()) return TypeError(path, "true or false");
  return std::optional<bool>(it->get<bool>());
}

Result<std::optional<long long>> OptInt(const nlohmann::json& object, std::string_view name, const std::string& path, long long lo,
                                        long long hi) {
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) return std::optional<long long>();
  std::string range = "an integer from " + std::to_string(lo) + " to " + std::to_string(hi);
  if (!it->is_number_integer()) return TypeError(path, range.c_str());
  long long v = it->is_number_unsigned() && it->get<unsigned long long>() > static_cast<unsigned long long>(hi) ? hi + 1 : it->get<long long>();
  if (v < lo || v > hi) return TypeError(path, range.c_str());
  return std::optional<long long>(v);
}

Result<std::vector<std::string>> StringList(const nlohmann::json& object, std::string_view name, const std::string& path) {
  std::vector<std::string> out;
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) return out;
  if (!it->is_array()) return TypeError(path, "a list of strings");
  for (const auto& x : *it) {
    if (!x.is_string()) return TypeError(path, "a list of strings");
    out.push_back(NormalizeLineBreaks(x.get_ref<const std::string&>()));
  }
  return out;
}

}  // namespace psirt::json_fields
