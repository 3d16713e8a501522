// VEX decisions: a team's statement that a module is (or is not) affected
// by a vulnerability, with OpenVEX's statuses and justifications, who made
// it and when. Pure rules: which statuses and justifications exist, what a
// well-formed decision needs, and which decision applies to a finding.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"

namespace psirt {

struct VexDecision {
  std::string module;         // the west project's name
  std::string vulnerability;  // a CVE, GHSA or OSV id
  std::string status;         // not_affected, affected, fixed, under_investigation
  std::string justification;  // for not_affected (OpenVEX's list)
  std::string note;           // status notes / impact statement
  std::string author;
  std::string time;           // RFC 3339
};

// OpenVEX's justifications for not_affected.
const std::vector<std::string>& VexJustifications();

// An error naming the field when `d` is not a decision OpenVEX allows
// (unknown status or justification, not_affected without justification or
// note, an empty module or vulnerability).
Status CheckVexDecision(const VexDecision& d);

// Whether the status suppresses a finding (not_affected, fixed).
// CycloneDX 1.6 analysis.state for an OpenVEX status (not_affected,
// exploitable, resolved, in_triage), and analysis.justification for an
// OpenVEX justification ("" when CycloneDX has no counterpart).
std::string CycloneDxVexState(const std::string& status);
std::string CycloneDxVexJustification(const std::string& justification);
// CSAF 2.0 product_status key for an OpenVEX status (known_not_affected,
// known_affected, fixed, under_investigation).
std::string CsafProductStatus(const std::string& status);

inline bool VexSuppresses(const std::string& status) { return status == "not_affected" || status == "fixed"; }

// The latest decision for `module` naming `vuln` or one of its aliases.
std::optional<VexDecision> FindVexDecision(const std::vector<VexDecision>& decisions, const std::string& module,
                                           const std::string& vuln, const std::vector<std::string>& aliases);

}  // namespace psirt
