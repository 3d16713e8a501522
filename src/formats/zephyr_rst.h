// The Zephyr project's vulnerabilities page (doc/security/vulnerabilities/
// YEAR.rst): reader and writer, pure functions over plain entries. The
// reader accepts the variations of the published pages 2017-2025 (ZEPSEC
// and GHSA trackers, "PR23460" without a space, several PRs per item,
// commit links, "This issue has not been fixed", free notes); the writer
// produces the current format, e.g.
//
//   :cve:`2024-5754`
//   ----------------
//
//   BT: Encryption procedure host vulnerability
//
//   - `Zephyr project bug tracker GHSA-gvv5-66hw-5qrc
//     <https://github.com/zephyrproject-rtos/zephyr/security/advisories/GHSA-gvv5-66hw-5qrc>`_
//
//   This has been fixed in main for v3.7.0
//
//   - `PR 7395 fix for main
//     <https://github.com/zephyrproject-rtos/zephyr/pull/7395>`_
//
// and, for a CVE still under embargo, a placeholder:
//
//   :cve:`2025-1234`
//   ----------------
//
//   Under embargo until 2026-03-01
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace psirt {

// A link on a vulnerabilities page: its text and URL.
struct RstLink {
  std::string text;  // for trackers: the tracker id (GHSA-..., ZEPSEC-12)
  std::string url;
  bool operator==(const RstLink&) const = default;
};

// A fix link: "- `PR 74124 fix for 3.6 <.../pull/74124>`_" or
// "- `commit 989c4713 fix for v2.3 <.../pull/23821/commits/989c47...>`_".
// The number or commit comes from the URL, never from the link text: the
// pages have links whose text names another PR ("PR27865 fix for v2.3.0"
// pointing at pull/27889).
struct RstFix {
  enum class Kind { kPr, kCommit };
  Kind kind = Kind::kPr;
  std::string ref;    // PR number, or the commit's full SHA
  std::string label;  // the target as the text names it: "main", "3.6", "v2.7.0",
                      // "the v2.1 branch", "main (to be fixed in v2.3.0)"
  std::string url;
  bool operator==(const RstFix&) const = default;
};

// One CVE section of a vulnerabilities page.
struct RstEntry {
  std::string cve;          // CVE-2024-5754
  std::string title;        // first paragraph, as written (may wrap; empty when the entry has none)
  std::string description;  // further paragraphs before the links, "\n\n" between them
  std::vector<RstLink> trackers;
  std::string fixed_release;    // from "This has been fixed in main for vX.Y.Z"
  std::string fixed_statement;  // any other fix sentence, verbatim
  std::vector<RstFix> fixes;
  std::vector<RstLink> links;   // other links: commits, reports
  std::string notes;            // other text after the links, verbatim
  // An embargoed placeholder: only the heading and "Under embargo until
  // YYYY-MM-DD" (the release notes' wording), never a title or description.
  bool embargoed = false;
  std::string embargo_until;    // YYYY-MM-DD, "" when the placeholder gives no date
  // As read: the published text of the entry (blank lines before the
  // heading that exceed one, the heading, through its last line + "\n").
  std::string source;
  int line = 0;
};

// A parsed vulnerabilities page: its entries and what could not be read.
struct RstPage {
  int year = 0;
  std::vector<RstEntry> entries;
};

// Reads a whole year page. Errors name the file, line and what was expected;
// a page cut short (an unterminated link, a heading without its entry) is
// an error, never a shorter advisory.
Result<RstPage> ParseVulnerabilityPage(std::string_view text, const std::string& file);

// The entry in the current format, ending with "\n" (no trailing blank line);
// a placeholder when `e.embargoed`.
// `tracker_label` is the link text before the tracker id.
std::string RenderRstEntry(const RstEntry& e,
                           const std::string& tracker_label = "Zephyr project bug tracker");

// A fingerprint of the entry's fields (not its source text).
std::string RstFingerprint(const RstEntry& e);

// One entry of a page: the published text when it is given and still
// describes the same fields, otherwise the rendered entry.
struct RstPageEntry {
  RstEntry entry;
  std::string published_text;
  std::string published_fingerprint;
};

// A whole year page: the header, then the entries separated by blank lines.
std::string RenderVulnerabilityPage(int year, const std::vector<RstPageEntry>& entries,
                                    const std::string& tracker_label = "Zephyr project bug tracker");

}  // namespace psirt
