// Bundled code: other projects' code a module carries inside its own tree
// (MCUboot's ext/tinycrypt, a partial Mbed TLS under ext/mbedtls-asn1,
// submodules) - the copies an SBOM of the manifest alone misses. Found from
// the module's file list: declared in module.yml (security.bundled), a
// known upstream's marker file with the version it states (a version
// header, a VERSION file), a licence text naming the project, or a git
// submodule pinned at a commit. Pure: the caller lists the tree and reads
// files (app/module_insight does it from the pinned commit).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/zephyr_module.h"

namespace psirt {

// A module's tree at one commit.
struct ModuleTree {
  std::vector<std::string> files;                             // every file, '/'-separated, relative to the module
  std::vector<std::pair<std::string, std::string>> gitlinks;  // submodule path -> pinned commit
};
// A file of the tree by path (nullopt when absent or unreadable).
using TreeFileReader = std::function<std::optional<std::string>(const std::string& path)>;

// One copy found.
struct BundledCopy {
  std::string name;       // the known upstream's key, the declared name, or the submodule's repository name
  std::string display;    // for people: "TinyCrypt"
  std::string upstream;   // the known upstream's key ("" when unknown)
  std::string path;       // the copy's folder in the module
  std::string version;    // "" when nothing states it
  std::string purl;       // with the version when known
  std::vector<std::string> cpes;
  std::string commit, url;  // a submodule's pinned commit and repository
  std::string found_by;   // "module.yml", "version header", "marker file", "licence file", "git submodule"
  std::string evidence;   // the file and what it said
  double confidence = 0;  // 0..1, CycloneDX's identity evidence scale
};

// The copies found in `tree`, by folder; the module's own root is never a
// copy. `gitmodules` is the tree's .gitmodules ("" when none).
std::vector<BundledCopy> FindBundledCode(const ModuleTree& tree, const TreeFileReader& read, const std::string& gitmodules);

// The copies module.yml declares, then those found at other folders.
std::vector<BundledCopy> WithDeclaredCopies(const std::vector<BundledCopy>& found, const std::vector<DeclaredCopy>& declared);

// .gitmodules: each submodule's path and url (git-config syntax; malformed
// lines are skipped, as git skips what it cannot use).
std::vector<std::pair<std::string, std::string>> ReadGitmodules(const std::string& text);

}  // namespace psirt
