// OwnersService: MAINTAINERS.yml loaded and indexed once per run, answering
// which areas own paths, commit ranges, who should be assigned, and
// whether the file is valid (with a repository: every glob matches a file).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "core/owners.h"

namespace psirt {

// Affected files to MAINTAINERS.yml areas, maintainers and collaborators.
class OwnersService {
 public:
  // Reads and indexes `maintainers_path`.
  static Result<std::unique_ptr<OwnersService>> Load(const std::string& maintainers_path);

  std::vector<AreaMatch> Match(std::string_view path) const { return index_->Match(path); }
  Result<std::vector<std::string>> ChangedPaths(const std::string& repo,
                                                const std::string& range) const;
  AssigneeSuggestion Suggest(std::span<const std::string> paths) const {
    return SuggestAssignee(*index_, paths);
  }
  const OwnersIndex& index() const { return *index_; }

  // All problems of the file at `path`; with `repo`, also globs that match
  // no tracked file.
  static Result<std::vector<Status>> Check(const std::string& path, const std::string& repo);

 private:
  std::unique_ptr<OwnersIndex> index_;
};

}  // namespace psirt
