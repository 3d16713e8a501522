// The "Security Vulnerability Related" section of a release's notes, in the
// Zephyr release-notes format: every CVE the release addresses, embargoed
// ones as "Under embargo until YYYY-MM-DD". Pure.
#pragma once

#include <string>
#include <vector>

namespace psirt {

// One security line of a release's notes.
struct ReleaseNoteItem {
  std::string cve;             // CVE-2024-3077
  bool embargoed = false;      // not public yet: the line says only that
  std::string embargo_until;   // YYYY-MM-DD while under embargo ("" when unknown)
  std::string tracker_id;      // GHSA-... when published
  std::string tracker_url;
};

// "Under embargo until YYYY-MM-DD" (the release notes' wording; the year
// page's placeholders use it too), or "Under embargo" when the end is unknown.
std::string EmbargoLine(const std::string& until);

std::string RenderReleaseNotesSection(const std::vector<ReleaseNoteItem>& items,
                                      const std::string& vulnerabilities_url,
                                      const std::string& tracker_label);

}  // namespace psirt
