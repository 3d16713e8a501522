// Who may see an advisory: psirt.yml's team and the accounts, by the core's rule.
#include "app/audience_service.h"

#include <algorithm>

namespace psirt {

Team TeamWithAccounts(const Team& configured, const std::vector<UserRecord>& users) {
  Team team = configured;
  auto add = [](std::vector<std::string>& v, const std::string& x) {
    if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
  };
  for (const UserRecord& u : users) {
    if (u.disabled) continue;
    std::string handle = u.AsViewer().handle;
    if (u.role == Role::kPsirt) add(team.psirt, handle);
    if (u.role == Role::kReleaseManager)
      for (const std::string& b : u.branches) add(team.release_managers[b], handle);
  }
  return team;
}

Result<Team> AudienceService::CurrentTeam() {
  std::vector<UserRecord> users;
  PSIRT_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(users, tx.ListUsers());
    return Status::Ok();
  }));
  return TeamWithAccounts(config_.team, users);
}

Result<std::vector<NeedToKnowEntry>> AudienceService::WhoMaySee(const Advisory& a) {
  PSIRT_ASSIGN_OR_RETURN(Team team, CurrentTeam());
  return NeedToKnow(a, team);
}

}  // namespace psirt
