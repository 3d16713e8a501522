// JobLedger: the bookkeeping of scheduled jobs - a lease in the shared
// database so one instance runs each job at a time (however many servers
// share it), and the record of every run the dashboard and the API show.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "store/store.h"

namespace psirt {

// Leases and run records of the server's scheduled jobs.
class JobLedger {
 public:
  JobLedger(Store& store, const Clock& clock, std::string instance)
      : store_(store), clock_(clock), instance_(std::move(instance)) {}

  // Takes `job`'s lease for `lease_seconds` (a crashed runner's lease
  // expires); false when another instance holds it.
  Result<bool> Take(const std::string& job, std::int64_t lease_seconds = 3600);
  // Records `run` and releases its job's lease, in one write.
  Status Finish(const JobRun& run);
  // The last `limit` runs, newest first.
  Result<std::vector<JobRun>> Recent(int limit = 50);

 private:
  Store& store_;
  const Clock& clock_;
  std::string instance_;
};

}  // namespace psirt
