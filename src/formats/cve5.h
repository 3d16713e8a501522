// CVE JSON 5.1 records: writer (a published record with the CNA container
// psirt knows: title, description, CWE, CVSS, credits, references,
// timeline, and backport-aware `affected` entries - git commit ranges plus
// release series ranges, as the Linux kernel CNA publishes) and reader
// (the fields an advisory takes from a record). Pure.
#pragma once

#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/event_payloads.h"

#include "base/status.h"
#include "core/advisory.h"
#include "core/affected.h"
#include "core/config.h"
#include "core/event.h"

namespace psirt {

// What a CVE record needs that the advisory or the configuration lacks.
std::vector<std::string> Cve5Missing(const Advisory& a, const WorkspaceConfig& c);

// Whether the CVE was assigned by another CNA (a module's, like Mbed TLS):
// its record is that CNA's to publish, never this project's.
bool AssignedByOtherCna(const Advisory& a, const WorkspaceConfig& c);

// The record. Identifiers the configuration or advisory lacks (drafts) get
// placeholders, so the record is still schema-valid. A draft's title starts
// with "DRAFT: " (CVE 5 has no draft state of its own). Versions say only
// what is known: `defaultStatus` is "unknown" unless git facts show the fix
// released on the main line. Titles and descriptions carry no RST markup.
// The timeline uses the advisory's dates (reported, accepted, published),
// never the time of an import.
// `releases`: every release tag with its status from git (when the
// advisory's facts come from git and the clone is at hand); the semver
// ranges are then exactly those statuses (core VersionRuns).
nlohmann::json AdvisoryToCve5(const Advisory& a, std::span<const Event> history,
                              const WorkspaceConfig& c, bool draft = false,
                              std::span<const TagStatus> releases = {});

// The `imported` event for a record (format cve5, its file name) (the CNA container's
// title, description, CWEs, CVSS, credits, references, publication date and
// state). Errors name the file and the JSON path.
// `warnings` (if given) receives what was taken differently from how the
// record says it (a base score that disagrees with its vector: the
// vector's score is kept).
Result<ev::Imported> Cve5ToImportFields(const nlohmann::json& record, const std::string& file,
                                          std::vector<std::string>* warnings = nullptr);

}  // namespace psirt
