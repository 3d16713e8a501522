// libFuzzer target: ParseCommitGraphLayer accepts or rejects any bytes; an
// accepted file yields parent positions within range, and building the
// graph from it either succeeds with parents before children or reports a
// cycle. The mapped index (CommitGraphIndex) over the same bytes never
// reads out of range: ids round-trip, parents are in range or refused, and
// the reachability walk answers or reports corruption.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "git/commit_graph_file.h"

namespace {

void FuzzIndex(std::string_view bytes) {
  auto index = psirt::git::CommitGraphIndex::FromBytes(bytes);
  if (!index.ok()) return;
  const uint32_t n = index->size();
  std::vector<uint32_t> parents, tips;
  for (uint32_t pos = 0; pos < n && pos < 4096; ++pos) {
    (void)index->Level(pos);
    parents.clear();
    if (index->Parents(pos, parents))
      for (uint32_t p : parents)
        if (p >= n) __builtin_trap();
    (void)index->FindHex(index->Hex(pos));  // unsorted ids may not be found; never a crash
    if (pos % 7 == 0) tips.push_back(pos);
  }
  if (n > 0) (void)psirt::TipsReaching(*index, n / 2, tips);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  FuzzIndex(bytes);
  psirt::git::CommitGraphFileData d;
  if (!psirt::git::ParseCommitGraphLayer(bytes, "fuzz", d).ok()) return 0;
  for (uint32_t p : d.parents)
    if (p >= d.count()) __builtin_trap();
  psirt::CommitGraph g;
  if (!psirt::git::AddCommitGraphFileData(d, g).ok()) return 0;
  for (psirt::CommitGraph::Node n = 0; n < g.size(); ++n)
    for (psirt::CommitGraph::Node p : g.parents(n))
      if (p >= n) __builtin_trap();
  return 0;
}
