// Reads open advisories in one snapshot and builds the agenda.
#include "app/agenda_service.h"

#include "app/constraint_service.h"

namespace psirt {

Result<std::vector<Task>> AgendaService::Todo(Date as_of) {
  std::vector<AdvisorySummary> open;
  PSIRT_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    SummaryFilter f;
    f.open_only = true;
    PSIRT_ASSIGN_OR_RETURN(open, tx.ListSummaries(f));
    return Status::Ok();
  }));
  std::vector<Task> tasks = WorkspaceConstraintTasks(manifest_, west_dir_, constraints_);
  for (Task& t : BuildAgenda(open, config_.policy, as_of)) tasks.push_back(std::move(t));
  return tasks;
}

}  // namespace psirt
