// RAII ownership of libgit2 objects and library initialisation. Adapter
// internals only: nothing outside src/git/ includes libgit2.
#pragma once

#include <git2.h>

#include <memory>
#include <string>

#include "base/status.h"

namespace psirt::git {

// Calls git_libgit2_init once per process.
void EnsureLibgit2();

// The last libgit2 error as a Status.
Status LastError(const std::string& what);

template <typename T, void (*Free)(T*)>
// Frees a libgit2 object with its free function.
struct Deleter {
  void operator()(T* p) const {
    if (p) Free(p);
  }
};
// Owning pointers to libgit2 objects.
using RepoPtr = std::unique_ptr<git_repository, Deleter<git_repository, git_repository_free>>;
using IndexPtr = std::unique_ptr<git_index, Deleter<git_index, git_index_free>>;
using TreePtr = std::unique_ptr<git_tree, Deleter<git_tree, git_tree_free>>;
using CommitPtr = std::unique_ptr<git_commit, Deleter<git_commit, git_commit_free>>;
using SignaturePtr = std::unique_ptr<git_signature, Deleter<git_signature, git_signature_free>>;
using ConfigPtr = std::unique_ptr<git_config, Deleter<git_config, git_config_free>>;
using ReferencePtr = std::unique_ptr<git_reference, Deleter<git_reference, git_reference_free>>;
using DiffPtr = std::unique_ptr<git_diff, Deleter<git_diff, git_diff_free>>;

std::string OidHex(const git_oid& oid);

}  // namespace psirt::git
