// RepoReader: read-only access to a project's clone for the git engine:
// refs (tags peeled to commits, local and remote branches, PR refs), the
// commit graph in topological order, commit messages and patch-ids. It
// refuses shallow clones (history would be missing) rather than guess.
#pragma once

#include <functional>
#include <optional>
#include <string_view>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "git/object_store.h"
#include "core/commit_graph.h"
#include "git/libgit2_handle.h"

namespace psirt::git {

// A ref with its peeled commit.
struct RefInfo {
  enum class Kind { kTag, kBranch, kRemoteBranch, kPull, kOther };
  std::string name;        // full ref name, e.g. refs/tags/v3.7.0
  std::string short_name;  // v3.7.0, v3.7-branch, origin/main, 42 (PR number)
  std::string commit;      // peeled target commit
  Kind kind = Kind::kOther;
};

// A ref's kind and short name from its full name alone: tags, branches,
// remote branches and the PR heads `pr_pattern` names ("refs/pull/{pr}/head",
// "{pr}" standing for the number), anything else kOther. nullopt for refs
// left out altogether: a remote's HEAD, and PR-pattern refs whose number is
// not a number. One rule for RepoReader::Refs and sync's change detection.
struct RefClass {
  RefInfo::Kind kind;
  std::string short_name;
};
std::optional<RefClass> ClassifyRef(std::string_view name, std::string_view pr_pattern);

// Reads commits, refs, trees and patch-ids from a repository (libgit2).
class RepoReader {
 public:
  // Opens `dir` (a work tree or bare repository). Errors: not a repository,
  // shallow clone.
  static Result<RepoReader> Open(const std::string& dir);

  // Full SHA of a commit given as a full or abbreviated SHA (or any
  // revision). Errors name the input: unknown, ambiguous, not a commit.
  Result<std::string> ResolveCommit(const std::string& rev) const;

  // The commit an object id names after peeling tags (an annotated tag's
  // target). Errors: unknown id, or a tag of a tree or blob.
  Result<std::string> PeelToCommit(const std::string& sha) const;

  // Every ref pointing (after peeling) at a commit. `pr_pattern` says where
  // PR heads are, "{pr}" standing for the number (refs/pull/{pr}/head).
  Result<std::vector<RefInfo>> Refs(const std::string& pr_pattern = "refs/pull/{pr}/head") const;

  // Where LoadGraph's commits came from.
  struct GraphSource {
    size_t from_commit_graph = 0;  // read from git's commit-graph file
    size_t walked = 0;             // read object by object
  };
  // Completes `graph` (parents before children) with every commit reachable
  // from `tips`. `graph` must be closed under parents (empty, or what an
  // earlier load produced). An empty graph is first filled from git's
  // commit-graph file when the repository has one (`git commit-graph write`,
  // or `git gc` by default); commits it lacks are read from the objects.
  // `progress`, when set, is told the number of commits read from the
  // objects every few thousand commits (a first run on a big repository).
  Status LoadGraph(CommitGraph& graph, std::span<const std::string> tips,
                   GraphSource* source = nullptr,
                   const std::function<void(size_t)>& progress = nullptr) const;

  // Whether `descendant` has `ancestor` in its history (or is it), reading
  // at most `limit` commits back from `descendant`; false when not found
  // within them (so false means "not shown", which callers treat as "no").
  Result<bool> IsAncestor(const std::string& ancestor, const std::string& descendant,
                          size_t limit = 100000) const;

  // Whether git's commit-graph file (or chain) is present.
  bool HasCommitGraphFile() const;

  Result<std::string> Message(const std::string& sha) const;
  // `git patch-id --stable` of a commit's diff against its first parent;
  // nullopt for merges and root commits.
  Result<std::optional<std::string>> PatchId(const std::string& sha) const;

  // What a commit changes against its first parent, for similarity: each
  // added or removed line as "+text" / "-text" (whitespace at the ends
  // trimmed, blank lines left out). Empty for merges and root commits.
  Result<std::vector<std::string>> ChangedLines(const std::string& sha) const;
  // The paths a commit changes against its first parent, sorted (a tree
  // comparison only, no file contents: cheap). Empty for merges and roots.
  // Read through git/tree_diff.h's object store, libgit2 where it cannot.
  Result<std::vector<std::string>> ChangedFiles(const std::string& sha) const;
  // The nearest tag whose commit is in `sha`'s history (`git describe
  // --tags --abbrev=0`); nullopt when no tag reaches it.
  Result<std::optional<std::string>> NearestTag(const std::string& sha) const;
  // The nearest tag matching glob `pattern` (all tags for "") in `sha`'s
  // history and how many commits `sha` is past it (`git describe --tags
  // --match`); nullopt when none reaches it.
  struct Described {
    std::string tag;
    int distance = 0;
  };
  Result<std::optional<Described>> Describe(const std::string& sha, const std::string& pattern) const;
  // Every file of commit `sha`'s tree ('/'-separated paths) and every
  // submodule (gitlink) with its commit. More than `max_files` files is an
  // error rather than a partial answer.
  struct TreeListing {
    std::vector<std::string> files;
    std::vector<std::pair<std::string, std::string>> gitlinks;
  };
  Result<TreeListing> ListTree(const std::string& sha, size_t max_files = 1000000) const;
  // The content of `path` in commit `sha`'s tree (nullopt when the commit
  // has no such file; an error for a folder or a submodule there).
  Result<std::optional<std::string>> FileAt(const std::string& sha, const std::string& path) const;
  // The names of the files directly in folder `dir` of commit `sha`'s tree
  // (nullopt when there is no such folder).
  Result<std::optional<std::vector<std::string>>> FilesIn(const std::string& sha, const std::string& dir) const;
  // The author's e-mail address.
  Result<std::string> AuthorEmail(const std::string& sha) const;

 private:
  explicit RepoReader(RepoPtr repo) : repo_(std::move(repo)) {}
  Result<CommitPtr> LookupCommit(const std::string& sha) const;
  // The diff of a commit against its first parent; empty for merges and roots.
  Result<DiffPtr> FirstParentDiff(const std::string& sha, const git_diff_options* opts) const;
  std::string ObjectsDir() const;  // <common git dir>/objects
  RepoPtr repo_;
  // Tree reads for ChangedFiles, delta bases cached (opened on first use).
  mutable std::unique_ptr<ObjectStore> objects_;
};

}  // namespace psirt::git
