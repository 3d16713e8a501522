// JSON of CVSS results for `psirt cvss --json` (one compact object per line,
// written without a DOM so batch mode stays fast). Pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/cvss/cvss.h"

namespace psirt {

// Appends one JSON object (no newline) describing `s` to `out`.
void AppendCvssJson(std::string_view vector, const CvssScore& s, std::string& out);
// Appends {"vector": ..., "error": ...} to `out`.
void AppendCvssErrorJson(std::string_view vector, std::string_view error, std::string& out);
// One human-readable line.
std::string CvssText(std::string_view vector, const CvssScore& s);

}  // namespace psirt
