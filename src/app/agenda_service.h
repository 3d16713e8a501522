// AgendaService: the team's agenda ("psirt todo") from the store's
// projection of open advisories, the policy and a date.
#pragma once

#include <vector>

#include "core/agenda.h"
#include "core/config.h"
#include "store/store.h"

namespace psirt {

// The team's due process tasks over the open advisories.
class AgendaService {
 public:
  AgendaService(Store& store, const WorkspaceConfig& config) : store_(store), config_(config) {}
  Result<std::vector<Task>> Todo(Date as_of);

 private:
  Store& store_;
  const WorkspaceConfig& config_;
};

}  // namespace psirt
