// ModuleService: a west manifest loaded as west loads it - the file read,
// resolved by west's rules, and `self: import:` followed into the
// submanifest file or folder it names (projects defined first win, as in
// west). Imports from another project's manifest need that project's clone
// and are reported as unresolved until psirt reads west topdirs.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "core/west_manifest.h"

namespace psirt {

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

// The JSON `psirt modules list --json` prints (and the API will answer):
// the projects (all, or the active ones) with their resolved fields.
nlohmann::json ModulesToJson(const LoadedManifest& m, bool all);

}  // namespace psirt
