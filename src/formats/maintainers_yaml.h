// MAINTAINERS.yml reader: Zephyr's ownership file into OwnerArea values,
// with the checks of get_maintainer.py, each reported with file and line.
// Pure: text in, values or errors out.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "core/owners.h"

namespace psirt {

// Parses the file. Structural problems (not YAML, an area that is not a
// mapping, a key that is not allowed, a list that is not a list of strings,
// a bad status) stop with "file:line: ...".
Result<std::vector<OwnerArea>> ParseMaintainersYaml(std::string_view text,
                                                    const std::string& filename);

// Every problem get_maintainer.py's checker reports, as "file:line: ..."
// lines: everything ParseMaintainersYaml refuses, maintained areas without
// maintainers, regexes that do not compile. (An area without files or
// files-regex is allowed: it matches nothing.) (Globs that match no tracked file are checked by the service,
// which has the repository.)
std::vector<Status> CheckMaintainersYaml(std::string_view text, const std::string& filename);

}  // namespace psirt
