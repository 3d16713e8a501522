// libFuzzer target: the serialized commit-graph cache read back from a
// database. Any bytes are accepted or refused, never a crash; an accepted
// graph has parents before children, finds every id, and serializes back
// to the same bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/commit_graph.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto g = psirt::CommitGraph::Deserialize(bytes);
  if (!g.ok()) return 0;
  for (psirt::CommitGraph::Node n = 0; n < g->size(); ++n) {
    for (psirt::CommitGraph::Node p : g->parents(n))
      if (p >= n) __builtin_trap();
    if (g->Find(g->id_view(n)) != n) __builtin_trap();
  }
  if (g->Serialize() != bytes) __builtin_trap();
  return 0;
}
