// Annotated tags peeled by reading their objects straight from the object
// store (git/object_store.h). A clone whose tags were
// fetched after its last `git gc` has loose tag refs that packed-refs does
// not peel; starting libgit2 to peel them costs more than the whole
// one-commit containment walk. Anything the object store cannot read is
// nullopt: the caller asks libgit2 instead.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "git/object_store.h"

namespace psirt::git {

// Annotated tag objects read once and peeled to their commits.
class TagObjects {
 public:
  // Opens the object store at `objects_dir` (pack indexes are mapped
  // lazily, on the first lookup).
  explicit TagObjects(std::string objects_dir) : store_(std::move(objects_dir), size_t{1} << 20) {}
  TagObjects(const TagObjects&) = delete;
  TagObjects& operator=(const TagObjects&) = delete;

  // What the tag object `sha` points at ("object" header, full hex id);
  // nullopt when `sha` is not a tag object this reader can read.
  std::optional<std::string> Target(const std::string& sha);

  // The object type and the start of the body of `sha` (at most `limit`
  // bytes of it), for tests and the walk above; nullopt as for Target.
  struct Object {
    std::string type;  // commit, tree, blob, tag
    std::string body;
  };
  std::optional<Object> Read(const std::string& sha, size_t limit = 256);

 private:
  ObjectStore store_;
};

}  // namespace psirt::git
