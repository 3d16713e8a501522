// Per-branch fix status rules.
#include "core/fix_status.h"

namespace psirt {

std::string_view BranchStatusName(BranchStatus s) {
  switch (s) {
    case BranchStatus::kFixed: return "fixed";
    case BranchStatus::kMerged: return "merged";
    case BranchStatus::kMissing: return "missing";
    case BranchStatus::kProbable: return "probable";
    case BranchStatus::kNotAffected: return "not-affected";
    case BranchStatus::kNotRequired: return "not-required";
  }
  return "?";
}

BranchStatus DecideBranchStatus(const BranchFacts& f) {
  if (!f.commits.empty()) return f.release ? BranchStatus::kFixed : BranchStatus::kMerged;
  if (!f.affected) return BranchStatus::kNotAffected;
  if (!f.required) return BranchStatus::kNotRequired;
  return f.probable ? BranchStatus::kProbable : BranchStatus::kMissing;
}

bool SyncStatusStillHolds(bool stale, bool has_last_status, bool last_main_merged,
                          bool last_unresolved_empty, RefChange change) {
  if (stale || !has_last_status) return false;
  switch (change) {
    case RefChange::kNone:
      return true;
    case RefChange::kMainFastForward:
      return last_main_merged && last_unresolved_empty;
    case RefChange::kOther:
      return false;
  }
  return false;
}

bool FixStatusIsFinal(bool main_merged, bool main_released, bool unresolved_empty,
                      std::span<const BranchStatus> branches) {
  if (!main_merged || !main_released || !unresolved_empty) return false;
  for (BranchStatus b : branches)
    if (b != BranchStatus::kFixed && b != BranchStatus::kNotAffected && b != BranchStatus::kNotRequired) return false;
  return true;
}

}  // namespace psirt
