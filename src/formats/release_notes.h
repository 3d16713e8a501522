// The "Security Vulnerability Related" section of a release's notes, in the
// Zephyr release-notes format: every CVE the release addresses, embargoed
// ones as "Under embargo until YYYY-MM-DD". Pure.
#pragma once

#include <string>
#include <vector>

namespace psirt {

struct ReleaseNoteItem {
  std::string cve;             // CVE-2024-3077
  std::string embargo_until;   // YYYY-MM-DD while under embargo, else ""
  std::string tracker_id;      // GHSA-... when published
  std::string tracker_url;
};

std::string RenderReleaseNotesSection(const std::vector<ReleaseNoteItem>& items,
                                      const std::string& vulnerabilities_url,
                                      const std::string& tracker_label);

}  // namespace psirt
