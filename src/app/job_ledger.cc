// Leases and run records of scheduled jobs (app/job_ledger.h).
#include "app/job_ledger.h"

namespace psirt {

Result<bool> JobLedger::Take(const std::string& job, std::int64_t lease_seconds) {
  Timestamp now = clock_.Now();
  bool mine = false;
  PSIRT_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(mine, tx.TakeLease("job:" + job, instance_, now, Timestamp::FromUnix(now.unix_seconds() + lease_seconds)));
    return Status::Ok();
  }));
  return mine;
}

Status JobLedger::Finish(const JobRun& run) {
  return store_.Write([&](StoreTx& tx) -> Status {
    PSIRT_RETURN_IF_ERROR(tx.AddJobRun(run));
    return tx.ReleaseLease("job:" + run.job, instance_);
  });
}

Result<std::vector<JobRun>> JobLedger::Recent(int limit) {
  std::vector<JobRun> runs;
  PSIRT_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(runs, tx.ListJobRuns(limit));
    return Status::Ok();
  }));
  return runs;
}

}  // namespace psirt
