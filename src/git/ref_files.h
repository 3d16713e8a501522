// A repository's refs read straight from its files - packed-refs (with the
// peeled commits `git pack-refs` records) and loose refs - as
// gitrepository-layout(5) describes them. libgit2 reads them too, but its
// global initialisation (TLS certificates) and ref cache cost more than a
// whole one-commit `git contains`; this reader serves that fast path only.
// Anything it does not understand (a reftable, a shallow clone, a
// malformed file) makes it step aside: the caller then uses libgit2.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace psirt::git {

// A repository's git directories (the worktree's and the common one).
struct GitDirs {
  std::string git_dir;     // .git, the bare repository, or a worktree's
  std::string common_dir;  // where refs and objects are shared
};

// The git directories of a work tree or bare repository at `dir`; nullopt
// when `dir` is not one, or is one this reader leaves to libgit2.
std::optional<GitDirs> FindGitDirs(const std::string& dir);

// A ref read from files: name and target.
struct RefFile {
  std::string name;    // refs/tags/v1.0.0
  std::string target;  // the id it names (for an annotated tag: the tag object)
  std::string peeled;  // the commit packed-refs says it peels to, or ""
};

// The refs whose names start with one of `prefixes` ("refs/tags/", ...),
// loose refs overriding packed ones, symbolic refs left out, sorted by name.
// nullopt when a file is malformed (the caller asks libgit2).
std::optional<std::vector<RefFile>> ReadRefFiles(const GitDirs& dirs, std::span<const std::string> prefixes);

// Calls `visit(name, target)` for each ref ReadRefFiles would return, in
// no particular order and without copying them (for digests of thousands
// of refs); symbolic refs left out. false when a file is malformed.
bool VisitRefFiles(const GitDirs& dirs, std::span<const std::string> prefixes,
                   const std::function<void(std::string_view name, std::string_view target)>& visit);

}  // namespace psirt::git
