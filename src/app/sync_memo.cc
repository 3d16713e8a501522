// The per-advisory memo of `psirt sync` (app/sync_memo.h).
#include "app/sync_memo.h"

#include <charconv>

#include "base/strings.h"

namespace psirt {

SyncMemoEntry SyncMemoOf(const Advisory& a) {
  SyncMemoEntry e;
  e.version = a.version;
  e.stale = a.sync_stale;
  e.has_last = a.fix_facts.has_value();
  e.main_merged = a.fix_facts && a.fix_facts->main_merged;
  e.unresolved_empty = a.fix_facts && a.fix_facts->unresolved.empty();
  e.final_status = a.fix_facts && a.fix_facts->IsFinal();
  return e;
}

std::string SerializeSyncMemo(const SyncMemo& memo) {
  std::string out;
  for (const auto& [id, e] : memo) {
    out += id + " " + std::to_string(e.version) + " ";
    out += e.stale ? 's' : '-';
    out += e.has_last ? 'h' : '-';
    out += e.main_merged ? 'm' : '-';
    out += e.unresolved_empty ? 'u' : '-';
    out += e.final_status ? 'f' : '-';
    out += '\n';
  }
  return out;
}

SyncMemo ParseSyncMemo(std::string_view text) {
  SyncMemo memo;
  for (std::string_view line : SplitViews(text, '\n')) {
    std::vector<std::string_view> parts = SplitViews(line, ' ');
    if (parts.size() != 3 || parts[0].empty() || parts[2].size() != 5) continue;
    SyncMemoEntry e;
    auto [end, ec] = std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), e.version);
    if (ec != std::errc() || end != parts[1].data() + parts[1].size() || e.version <= 0) continue;
    // Each position its own letter or '-': "shmuf".
    const std::string_view f = parts[2], letters = "shmuf";
    bool flags[5];
    bool well_formed = true;
    for (size_t i = 0; i < 5; ++i) {
      flags[i] = f[i] == letters[i];
      well_formed = well_formed && (flags[i] || f[i] == '-');
    }
    if (!well_formed) continue;
    e.stale = flags[0];
    e.has_last = flags[1];
    e.main_merged = flags[2];
    e.unresolved_empty = flags[3];
    e.final_status = flags[4];
    memo[std::string(parts[0])] = e;
  }
  return memo;
}

}  // namespace psirt
