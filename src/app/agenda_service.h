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
  // With a west workspace (paths resolved): its module constraint problems
  // join the agenda (app/constraint_service).
  void set_modules(std::string manifest, std::string west_dir, std::string constraints) {
    manifest_ = std::move(manifest), west_dir_ = std::move(west_dir), constraints_ = std::move(constraints);
  }
  Result<std::vector<Task>> Todo(Date as_of);

 private:
  Store& store_;
  const WorkspaceConfig& config_;
  std::string manifest_, west_dir_, constraints_;
};

}  // namespace psirt
