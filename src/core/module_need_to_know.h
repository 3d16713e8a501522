// Need to know for module vulnerabilities: who may see a module's scan
// findings and VEX decisions - the PSIRT, and the maintainers and
// collaborators of the module's MAINTAINERS.yml areas (Zephyr names them
// "West project: NAME"; areas whose files cover the module's path count
// too). Pure: the CLI, the API and the dashboard apply the same rule.
#pragma once

#include <string>
#include <vector>

#include "core/need_to_know.h"
#include "core/owners.h"

namespace psirt {

// The handles of the module's areas (`owners` may be null: none).
std::vector<std::string> ModulePeople(const OwnersIndex* owners, const std::string& module, const std::string& path);

// Whether `v` may see the findings of a module whose people are `people`.
bool MaySeeModule(const std::vector<std::string>& people, const Viewer& v);

}  // namespace psirt
