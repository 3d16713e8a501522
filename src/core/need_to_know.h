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

#include "base/status.h"
#include "core/advisory.h"
#include "core/config.h"  // Team: psirt.yml `team`, or the server's accounts

namespace psirt {

// The roles of people asking to see or change advisories.
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

// One person who needs to know and why.
struct NeedToKnowEntry {
  std::string who;
  std::string why;
};
// Everyone who may see the advisory while it is embargoed, each once, with why.
std::vector<NeedToKnowEntry> NeedToKnow(const Advisory& a, const Team& team);

// The facts of an advisory that decide who may see it; the store keeps
// them in the projection so lists are filtered without folding histories.
struct Visibility {
  State state = State::kNew;
  std::string assignee;
  std::string reporter_email;  // the reporter's address, once confirmed ("" before)
  std::vector<std::string> need_to_know;       // maintainer/collaborator handles of its areas
  std::vector<std::string> backport_branches;  // BranchesNeedingBackport
};
Visibility VisibilityOf(const Advisory& a);

// Whether `v` may see an advisory: the one access rule of the CLI and the
// server. PSIRT: everything; a maintainer: advisories whose areas list them
// (or assigned to them); a release manager: advisories needing a backport
// to a branch they manage; a reporter: their own reports; everyone:
// Public advisories.
bool MaySee(const Visibility& a, const Viewer& v);
bool MaySee(const Advisory& a, const Viewer& v);
// Someone an advisory can be assigned to, and the names they answer to.
struct KnownPerson {
  std::string handle;               // what need-to-know matches (GitHub / MAINTAINERS.yml handle)
  std::vector<std::string> names;   // other names they answer to (an account name)
  bool team = true;                 // false: a reporter account, never an assignee
  std::string source;               // "account", "MAINTAINERS.yml", "psirt.yml": for messages
};
// The handle `who` resolves to among `people` (case-insensitive, by
// handle or name): so an assignee always is a person who then sees the
// advisory. Invalid naming the name when it is unknown, ambiguous or a
// reporter's.
Result<std::string> ResolveAssignee(std::string_view who, const std::vector<KnownPerson>& people);

// What someone does to an advisory they can see.
enum class Action {
  kComment,  // add a note
  kFix,      // link a fix (a PR or commit, a backport)
  kStatus,   // move between Assigned and Review (the fix's progress)
  kManage,   // everything else: triage, assign, CVE, credits, edits, other moves
};
std::string_view ActionName(Action a);
// Whether `v` may do `action`: PSIRT everything; maintainers and release
// managers comment, fix and move status on what they may see (on a Public
// advisory: only if they would see it embargoed); reporters comment on
// their own reports; nobody else anything.
bool MayDo(Action action, const Visibility& a, const Viewer& v);

}  // namespace psirt
