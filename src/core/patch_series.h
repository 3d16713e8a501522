// Embargoed fixes kept privately with their advisory (psirt patch): each
// series attached (its text is an attachment, so only the advisory's
// need-to-know list reads it) and, per branch, what the last check found -
// the series applies, conflicts (which hunks of which files) or is already
// there (the same patch-ids, with the commits). Plain values; the checking
// itself is git/patch_apply, the storing app/patch_service.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/time.h"

namespace psirt {

// One patch of a series.
struct PatchInfo {
  std::string subject;
  std::string author;    // "Name <address>"
  std::string patch_id;  // git patch-id --stable of its diff
  std::string commit;    // the commit it came from ("" when unknown)
  std::vector<std::string> files;  // the paths it changes
};

// A series as attached (psirt patch add).
struct PatchSeries {
  int number = 0;               // 1, 2, ... within the advisory; the newest one is checked
  std::int64_t attachment = 0;  // the mbox text, an attachment of the advisory
  std::vector<PatchInfo> patches;
  // What check results are for: the patch-ids in order (a series attached
  // again with the same patches keeps its results).
  std::string Key() const;
  // Every path the series changes, sorted, once.
  std::vector<std::string> Files() const;
};

// What the series does on a branch.
enum class PatchFit {
  kApplies,    // every patch applies (directly, or with a three-way merge)
  kConflicts,  // at least one hunk does not apply even three-way
  kPresent,    // every patch's patch-id is already on the branch
};
std::string_view PatchFitName(PatchFit f);  // applies, conflicts, present
std::optional<PatchFit> ParsePatchFit(std::string_view name);

// Hunks of one patch's file that do not apply on a branch.
struct PatchConflict {
  int patch = 0;  // 1-based position in the series
  std::string file;
  std::vector<std::string> hunks;  // their headers: "@@ -12,7 +12,9 @@ int f(void)"
};

// The last check of the current series on one branch (cached by the
// series' key and the branch tip: both the same, the result stands).
struct PatchCheckResult {
  std::string branch;
  std::string tip;         // the branch's commit when checked
  std::string series_key;  // PatchSeries::Key() of the series checked
  int series = 0;
  PatchFit fit = PatchFit::kApplies;
  bool three_way = false;  // some file applied only with a three-way merge
  std::vector<PatchConflict> conflicts;
  // Per patch, the branch's commit with its patch-id ("" when not there).
  std::vector<std::string> present;
};

// The last test run of the current series on one branch (psirt patch test).
struct PatchTestResult {
  std::string branch;
  std::string tip;
  std::string series_key;
  int series = 0;
  std::string result;  // passed, failed, timed-out, not-applied, cancelled
  int exit_code = 0;
  double seconds = 0;
  std::string output;  // the command's output, capped (its head and tail)
  // The tests ran and failed (not-applied is a check's conflict; cancelled is nobody's verdict).
  bool failed() const { return result == "failed" || result == "timed-out"; }
};

// One sentence for a person: "applies", "conflicts: 2 hunks of
// subsys/net/ip.c (patch 1)", "already there: 1a2b3c4d5e6f".
std::string DescribePatchCheck(const PatchCheckResult& r);

}  // namespace psirt
