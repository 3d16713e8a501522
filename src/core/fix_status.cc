// Per-branch fix status rules.
#include "core/fix_status.h"

namespace psirt {

std::string_view BranchStatusName(BranchStatus s) {
  switch (s) {
    case BranchStatus::kFixed: return "fixed";
    case BranchStatus::kMerged: return "merged";
    case BranchStatus::kMissing: return "missing";
    case BranchStatus::kNotAffected: return "not-affected";
    case BranchStatus::kNotRequired: return "not-required";
  }
  return "?";
}

BranchStatus DecideBranchStatus(const BranchFacts& f) {
  if (!f.commits.empty()) return f.release ? BranchStatus::kFixed : BranchStatus::kMerged;
  if (!f.affected) return BranchStatus::kNotAffected;
  return f.required ? BranchStatus::kMissing : BranchStatus::kNotRequired;
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

}  // namespace psirt
