// First-parent changed files from tree objects (see tree_diff.h).
#include "git/tree_diff.h"

#include <algorithm>
#include <cstring>
#include <map>

#include "git/commit_objects.h"
#include "git/raw_bytes.h"

namespace psirt::git {
namespace {

struct Entry {
  std::string_view mode;      // "100644", "40000", ...
  const unsigned char* oid;   // 20 bytes inside the tree's body
};

bool IsTree(std::string_view mode) { return mode == "40000"; }
// libgit2's GIT_MODE_TYPE: the kind (file, symlink, submodule) without
// the permission bits.
int Kind(std::string_view mode) {
  if (mode == "120000") return 2;
  if (mode == "160000") return 3;
  return 1;
}

// A tree's entries by name; false when the body is not a tree.
bool ParseTree(const std::string& body, std::map<std::string_view, Entry>& out) {
  size_t i = 0;
  while (i < body.size()) {
    size_t sp = body.find(' ', i);
    if (sp == std::string::npos) return false;
    size_t nul = body.find('\0', sp + 1);
    if (nul == std::string::npos || nul + 21 > body.size()) return false;
    std::string_view mode = std::string_view(body).substr(i, sp - i);
    std::string_view name = std::string_view(body).substr(sp + 1, nul - sp - 1);
    // git fsck's rules: a mode of octal digits, a name that is a name.
    if (mode.empty() || mode.find_first_not_of("01234567") != std::string_view::npos || name.empty() ||
        name == "." || name == ".." || name.find('/') != std::string_view::npos)
      return false;
    if (!out.emplace(name, Entry{mode, reinterpret_cast<const unsigned char*>(body.data()) + nul + 1}).second)
      return false;  // a name twice
    i = nul + 21;
  }
  return true;
}

struct Differ {
  ObjectStore& store;
  std::vector<std::string>& out;

  std::shared_ptr<const ObjectStore::Object> Tree(const unsigned char* oid) {
    auto t = store.Read(oid);
    return t && t->type == "tree" ? t : nullptr;
  }

  // Paths that differ between trees `a` and `b` (either may be null: every
  // file of the other), under `prefix`.
  bool Diff(const unsigned char* a, const unsigned char* b, const std::string& prefix) {
    std::shared_ptr<const ObjectStore::Object> ta, tb;
    std::map<std::string_view, Entry> ea, eb;
    if (a && (!(ta = Tree(a)) || !ParseTree(ta->body, ea))) return false;
    if (b && (!(tb = Tree(b)) || !ParseTree(tb->body, eb))) return false;
    auto ia = ea.begin(), ib = eb.begin();
    while (ia != ea.end() || ib != eb.end()) {
      const Entry* x = nullptr;
      const Entry* y = nullptr;
      std::string_view name;
      if (ib == eb.end() || (ia != ea.end() && ia->first < ib->first)) {
        name = ia->first, x = &(ia++)->second;
      } else if (ia == ea.end() || ib->first < ia->first) {
        name = ib->first, y = &(ib++)->second;
      } else {
        name = ia->first, x = &(ia++)->second, y = &(ib++)->second;
      }
      if (x && y && x->mode == y->mode && std::memcmp(x->oid, y->oid, 20) == 0) continue;
      std::string path = prefix + std::string(name);
      bool xt = x && IsTree(x->mode), yt = y && IsTree(y->mode);
      // Files on either side: one path (changed, added or deleted), twice
      // when its kind changed (libgit2: a deletion and an addition).
      const Entry* xf = x && !xt ? x : nullptr;
      const Entry* yf = y && !yt ? y : nullptr;
      if (xf || yf) out.push_back(path);
      if (xf && yf && Kind(xf->mode) != Kind(yf->mode)) out.push_back(path);
      if ((xt || yt) && !Diff(xt ? x->oid : nullptr, yt ? y->oid : nullptr, path + "/")) return false;
    }
    return true;
  }
};

}  // namespace

std::optional<std::vector<std::string>> FirstParentChangedFiles(ObjectStore& store, std::string_view sha) {
  auto commit = ReadCommitHeader(store, sha);
  if (!commit) return std::nullopt;
  std::vector<std::string> out;
  if (commit->parents.size() != 1) return out;  // merges and roots: none
  auto parent = ReadCommitHeader(store, commit->parents[0]);
  unsigned char tree[20], parent_tree[20];
  if (!parent || !HexToRaw(commit->tree, tree, 20) || !HexToRaw(parent->tree, parent_tree, 20)) return std::nullopt;
  Differ d{store, out};
  if (!d.Diff(parent_tree, tree, "")) return std::nullopt;
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace psirt::git
