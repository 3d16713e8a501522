// A west manifest (west.yml) as west reads it: remotes, defaults, projects
// with their fetch URLs, revisions, paths and groups, the group filter that
// makes projects active or inactive, `self`, and imports - plain values and
// the rules that resolve them (no file or YAML access: formats/
// west_manifest_yaml reads the file, with each element's line).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"

namespace psirt {

// A remote: a name for a URL prefix.
struct WestRemote {
  std::string name;
  std::string url_base;
  int line = 0;
};

// An `import:` as written (on a project or on `self`): a boolean, a path
// (file or folder), or a mapping/list west filters with; `text` says which.
struct WestImport {
  std::string text;  // "true", the path, or "(mapping)" / "(list)"
  int line = 0;
};

// A project as written in the manifest (before defaults apply).
struct WestProjectSpec {
  std::string name;
  std::optional<std::string> remote, repo_path, url, revision, path;
  std::vector<std::string> groups;
  std::optional<int> clone_depth;
  std::string userdata_json;  // "" when absent
  std::optional<WestImport> import;
  int line = 0;
};

// The manifest as written: its file, remotes, defaults and projects.
struct WestManifestSpec {
  std::string file;  // for messages
  std::string version;
  std::optional<std::string> default_remote, default_revision;
  int defaults_line = 0;
  std::vector<WestRemote> remotes;
  std::vector<WestProjectSpec> projects;
  std::vector<std::string> group_filter;  // "+name" / "-name" as written
  int group_filter_line = 0;
  std::optional<std::string> self_path;
  std::optional<WestImport> self_import;
};

// A project resolved by west's rules.
struct WestProject {
  std::string name;
  std::string remote;     // "" when given by url
  std::string url;        // remote's url-base + "/" + repo-path, or url
  std::string revision;   // the project's, else the defaults', else "master"
  std::string path;       // the project's, else its name
  std::vector<std::string> groups;
  bool active = true;     // by the group filter
  std::optional<int> clone_depth;
  std::string userdata_json;
  std::optional<WestImport> import;
  int line = 0;
};

// The resolved manifest.
struct WestManifest {
  std::string file;
  std::vector<WestRemote> remotes;
  std::vector<WestProject> projects;  // in manifest order
  std::vector<std::string> group_filter;
  std::optional<std::string> self_path;
  std::optional<WestImport> self_import;
};

// West's default revision when neither the project nor `defaults` names one.
inline constexpr const char* kWestDefaultRevision = "master";

// Applies west's rules: each project's URL (`url`, or a remote - its own or
// the default - plus `repo-path`, defaulting to the name; never both), its
// revision and path defaults, and whether the group filter leaves it active
// (a project without groups always is; one with groups is active unless
// every group it is in is disabled; later filter entries win). Errors name
// the file, the line and the rule: an unknown remote, both url and remote,
// no URL at all, a duplicate remote, project name or path, a reserved or
// malformed name or group.
Result<WestManifest> ResolveWestManifest(const WestManifestSpec& spec);

// Whether a group is enabled by a filter ("+g" / "-g" entries, in order).
bool WestGroupEnabled(const std::vector<std::string>& group_filter, const std::string& group);

// What kind of revision a string is: "sha" (40 hex digits), "pull" (a
// pull/N/head pseudo-branch), or "ref" (a tag or branch name).
std::string WestRevisionKind(const std::string& revision);

}  // namespace psirt
