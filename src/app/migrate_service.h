// Moving a workspace's data between databases (psirt migrate): from the
// embedded SQLite file to a team's PostgreSQL, or back. Everything is
// copied in one transaction on the destination - events with their
// sequence numbers, actors and times, the projection, accounts, hashed
// secrets, attachments, the intake index, job runs and the git caches -
// then counted on both sides.
#pragma once

#include <map>
#include <string>

#include "base/status.h"
#include "store/store.h"

namespace psirt {

// What copying a workspace's store to another backend did.
struct MigrateReport {
  // What was copied, by kind ("events", "advisories", "users", ...); each
  // count was verified on the destination after the copy.
  std::map<std::string, std::int64_t> copied;
};

// Copies `from` into `to`, which must hold no events and no accounts.
Result<MigrateReport> MigrateStore(Store& from, Store& to);

}  // namespace psirt
