// CSAF 2.0 security advisories (csaf_security_advisory profile): the
// product tree of the project's release series and releases, product status
// (known_affected, known_not_affected, fixed, first_fixed), remediations,
// CVSS scores, references and tracking with a revision history from the
// advisory's events. Pure.
#pragma once

#include <span>

#include <nlohmann/json.hpp>

#include "base/time.h"
#include "core/advisory.h"
#include "core/config.h"
#include "core/event.h"

namespace psirt {

nlohmann::json AdvisoryToCsaf(const Advisory& a, std::span<const Event> history,
                              const WorkspaceConfig& c, Timestamp now);

}  // namespace psirt
