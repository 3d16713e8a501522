// Who needs to know about a module's vulnerabilities (see module_need_to_know.h).
#include "core/module_need_to_know.h"

#include <algorithm>
#include <set>

#include "base/strings.h"

namespace psirt {

std::vector<std::string> ModulePeople(const OwnersIndex* owners, const std::string& module, const std::string& path) {
  std::set<std::string> people;
  if (!owners) return {};
  auto add = [&](const OwnerArea& a) {
    people.insert(a.maintainers.begin(), a.maintainers.end());
    people.insert(a.collaborators.begin(), a.collaborators.end());
  };
  for (const OwnerArea& a : owners->areas())
    if (a.name == "West project: " + module) add(a);
  for (const AreaMatch& m : owners->Match(path + "/")) add(*m.area);
  return {people.begin(), people.end()};
}

bool MaySeeModule(const std::vector<std::string>& people, const Viewer& v) {
  if (v.role == Role::kPsirt) return true;
  if (v.role != Role::kMaintainer && v.role != Role::kReleaseManager) return false;
  if (v.handle.empty()) return false;
  return std::any_of(people.begin(), people.end(), [&](const std::string& p) { return EqualsIgnoreCaseAscii(p, v.handle); });
}

}  // namespace psirt
