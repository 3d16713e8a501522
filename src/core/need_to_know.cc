// Need-to-know rules.
#include "core/need_to_know.h"
#include "base/strings.h"

#include <algorithm>
#include <cctype>

namespace psirt {

std::string_view RoleName(Role r) {
  switch (r) {
    case Role::kPsirt: return "psirt";
    case Role::kMaintainer: return "maintainer";
    case Role::kReleaseManager: return "release-manager";
    case Role::kReporter: return "reporter";
    case Role::kAnonymous: return "anonymous";
  }
  return "?";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role r : {Role::kPsirt, Role::kMaintainer, Role::kReleaseManager, Role::kReporter, Role::kAnonymous})
    if (RoleName(r) == name) return r;
  return std::nullopt;
}

std::vector<std::string> BranchesNeedingBackport(const Advisory& a) {
  std::vector<std::string> out;
  if (!a.fix_facts) return out;
  for (const FixFacts::Branch& b : a.fix_facts->branches)
    if (b.status != BranchStatus::kNotRequired && b.status != BranchStatus::kNotAffected)
      out.push_back(b.facts.branch);
  return out;
}

namespace {

bool SameEmail(std::string_view x, std::string_view y) {
  return !x.empty() && EqualsIgnoreCaseAscii(x, y);
}

}  // namespace

std::vector<NeedToKnowEntry> NeedToKnow(const Advisory& a, const Team& team) {
  std::vector<NeedToKnowEntry> out;
  auto add = [&](const std::string& who, const std::string& why) {
    if (who.empty()) return;
    for (const NeedToKnowEntry& e : out)
      if (e.who == who) return;
    out.push_back({who, why});
  };
  if (team.psirt.empty()) add("the PSIRT", "full access");
  for (const std::string& m : team.psirt) add(m, "PSIRT member: full access");
  if (!a.reporter.empty()) add(a.reporter.ToString(), "reporter");
  add(a.assignee, "assignee");
  std::string areas;
  for (const std::string& x : a.areas) areas += (areas.empty() ? "" : ", ") + x;
  for (const std::string& p : a.need_to_know)
    add(p, "maintainer or collaborator of " + (areas.empty() ? std::string("the area") : areas));
  for (const std::string& b : BranchesNeedingBackport(a)) {
    auto it = team.release_managers.find(b);
    if (it == team.release_managers.end()) continue;
    for (const std::string& m : it->second) add(m, "release manager of " + b);
  }
  return out;
}

Result<std::string> ResolveAssignee(std::string_view who, const std::vector<KnownPerson>& people) {
  auto lower = [](std::string_view x) {
    std::string o(x);
    o = ToLowerAscii(o);
    return o;
  };
  std::string w = lower(who);
  std::vector<const KnownPerson*> found;
  for (const KnownPerson& p : people) {
    bool match = lower(p.handle) == w;
    for (const std::string& n : p.names) match = match || lower(n) == w;
    if (!match) continue;
    if (std::none_of(found.begin(), found.end(), [&](const KnownPerson* f) { return f->handle == p.handle; }))
      found.push_back(&p);
  }
  std::string shown(who.substr(0, 64));
  if (found.empty())
    return std::move(Status::Invalid("unknown person '" + shown +
                                     "': an assignee is an account (psirt user list) or a MAINTAINERS.yml handle, "
                                     "so that they can see the advisory")
                         .Field("assignee"));
  if (found.size() > 1) {
    std::string list;
    for (const KnownPerson* f : found) list += (list.empty() ? "" : ", ") + f->handle;
    return std::move(Status::Invalid("'" + shown + "' names several people (" + list + "): give the handle").Field("assignee"));
  }
  if (!found[0]->team)
    return std::move(Status::Invalid("'" + shown + "' is a reporter account: an assignee is a team member").Field("assignee"));
  return found[0]->handle;
}

Visibility VisibilityOf(const Advisory& a) {
  Visibility v;
  v.state = a.state;
  v.assignee = a.assignee;
  v.reporter_email = a.reporter_confirmed ? a.reporter.email : "";
  v.need_to_know = a.need_to_know;
  v.backport_branches = BranchesNeedingBackport(a);
  return v;
}

bool MaySee(const Advisory& a, const Viewer& v) { return MaySee(VisibilityOf(a), v); }

std::string_view ActionName(Action a) {
  switch (a) {
    case Action::kComment: return "comment";
    case Action::kFix: return "fix";
    case Action::kStatus: return "status";
    case Action::kManage: return "manage";
  }
  return "?";
}

bool MayDo(Action action, const Visibility& a, const Viewer& v) {
  if (v.role == Role::kPsirt) return true;
  if (action == Action::kManage) return false;
  // Public advisories are seen by all: only those who would see it embargoed act on it.
  Visibility embargoed = a;
  if (embargoed.state == State::kPublic) embargoed.state = State::kAccepted;
  if (!MaySee(embargoed, v)) return false;
  switch (v.role) {
    case Role::kMaintainer:
    case Role::kReleaseManager:
      return true;
    case Role::kReporter:
      return action == Action::kComment;
    default:
      return false;
  }
}

bool MaySee(const Visibility& a, const Viewer& v) {
  if (a.state == State::kPublic) return true;
  if (v.role == Role::kAnonymous) return false;
  if (v.role == Role::kPsirt) return true;
  // The assignee is a team member: only team roles are found by handle.
  bool team = v.role == Role::kMaintainer || v.role == Role::kReleaseManager;
  if (team && !v.handle.empty() && v.handle == a.assignee) return true;
  switch (v.role) {
    case Role::kReporter:
      return SameEmail(v.email, a.reporter_email);
    case Role::kMaintainer:
      return !v.handle.empty() &&
             std::find(a.need_to_know.begin(), a.need_to_know.end(), v.handle) != a.need_to_know.end();
    case Role::kReleaseManager: {
      for (const std::string& b : v.branches)
        if (std::find(a.backport_branches.begin(), a.backport_branches.end(), b) != a.backport_branches.end())
          return true;
      return false;
    }
    default:
      return false;
  }
}

}  // namespace psirt
