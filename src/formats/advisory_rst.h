// Advisories and the vulnerabilities page: which advisory fields an entry
// holds, both ways. Pure mapping; zephyr_rst does the text.
#pragma once

#include <nlohmann/json.hpp>

#include "core/advisory.h"
#include "core/config.h"
#include "formats/zephyr_rst.h"

namespace psirt {

// The page entry of an advisory: CVE, title, description, trackers (the GHSA
// advisory and imported tracker links), the first release with the fix on
// main (from git when synced, else as published), one PR link per linked PR
// with its branch label, other links and notes.
RstEntry AdvisoryToRstEntry(const Advisory& a, const WorkspaceConfig& c);

// The fields of an `imported` event for a page entry (state Public).
nlohmann::json RstEntryToImportFields(const RstEntry& e, const WorkspaceConfig& c);

// The tracker label the page uses ("Zephyr project bug tracker").
std::string TrackerLabel(const WorkspaceConfig& c);

// The web page of a GHSA advisory, a PR, a commit (empty when unknown).
std::string GhsaUrl(const WorkspaceConfig& c, const std::string& ghsa, const std::string& id);
std::string PrUrl(const WorkspaceConfig& c, const std::string& pr);
std::string CommitUrl(const WorkspaceConfig& c, const std::string& sha);
// A fix's web page: its own URL (imported) or the PR's or commit's.
std::string FixUrl(const WorkspaceConfig& c, const Fix& f);

}  // namespace psirt
