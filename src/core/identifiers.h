// Identifiers the process uses: advisory ids, CVE, GHSA and CWE ids, commit
// SHAs, PR numbers and credit types. Validation only, no lookups.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace psirt {

// "PSIRT-2026-0001".
std::string FormatAdvisoryId(std::string_view prefix, int year, int seq);
// The year and sequence of "PREFIX-YYYY-NNNN"; nullopt for anything else.
struct AdvisoryIdParts {
  int year = 0;
  int seq = 0;
};
std::optional<AdvisoryIdParts> ParseAdvisoryId(std::string_view id);
// True when `prefix` is usable in ids: letters, digits, '-' ; 1-16 chars, starts with a letter.
bool IsValidAdvisoryPrefix(std::string_view prefix);

Status CheckCveId(std::string_view id);   // CVE-YYYY-NNNN(N...)
Status CheckGhsaId(std::string_view id);  // GHSA-xxxx-xxxx-xxxx
Status CheckCweId(std::string_view id);   // CWE-N, N > 0 without leading zeros (the CVE 5 pattern)
// A branch name git would accept (git check-ref-format --branch): no "..",
// control characters, spaces, ~ ^ : ? * [ \, "@{", leading '-' or '.',
// empty components, trailing '/', '.' or ".lock"; at most 255 bytes.
Status CheckBranchName(std::string_view name);
// Lower-cased hex SHA of 7..40 (or 64) digits.
Result<std::string> NormalizeSha(std::string_view sha);
// "123" or "#123" -> "123".
Result<std::string> NormalizePr(std::string_view pr);
// The credit type when none is given.
inline constexpr std::string_view kDefaultCreditType = "finder";
// CVE 5 credit types; accepts "remediation-developer" for "remediation developer".
Result<std::string> NormalizeCreditType(std::string_view type);

}  // namespace psirt
