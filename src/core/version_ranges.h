// Version arithmetic for matching a module's version against a record:
// an ordering of version strings as C projects write them ("v2.28.1",
// "mbedtls-3.6.0", "1.0.0-rc1"), OSV's SEMVER/ECOSYSTEM range rule and
// CVE 5's version-status algorithm (the schema's "versions" description:
// defaultStatus, then single versions, ranges with lessThan or
// lessThanOrEqual, and changes within a range). Pure.
#pragma once

#include <string>
#include <string_view>

#include "core/vuln_record.h"

namespace psirt {

// <0, 0 or >0 as `a` orders before, equal to or after `b`. A leading word
// ("v", "mbedtls-", "release_") is ignored; numbers compare as numbers,
// words as text; a version that ends where the other goes on with a word
// ("1.0" vs "1.0rc1", "1.0.0" vs "1.0.0-beta") is the later one (a
// pre-release comes before its release), otherwise the shorter is earlier.
int CompareVersions(std::string_view a, std::string_view b);

// Whether `version` lies in an OSV range of type SEMVER or ECOSYSTEM:
// events in version order, introduced starts ("0": from the beginning),
// fixed ends before itself, last_affected ends after itself; limit is a
// GIT-only event and ignored.
bool InOsvVersionRange(const VulnRange& r, std::string_view version);

// Whether an OSV `affected` entry names `version` (its versions list or a
// SEMVER/ECOSYSTEM range).
bool OsvAffectsVersion(const VulnAffected& a, std::string_view version);

// A hexadecimal object name of 7 to 64 digits.
bool LooksLikeCommit(std::string_view s);

// A CVE 5 versions entry of versionType "git" whose ends are commits
// ("0" or a SHA to a SHA): a GIT range, evaluated on a clone. Entries typed
// "git" that carry release numbers (Zephyr's "0" to "3.4") are versions.
bool IsGitCommitEntry(const VersionEntry& e);

// CVE 5: the status ("affected", "unaffected", "unknown") of `version`
// under an affected entry's versions and defaultStatus. Entries between
// commits (IsGitCommitEntry: handled as GIT ranges) are skipped.
std::string Cve5VersionStatus(const VulnAffected& a, std::string_view version);

}  // namespace psirt
