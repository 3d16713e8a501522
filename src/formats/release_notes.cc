// Release notes security section writer.
#include "formats/release_notes.h"

namespace psirt {

std::string EmbargoLine(const std::string& until) {
  return until.empty() ? "Under embargo" : "Under embargo until " + until;
}

std::string RenderReleaseNotesSection(const std::vector<ReleaseNoteItem>& items,
                                      const std::string& vulnerabilities_url,
                                      const std::string& tracker_label) {
  std::string s = "Security Vulnerability Related\n******************************\n";
  if (items.empty()) return s + "No security vulnerabilities are addressed by this release.\n";
  s += "The following CVEs are addressed by this release:\n\n";
  if (!vulnerabilities_url.empty())
    s += "More detailed information can be found in:\n" + vulnerabilities_url + "\n\n";
  for (const ReleaseNoteItem& i : items) {
    std::string cve = ":cve:`" + (i.cve.rfind("CVE-", 0) == 0 ? i.cve.substr(4) : i.cve) + "`";
    if (i.embargoed) {
      s += "* " + cve + ": " + EmbargoLine(i.embargo_until) + "\n";
    } else if (!i.tracker_id.empty() && !i.tracker_url.empty()) {
      s += "* " + cve + " `" + tracker_label + " " + i.tracker_id + "\n  <" + i.tracker_url + ">`_\n";
    } else {
      s += "* " + cve + "\n";
    }
  }
  return s;
}

}  // namespace psirt
