// Per-version scoring entry points behind ScoreCvss. Internal.
#pragma once

#include <string_view>

#include "core/cvss/cvss.h"
#include "core/cvss/cvss_parse.h"

namespace psirt::cvss_internal {

Status ScoreV2(std::string_view body, size_t offset, CvssScore& out);
Status ScoreV3(std::string_view body, size_t offset, bool v31, CvssScore& out);
Status ScoreV4(std::string_view body, size_t offset, CvssScore& out);

}  // namespace psirt::cvss_internal
