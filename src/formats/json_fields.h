// Strict typed reads of a JSON object's fields, the one implementation
// behind the API's body reader (server/http_util.h JsonBody) and the
// lifecycle actions' JSON fields (app/action_binder.h): keys outside the
// allowed ones are refused, a field of another type is Invalid naming its
// path, strings get LF line breaks, and null reads as absent.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"

namespace psirt::json_fields {

// Invalid naming the first key of `object` not in `allowed` (its path is
// `prefix` + the key, shown escaped and cut).
Status CheckKeys(const nlohmann::json& object, const std::string& prefix, std::span<const std::string_view> allowed);

// Field `name` of `object`; `path` names it in errors ("files[0].name").
Result<std::optional<std::string>> OptString(const nlohmann::json& object, std::string_view name, const std::string& path);
Result<std::optional<bool>> OptBool(const nlohmann::json& object, std::string_view name, const std::string& path);
Result<std::vector<std::string>> StringList(const nlohmann::json& object, std::string_view name, const std::string& path);
// An integer in [lo, hi] (no fraction, no string).
Result<std::optional<long long>> OptInt(const nlohmann::json& object, std::string_view name, const std::string& path, long long lo,
                                        long long hi);

// The error of a field of the wrong type.
Status TypeError(const std::string& path, const char* expected);

}  // namespace psirt::json_fields
