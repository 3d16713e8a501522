// VulnRecord as psirt stores it in its vulnerability database: a compact
// JSON of the model itself (not OSV, which cannot carry CVE 5's version
// statuses), read back without schema checks since psirt wrote it. Pure.
#pragma once

#include <string>

#include "base/status.h"
#include "core/vuln_record.h"

namespace psirt {

std::string VulnRecordToJson(const VulnRecord& r);
Result<VulnRecord> VulnRecordFromJson(const std::string& text);

}  // namespace psirt
