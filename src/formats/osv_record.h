// Reading OSV records (ossf/osv-schema, JSON or YAML) into VulnRecord:
// checked against the OSV schema compiled into the binary first, so a
// record psirt accepts is one osv.dev would; errors name the file and the
// JSON path (or the YAML line) and what was expected. Pure.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "core/vuln_record.h"

namespace psirt {

// An OSV record from JSON.
Result<VulnRecord> OsvJsonToRecord(const nlohmann::json& j, const std::string& file);

// An OSV record from text: JSON when it starts with '{', else YAML.
Result<VulnRecord> ReadOsvRecord(std::string_view text, const std::string& file);

}  // namespace psirt
