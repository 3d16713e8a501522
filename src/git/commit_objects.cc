// Commit headers and ancestry from the object store (see commit_objects.h).
#include "git/commit_objects.h"

#include <unordered_set>

#include "git/raw_bytes.h"

namespace psirt::git {

std::optional<CommitHeader> ParseCommitHeader(std::string_view body) {
  unsigned char raw[20];
  if (body.size() < 46 || body.substr(0, 5) != "tree " || body[45] != '\n' || !HexToRaw(body.substr(5, 40), raw, 20))
    return std::nullopt;
  CommitHeader h;
  h.tree = std::string(body.substr(5, 40));
  size_t at = 46;
  while (body.substr(at, 7) == "parent ") {
    if (at + 48 > body.size() || body[at + 47] != '\n' || !HexToRaw(body.substr(at + 7, 40), raw, 20))
      return std::nullopt;
    h.parents.emplace_back(body.substr(at + 7, 40));
    at += 48;
  }
  return h;
}

std::optional<CommitHeader> ReadCommitHeader(ObjectStore& store, std::string_view sha) {
  auto obj = store.Read(sha);
  if (!obj || obj->type != "commit") return std::nullopt;
  return ParseCommitHeader(obj->body);
}

std::optional<bool> IsAncestorInStore(ObjectStore& store, const std::string& ancestor,
                                      const std::string& descendant, size_t limit) {
  if (ancestor == descendant) return true;
  // Breadth-first from the descendant: after a fetch the old tip is a few
  // commits back, so this reads only the new commits.
  std::vector<std::string> queue = {descendant};
  std::unordered_set<std::string> seen = {descendant};
  for (size_t i = 0; i < queue.size(); ++i) {
    if (i >= limit) return false;
    auto h = ReadCommitHeader(store, queue[i]);
    if (!h) return std::nullopt;
    for (std::string& p : h->parents) {
      if (p == ancestor) return true;
      if (seen.insert(p).second) queue.push_back(std::move(p));
    }
  }
  return false;
}

}  // namespace psirt::git
