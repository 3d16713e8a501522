// Objects read straight from a repository's object store - loose objects
// and pack files (gitformat-pack(5): .idx version 2, whole and deltified
// entries, OFS_DELTA and REF_DELTA) - with zlib, and a bounded cache of the
// objects delta chains resolve through.
//
// Why not libgit2: libgit2 1.5 caches no delta base over 1 KiB, so every
// tree it reads re-inflates its delta chain, and its tree-to-tree diff
// reads every subtree of a directory that changed, equal or not: listing
// the files one commit changes cost 0.7 ms on the benchmark repository
// (100 directories under src/), git's own `diff-tree` a tenth of that. This
// reader caches bases as git does, and tree_diff.h reads only the subtrees
// that differ.
// Anything this reader does not handle (an index version other than 2, a
// multi-pack index only, alternates, corrupt data) is nullopt: the caller
// asks libgit2 instead.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace psirt::git {

// One repository's object store, read without libgit2.
class ObjectStore {
 public:
  // Opens the store at `objects_dir` (pack indexes are mapped lazily, on
  // the first read). `cache_bytes` bounds the resolved objects kept.
  explicit ObjectStore(std::string objects_dir, size_t cache_bytes = size_t{64} << 20);
  ~ObjectStore();
  ObjectStore(const ObjectStore&) = delete;
  ObjectStore& operator=(const ObjectStore&) = delete;

  // An object: its type and its whole body.
  struct Object {
    std::string type;  // commit, tree, blob, tag
    std::string body;
  };
  // The object with raw id `oid` (20 bytes) or hex id `sha`; nullopt when
  // absent or not readable here (see above).
  std::shared_ptr<const Object> Read(const unsigned char* oid);
  std::shared_ptr<const Object> Read(std::string_view sha);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace psirt::git
