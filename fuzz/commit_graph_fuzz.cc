// libFuzzer target: ParseCommitGraphLayer accepts or rejects any bytes; an
// accepted file yields parent positions within range, and building the
// graph from it either succeeds with parents before children or reports a
// cycle.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "git/commit_graph_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
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
