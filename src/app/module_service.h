// ModuleService: a west manifest loaded as west loads it - the file read,
// resolved by west's rules, and `self: import:` followed into the
// submanifest file or folder it names (projects defined first win, as in
// west). Imports from another project's manifest need that project's clone
// and are reported as unresolved until psirt reads west topdirs.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "core/west_manifest.h"
#include "core/zephyr_module.h"

namespace psirt {
namespace git {
class RepoReader;
}  // namespace git

// One import and what became of it.
struct ManifestImport {
  std::string from;    // "self" or the project's name
  std::string import;  // as written
  std::string file;    // the manifest file that holds it
  int line = 0;
  bool resolved = false;
  std::string detail;  // the files read, or why it was not followed
};

// A manifest with its imports followed.
struct LoadedManifest {
  WestManifest manifest;             // the top file's, with imported projects appended
  std::vector<std::string> files;    // every file read, top first
  std::vector<ManifestImport> imports;
};

// Reads the manifest at `path` and follows its self imports.
Result<LoadedManifest> LoadWestManifest(const std::string& path);
// The same, as commit `commit` of `repo` holds it (`path` inside the repository).
Result<LoadedManifest> LoadWestManifestAt(const git::RepoReader& repo, const std::string& commit, const std::string& path);

// A project's clone in a west topdir: the commit checked out, whether it is
// the manifest's revision, and its zephyr/module.yml.
struct ModuleClone {
  std::string project;
  std::string dir;           // topdir / project path
  bool cloned = false;
  std::string head;          // the checked-out commit
  std::string pinned;        // the manifest's revision as a commit of the clone ("" when it has none)
  std::string state;         // "matches", "differs", "revision unknown" (not in the clone), "not cloned"
  std::optional<ZephyrModuleMeta> meta;  // zephyr/module.yml, when the module has one
};

// The west topdir above `manifest_path`, found as west finds it: the
// nearest folder upwards holding `.west/`. "" when there is none.
std::string FindWestTopdir(const std::string& manifest_path);

// Each project's clone under `topdir` (the active ones unless `all`). A
// malformed module.yml is an error naming its file and line.
Result<std::vector<ModuleClone>> InspectModuleClones(const LoadedManifest& m, const std::string& topdir, bool all);

// A west workspace as `scan`, `sbom`, `vex export` and the server read
// it: the manifest, the topdir (`west_dir`, else found from the manifest;
// "" when there is none) and the active projects' clones.
struct ModuleWorkspace {
  LoadedManifest manifest;
  std::string topdir;
  std::vector<ModuleClone> clones;
  // Project name -> path, for the need-to-know of module findings.
  std::map<std::string, std::string> Paths() const;
};
Result<ModuleWorkspace> OpenModuleWorkspace(const std::string& manifest_path, const std::string& west_dir);
// The same for a manifest that may not be configured: nothing for "".
Result<std::optional<ModuleWorkspace>> OptionalModuleWorkspace(const std::string& manifest_path, const std::string& west_dir);
// Only the project paths of the manifest at `manifest_path` ({} for "").
Result<std::map<std::string, std::string>> ProjectPaths(const std::string& manifest_path);

// The JSON `psirt modules list --json` prints (and the API will answer):
// the projects (all, or the active ones) with their resolved fields, and
// with `clones` (from InspectModuleClones) what each clone holds.
nlohmann::json ModulesToJson(const LoadedManifest& m, bool all, const std::vector<ModuleClone>* clones = nullptr,
                             const std::string& topdir = "");

}  // namespace psirt
