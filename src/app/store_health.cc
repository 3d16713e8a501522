// Store health and connection warm-up (app/store_health.h).
#include "app/store_health.h"

namespace psirt {

Status StoreAnswers(Store& store) {
  return store.Read([](StoreTx& tx) { return tx.ChangeCounter().status(); });
}

Status WarmUpRequestReads(Store& store) {
  return store.Read([](StoreTx& tx) -> Status {
    PSIRT_RETURN_IF_ERROR(tx.FindSecretWithUser("").status());
    PSIRT_RETURN_IF_ERROR(tx.ChangeCounter().status());
    PSIRT_RETURN_IF_ERROR(tx.LoadEvents("").status());
    PSIRT_RETURN_IF_ERROR(tx.ListAttachments("").status());
    PSIRT_RETURN_IF_ERROR(tx.ListUsers().status());
    return tx.FindByCve("").status();
  });
}

}  // namespace psirt
