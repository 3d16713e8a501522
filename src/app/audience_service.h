// AudienceService: who may see an advisory. The one answer `psirt
// who-can-see` (locally and through a server), the API's
// people_who_need_to_know and /audience, the dashboard's "Need to know"
// list and the assignment notification give. The team is psirt.yml's
// `team` together with the accounts (PSIRT-role accounts; release managers
// with their branches; disabled accounts left out); the rule is the core's
// NeedToKnow.
#pragma once

#include <vector>

#include "base/status.h"
#include "core/advisory.h"
#include "core/config.h"
#include "core/need_to_know.h"
#include "store/store.h"

namespace psirt {

// psirt.yml's team with the accounts added (pure): PSIRT-role accounts
// join the PSIRT, release managers their branches; disabled ones do not.
Team TeamWithAccounts(const Team& configured, const std::vector<UserRecord>& users);

// Answers "who may see this advisory" for every front end.
class AudienceService {
 public:
  AudienceService(Store& store, const WorkspaceConfig& config) : store_(store), config_(config) {}

  // psirt.yml's team with the accounts added.
  Result<Team> CurrentTeam();
  // Everyone who may see `a` while it is embargoed, each once, with why.
  Result<std::vector<NeedToKnowEntry>> WhoMaySee(const Advisory& a);

 private:
  Store& store_;
  const WorkspaceConfig& config_;
};

}  // namespace psirt
