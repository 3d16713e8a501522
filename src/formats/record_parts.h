// The parts every published format shares, so no writer keeps its own
// copy: the web pages of an advisory (GHSA), a pull request, a commit and a
// fix; the label the vulnerabilities page puts before tracker ids; and the
// CVSS metric object (CVE 5 and CSAF use the same FIRST shapes). Pure.
#pragma once

#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/advisory.h"
#include "core/config.h"

namespace psirt {

// The tracker label the page uses ("Zephyr project bug tracker").
std::string TrackerLabel(const WorkspaceConfig& c);

// The web page of a GHSA advisory, a PR, a commit (empty when unknown).
std::string GhsaUrl(const WorkspaceConfig& c, const std::string& ghsa, const std::string& id);
std::string PrUrl(const WorkspaceConfig& c, const std::string& pr);
std::string CommitUrl(const WorkspaceConfig& c, const std::string& sha);
// A fix's web page: its own URL (imported) or the PR's or commit's.
std::string FixUrl(const WorkspaceConfig& c, const Fix& f);

// The CVSS object of a record's metrics for `vector` under its key
// ("cvssV3_1", ...), or ("", null) when the vector does not score.
std::pair<std::string, nlohmann::json> CvssMetric(const std::string& vector);

}  // namespace psirt
