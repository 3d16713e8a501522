// Store health for the server: whether the database answers (/healthz),
// and a new connection's warm-up - the statements a request runs, run once
// before anyone is served (PostgreSQL prepares them and its backend fills
// its caches then, not under load).
#pragma once

#include "base/status.h"
#include "store/store.h"

namespace psirt {

// Ok when one read of the store succeeds.
Status StoreAnswers(Store& store);
// Runs once, in one read, every statement an API request's reads use.
Status WarmUpRequestReads(Store& store);

}  // namespace psirt
