// One vulnerability record from a file's text, whichever database wrote
// it: CVE 5 JSON (told by "dataType": "CVE_RECORD") or OSV JSON/YAML. Pure.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "core/vuln_record.h"

namespace psirt {

// The record and where it came from ("osv" or "cve5").
struct ReadVuln {
  VulnRecord record;
  std::string source;
};

Result<ReadVuln> ReadVulnRecord(std::string_view text, const std::string& file);

}  // namespace psirt
