// The keys the vulnerability database finds a record by, and the keys a
// module is looked up with: normalised repository URLs, package URLs
// without version, CPE part:vendor:product, the commits of GIT ranges, and
// aliases. Pure.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/vuln_record.h"

namespace psirt {

// {kind, key} pairs, each once: "repo", "purl", "cpe", "commit", "alias".
std::vector<std::pair<std::string, std::string>> VulnIndexKeys(const VulnRecord& r);

// The key of a package URL ("" when it does not parse) and of a CPE 2.3 name.
std::string PurlKey(const std::string& purl);
std::string CpeKey(const std::string& cpe);

}  // namespace psirt
