// Need to know (reporting.rst): who may see an advisory before it is
// public - the PSIRT, the reporter, the assignee, the maintainers and
// collaborators of its areas (MAINTAINERS.yml), and the release managers
// of the branches it affects that the backport policy covers. Once Public,
// everyone. The CLI's who-can-see and the server's access rule are these
// same functions. Pure.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/advisory.h"
#include "core/config.h"  // Team: psirt.yml `team`, or the server's accounts

namespace psirt {

enum class Role { kPsirt, kMaintainer, kReleaseManager, kReporter, kAnonymous };
std::string_view RoleName(Role r);  // psirt, maintainer, release-manager, reporter, anonymous
std::optional<Role> ParseRole(std::string_view name);

// Someone asking to see an advisory.
struct Viewer {
  Role role = Role::kAnonymous;
  std::string handle;                 // MAINTAINERS.yml / GitHub handle
  std::string email;
  std::vector<std::string> branches;  // release branches they manage
};

// Release branches the advisory affects and the backport policy covers
// (from its last fix status): their release managers need to know.
std::vector<std::string> BranchesNeedingBackport(const Advisory& a);

struct NeedToKnowEntry {
  std::string who;
  std::string why;
};
// Everyone who may see the advisory while it is embargoed, each once, with why.
std::vector<NeedToKnowEntry> NeedToKnow(const Advisory& a, const Team& team);

// Whether `v` may see `a`.
bool MaySee(const Advisory& a, const Viewer& v);

}  // namespace psirt
