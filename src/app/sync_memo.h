// SyncMemo: what `psirt sync` remembers of each advisory it checked - the
// few facts that decide whether its fix status must be computed again -
// keyed by the advisory's version (its number of events). An advisory whose
// version did not change since is judged from the memo, without reading
// and folding its history; any new event (a fix linked, a note, a sync)
// changes the version and the memo entry is ignored.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/advisory.h"

namespace psirt {

// The facts SyncStatusStillHolds and the final-status check read.
struct SyncMemoEntry {
  int version = 0;
  bool stale = true;             // something the status depends on changed
  bool has_last = false;         // a status was synced
  bool main_merged = false;      // ... with every fix merged on main
  bool unresolved_empty = false; // ... and none unresolved
  bool final_status = false;     // ... and final (IsFinal)
};

// Advisory id -> its entry.
using SyncMemo = std::map<std::string, SyncMemoEntry>;

// The entry of a folded advisory.
SyncMemoEntry SyncMemoOf(const Advisory& a);
// One line per advisory: "ID VERSION FLAGS".
std::string SerializeSyncMemo(const SyncMemo& memo);
// What SerializeSyncMemo wrote; a malformed line is left out (its advisory
// is then read again).
SyncMemo ParseSyncMemo(std::string_view text);

}  // namespace psirt
