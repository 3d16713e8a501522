// psirt migrate.
#include "app/migrate_service.h"

namespace psirt {
namespace {

// What a store holds, counted kind by kind.
Result<std::map<std::string, std::int64_t>> Census(Store& s) {
  std::map<std::string, std::int64_t> n;
  PSIRT_RETURN_IF_ERROR(s.Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(auto ids, tx.AdvisoryIds());
    n["events"] = 0;
    n["attachments"] = 0;
    for (const std::string& id : ids) {
      PSIRT_ASSIGN_OR_RETURN(auto ev, tx.LoadEvents(id));
      n["events"] += static_cast<std::int64_t>(ev.size());
      PSIRT_ASSIGN_OR_RETURN(auto att, tx.ListAttachments(id));
      n["attachments"] += static_cast<std::int64_t>(att.size());
    }
    PSIRT_ASSIGN_OR_RETURN(auto sums, tx.ListSummaries({}));
    n["advisories"] = static_cast<std::int64_t>(sums.size());
    PSIRT_ASSIGN_OR_RETURN(auto users, tx.ListUsers());
    n["users"] = static_cast<std::int64_t>(users.size());
    PSIRT_ASSIGN_OR_RETURN(auto secrets, tx.AllSecrets());
    n["secrets"] = static_cast<std::int64_t>(secrets.size());
    PSIRT_ASSIGN_OR_RETURN(auto mail, tx.AllMessages());
    n["mail_index"] = static_cast<std::int64_t>(mail.size());
    PSIRT_ASSIGN_OR_RETURN(auto runs, tx.ListJobRuns(1 << 30));
    n["job_runs"] = static_cast<std::int64_t>(runs.size());
    PSIRT_ASSIGN_OR_RETURN(auto state, tx.AllState());
    n["git_state"] = static_cast<std::int64_t>(state.size());
    PSIRT_ASSIGN_OR_RETURN(auto blobs, tx.AllBlobs());
    n["git_blobs"] = static_cast<std::int64_t>(blobs.size());
    PSIRT_ASSIGN_OR_RETURN(auto pids, tx.LoadPatchIds());
    n["git_patch_ids"] = static_cast<std::int64_t>(pids.size());
    PSIRT_ASSIGN_OR_RETURN(auto vex, tx.ListVexDecisions());
    n["vex_decisions"] = static_cast<std::int64_t>(vex.size());
    return Status::Ok();
  }));
  return n;
}

}  // namespace

Result<MigrateReport> MigrateStore(Store& from, Store& to) {
  PSIRT_ASSIGN_OR_RETURN(auto before, Census(to));
  if (before["events"] > 0 || before["users"] > 0)
    return Status::Conflict("the destination already holds " + std::to_string(before["events"]) + " events and " +
                            std::to_string(before["users"]) + " accounts: migrate into an empty database");
  PSIRT_ASSIGN_OR_RETURN(auto want, Census(from));
  Status st = from.Read([&](StoreTx& src) -> Status {
    return to.Write([&](StoreTx& dst) -> Status {
      PSIRT_ASSIGN_OR_RETURN(auto ids, src.AdvisoryIds());
      for (const std::string& id : ids) {
        PSIRT_ASSIGN_OR_RETURN(auto events, src.LoadEvents(id));
        for (const Event& e : events) PSIRT_RETURN_IF_ERROR(dst.AppendEvent(e));
        PSIRT_ASSIGN_OR_RETURN(auto atts, src.ListAttachments(id));
        for (const AttachmentRecord& meta : atts) {
          PSIRT_ASSIGN_OR_RETURN(auto full, src.GetAttachment(meta.id));
          if (full) PSIRT_RETURN_IF_ERROR(dst.PutAttachment(*full).status());
        }
      }
      PSIRT_ASSIGN_OR_RETURN(auto sums, src.ListSummaries({}));
      for (const AdvisorySummary& s : sums) PSIRT_RETURN_IF_ERROR(dst.PutSummary(s));
      PSIRT_ASSIGN_OR_RETURN(auto users, src.ListUsers());
      for (const UserRecord& u : users) PSIRT_RETURN_IF_ERROR(dst.PutUser(u));
      PSIRT_ASSIGN_OR_RETURN(auto secrets, src.AllSecrets());
      for (const SecretRecord& s : secrets) PSIRT_RETURN_IF_ERROR(dst.PutSecret(s));
      PSIRT_ASSIGN_OR_RETURN(auto mail, src.AllMessages());
      for (const auto& [mid, adv] : mail) PSIRT_RETURN_IF_ERROR(dst.PutMessage(mid, adv));
      PSIRT_ASSIGN_OR_RETURN(auto runs, src.ListJobRuns(1 << 30));
      for (auto it = runs.rbegin(); it != runs.rend(); ++it) PSIRT_RETURN_IF_ERROR(dst.AddJobRun(*it));
      PSIRT_ASSIGN_OR_RETURN(auto state, src.AllState());
      for (const auto& [k, v] : state) PSIRT_RETURN_IF_ERROR(dst.PutState(k, v));
      PSIRT_ASSIGN_OR_RETURN(auto blobs, src.AllBlobs());
      for (const auto& [k, v] : blobs) PSIRT_RETURN_IF_ERROR(dst.PutBlob(k, v));
      PSIRT_ASSIGN_OR_RETURN(auto vex, src.ListVexDecisions());
      for (const VexDecision& d : vex) PSIRT_RETURN_IF_ERROR(dst.AddVexDecision(d));
      // The vulnerability database is public data: `psirt vulndb import` it again.
      PSIRT_ASSIGN_OR_RETURN(auto pids, src.LoadPatchIds());
      return dst.PutPatchIds(pids);
    });
  });
  PSIRT_RETURN_IF_ERROR(st);
  PSIRT_ASSIGN_OR_RETURN(auto got, Census(to));
  for (const auto& [kind, n] : want) {
    // The destination's own migrations may have set state keys of their own.
    std::int64_t have = got[kind] - (kind == "git_state" ? before[kind] : 0);
    if (kind == "git_state" ? got[kind] < n : have != n)
      return Status::Internal("migrate: " + kind + ": copied " + std::to_string(have) + " of " + std::to_string(n));
  }
  return MigrateReport{want};
}

}  // namespace psirt
