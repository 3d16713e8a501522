// What a module's zephyr/module.yml says about it that security work needs:
// its name, the modules it builds on (build.depends), and its identity for
// vulnerability databases (security.external-references: CPE 2.3 names and
// package URLs). Plain values; formats/zephyr_module_yaml reads the file.
#pragma once

#include <string>
#include <vector>

#include "core/package_ids.h"

namespace psirt {

// One external reference as written, with its line.
struct ModuleReference {
  std::string text;
  int line = 0;
};

// A module.yml.
struct ZephyrModuleMeta {
  std::string file;
  std::string name;  // "" when the file names none (west's project name is used)
  std::vector<std::string> depends;
  std::vector<ModuleReference> external_references;
  std::vector<Cpe> cpes;    // the references that are CPE 2.3 names
  std::vector<Purl> purls;  // the references that are package URLs
};

}  // namespace psirt
