// Code ownership: MAINTAINERS.yml areas and the exact matching semantics of
// Zephyr's scripts/get_maintainer.py, indexed so a path is matched with a
// few hash lookups and one regex-set pass instead of one regex per area.
// Also Zephyr's PR assignee rule. Pure: the file is read by formats/.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace psirt {

// files / files-regex / files-exclude / files-regex-exclude of an area or group.
struct OwnerPatterns {
  std::vector<std::string> files;
  std::vector<std::string> files_regex;
  std::vector<std::string> files_exclude;
  std::vector<std::string> files_regex_exclude;
  bool HasIncludes() const { return !files.empty() || !files_regex.empty(); }
};

// One MAINTAINERS.yml file group: patterns and their exclusions.
struct FileGroup {
  std::string name;
  std::vector<std::string> collaborators;
  OwnerPatterns patterns;
  // defer-to-other-areas: for these files another (non-deferring) area that
  // also covers them provides the assignee; this area only reviews.
  bool defer = false;
  int line = 0;
};

// One MAINTAINERS.yml area: name, status, maintainers, collaborators, files.
struct OwnerArea {
  std::string name;
  std::string status;  // maintained, odd fixes, unmaintained, obsolete, or empty
  std::vector<std::string> maintainers;
  std::vector<std::string> collaborators;
  std::vector<std::string> inform;
  std::vector<std::string> labels;
  std::vector<std::string> tests;
  std::vector<std::string> tags;
  std::string description;
  bool meta = false;
  OwnerPatterns patterns;
  std::vector<FileGroup> groups;
  int line = 0;  // where the area starts in the file
};

// The areas containing one path, sorted by area name.
struct AreaMatch {
  const OwnerArea* area;
  std::vector<const FileGroup*> groups;  // matching file groups, in file order
};

// Translates one glob as get_maintainer.py does ('.' -> '\.', '*' -> '[^/]*',
// '?' -> '[^/]', '$' appended unless it ends in '/').
std::string GlobToRegex(std::string_view glob);

// A compiled, indexed MAINTAINERS file.
class OwnersIndex {
 public:
  // Compiles every glob and regex; a regex that does not compile is an error
  // naming the area and the regex.
  static Result<std::unique_ptr<OwnersIndex>> Build(std::vector<OwnerArea> areas);
  ~OwnersIndex();

  // Areas containing `path` (relative to the repository root; directories
  // end in '/'). Empty: the path is orphaned.
  std::vector<AreaMatch> Match(std::string_view path) const;

  const std::vector<OwnerArea>& areas() const;

 private:
  OwnersIndex();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Zephyr's pull-request assignment rule over a set of changed paths: each
// path adds weight 1 to each of its areas (0 for CMakeLists.txt files and
// meta areas); the assignee comes from the heaviest area that is neither a
// "Platform" nor a meta area; Platform areas are the fallback, and meta
// areas are assigned only when they are all that matched. A path matched
// through a file group with defer-to-other-areas gives its area no weight
// when another area covers the path without deferring, and an area that
// only ever deferred is not a candidate while others are.
struct AssigneeSuggestion {
  const OwnerArea* area = nullptr;  // the area the assignee comes from
  std::string assignee;             // its first maintainer; empty when none
  std::vector<std::string> notify;          // maintainers of every matched area
  std::vector<std::string> collaborators;   // collaborators of every matched area and group
  std::vector<std::pair<const OwnerArea*, int>> weights;  // per matched area, heaviest first
};
AssigneeSuggestion SuggestAssignee(const OwnersIndex& index, std::span<const std::string> paths);

}  // namespace psirt
