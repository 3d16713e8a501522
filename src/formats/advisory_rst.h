// Advisories and the vulnerabilities page: which advisory fields an entry
// holds, both ways. Pure mapping; zephyr_rst does the text.
#pragma once

#include <nlohmann/json.hpp>

#include "core/advisory.h"
#include "core/config.h"
#include "core/event_payloads.h"
#include "formats/record_parts.h"
#include "formats/zephyr_rst.h"

namespace psirt {

// The page entry of an advisory: CVE, title, description, trackers (the GHSA
// advisory and imported tracker links), the first release with the fix on
// main (from git when synced, else as published), one link per linked PR or
// commit with its branch label, other links and notes. An advisory with a
// CVE id that is not Public (nor Rejected) gets the embargoed placeholder:
// the heading and "Under embargo until YYYY-MM-DD", nothing else.
// With `draft`, the full entry whatever the state, its title prefixed
// "DRAFT: " (RST has no draft marker).
RstEntry AdvisoryToRstEntry(const Advisory& a, const WorkspaceConfig& c, bool draft = false);

// Whether an advisory has an entry on its CVE year's page: Public ones,
// embargoed placeholders of those with a CVE id, and Rejected ones that were
// imported from a page (their entry says why).
bool OnVulnerabilityPage(const Advisory& a);

// The fields of an `imported` event for a page entry: state Public (or
// Rejected with the page's reason when the entry says it is not a
// vulnerability; no state for an embargoed placeholder, which carries only
// the embargo end), fixes with the branch and release their link names,
// and the releases and branches the fix sentence states.
Result<ev::Imported> RstEntryToImportFields(const RstEntry& e, const WorkspaceConfig& c);

// What a fix link's label names: the branch ("" when it names none) and a
// release ("v2.2.0"), if any. "main", "main (to be fixed in v2.3.0)",
// "main for v2.3", "3.6", "v2.4", "1.14.x", "v1.14.2", "the v2.1 branch",
// "branch from v2.1.0", "v2.3 (split driver)".
struct FixTarget {
  std::string branch;
  std::string release;
};
FixTarget ParseFixLabel(const ReleaseModel& m, const std::string& label);

// The releases and release branches a fix sentence states carry the fix:
// "fixed in releases v1.14.2, v2.2.0, and v2.1.1", "fixed in main for
// v2.3.", "in a branch from v2.1.0, and release v2.2.0", "in branches for
// v1.14.0, v2.2.0, and will be included in v2.3.0".
struct FixStatement {
  std::vector<std::string> releases;  // release tags ("v2.3.0")
  std::vector<std::string> branches;  // release branches ("v2.1-branch")
};
FixStatement ParseFixStatement(const ReleaseModel& m, const std::string& sentence);

// The page's reason when an entry says it is not a vulnerability ("This
// issue has been determined to be a false positive ..."), else "".
std::string NotAVulnerabilityReason(const RstEntry& e);

}  // namespace psirt
