// Reading CVE 5 records (CVE JSON 5.x, as cvelistV5 publishes them) into
// VulnRecord for the vulnerability database: the CNA's and ADPs'
// `affected` entries with vendor, product, repo, package name, CPEs,
// defaultStatus and versions; version entries between two commits
// (versionType "git") become GIT ranges on `repo`, as the Linux CNA writes
// its records. Checked against the CVE 5.1.1 schema first; errors name the
// file and the JSON path. Pure.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "core/vuln_record.h"

namespace psirt {

Result<VulnRecord> Cve5JsonToRecord(const nlohmann::json& j, const std::string& file);

}  // namespace psirt
