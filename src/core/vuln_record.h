// A vulnerability record from a database (OSV, or CVE 5 mapped onto the
// same shape): what it affects - packages by ecosystem, name, PURL or CPE,
// with version ranges and explicit versions - and GIT ranges by repository.
// Plain values; formats/osv_record reads them, core/git_ranges and the
// scanner evaluate them.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace psirt {

// One event of a range, as OSV orders them.
struct RangeEvent {
  enum class Kind { kIntroduced, kFixed, kLastAffected, kLimit };
  Kind kind = Kind::kIntroduced;
  std::string value;  // a version, a commit SHA, or "0" (introduced only)
};

// A range: its type ("GIT", "SEMVER", "ECOSYSTEM"), repository (GIT) and events.
struct VulnRange {
  std::string type;
  std::string repo;
  std::vector<RangeEvent> events;
  // The values of one kind of event, in record order.
  std::vector<std::string> Values(RangeEvent::Kind kind) const;
};

// One entry of a CVE 5 `versions` list: a single version, or a range from
// `version` up to `less_than` / `less_than_or_equal` ("*" unbounded, "2.1.*"
// the whole 2.1 series), whose status `changes` at given versions.
struct VersionEntry {
  std::string version, status, version_type, less_than, less_than_or_equal;
  std::vector<std::pair<std::string, std::string>> changes;  // {at, status}
};

// What a record affects: one package and its ranges and versions. OSV
// records fill ecosystem/name/purl, ranges and versions; CVE 5 records
// vendor/product/repo, cpes, default_status and version_entries (their
// git-typed entries between two commits become GIT ranges).
struct VulnAffected {
  std::string ecosystem, name, purl;
  std::string vendor, product, repo;
  std::vector<std::string> cpes;  // CVE 5's cpes, when the record came from there
  std::vector<VulnRange> ranges;
  std::vector<std::string> versions;
  std::string default_status;  // CVE 5 ("" when absent: "unknown")
  std::vector<VersionEntry> version_entries;
};

// A record: id, dates, text and what it affects.
struct VulnRecord {
  std::string id;
  std::string modified, published, withdrawn;  // RFC 3339 as written ("" when absent)
  std::string summary, details;
  std::vector<std::string> aliases;
  std::vector<VulnAffected> affected;
};

// A repository URL reduced to what identifies the repository: no scheme,
// user or trailing ".git" or "/", host lower-cased, and on GitHub, GitLab and
// Bitbucket the owner/name lower-cased too (those hosts ignore their case).
// "git@github.com:Owner/Repo.git" and "https://github.com/owner/repo" match.
std::string NormalizeRepoUrl(const std::string& url);

}  // namespace psirt
