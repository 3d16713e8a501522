// YAML documents as JSON values, typed as YAML 1.2's core schema types them:
// a plain scalar that reads as a number, true/false or null becomes one; a
// quoted scalar stays text. Used where a format may come in either syntax
// (OSV records) or carries free-form data (west's userdata).
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "base/status.h"

namespace psirt {

// One YAML node as JSON. Mapping keys are taken as text.
nlohmann::json YamlNodeToJson(const YAML::Node& n);

// A whole YAML text as JSON. Errors name `file` and the line the parser
// stopped on.
Result<nlohmann::json> YamlTextToJson(std::string_view text, const std::string& file);

}  // namespace psirt
