// CSAF 2.0 security advisories (csaf_security_advisory profile): the
// product tree of the project's release series and releases, product status
// (known_affected, known_not_affected, fixed, first_fixed), remediations,
// CVSS scores, references and tracking with a revision history from the
// advisory's events. Pure.
#pragma once

#include <optional>
#include <span>

#include <nlohmann/json.hpp>

#include "base/time.h"
#include "core/advisory.h"
#include "core/config.h"
#include "core/event.h"

namespace psirt {

// The advisory. tracking.status is "final" only for a published advisory
// exported without `draft`; initial_release_date is the publication (the
// move to Public, or the date a published document gives), never the time
// of an import; a draft without any gets `now`. With no version facts the
// product is "under_investigation", never known_affected.
nlohmann::json AdvisoryToCsaf(const Advisory& a, std::span<const Event> history,
                              const WorkspaceConfig& c, Timestamp now, bool draft = false);

// When the advisory was published, as its history and documents say:
// the move to Public, else the publication date an imported document gave.
std::optional<Timestamp> PublicationTime(const Advisory& a, std::span<const Event> history);

}  // namespace psirt
