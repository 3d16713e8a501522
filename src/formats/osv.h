// OSV records (ossf/osv-schema 1.6): the advisory with GIT ranges
// (introduced, then every fix commit, backports included), the affected
// release tags in `versions`, aliases (CVE, GHSA), severity, references and
// credits. Pure.
#pragma once

#include <span>
#include <string>

#include <nlohmann/json.hpp>

#include "base/time.h"
#include "core/advisory.h"
#include "core/config.h"

namespace psirt {

// The record's id: the advisory id, prefixed "x_" unless its prefix is a
// database registered with OSV (the schema allows only those, or "x_").
std::string OsvId(const std::string& advisory_id);

// The record. `modified` is the advisory's last change. Without git facts,
// only SEMVER ranges of series whose fixing release a page states; with
// nothing known, no ranges at all (never "everything affected"). A draft's
// summary starts with "DRAFT: " and database_specific.draft is true (OSV
// has no draft marker of its own). No RST markup in summary or details.
nlohmann::json AdvisoryToOsv(const Advisory& a, const WorkspaceConfig& c,
                             std::span<const std::string> affected_tags, Timestamp modified,
                             bool draft = false);

}  // namespace psirt
