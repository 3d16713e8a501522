// One advisory as a caller is shown it, in one read (app/advisory_reader.h).
#include "app/advisory_reader.h"

#include "app/audience_service.h"

namespace psirt {
namespace {

Status NoSuch(const std::string& ref) { return Status::NotFound("no advisory " + ref); }

// NotFound about the attachment (its field), not about the advisory.
Status NoSuchAttachment() { return std::move(Status::NotFound("no such attachment").Field("attachment")); }

// The advisory `ref` names, folded, if `v` may see it (inside `tx`).
Result<FoldedAdvisory> LoadVisible(StoreTx& tx, const WorkspaceConfig& config, const std::string& ref, const Viewer& v,
                                   const AdvisoryReader::Admit& admit) {
  if (!CheckAdvisoryRef(ref, config).ok()) return NoSuch(ref);
  auto id = ResolveAdvisoryRef(tx, ref);
  if (!id.ok()) return id.status().code() == Status::Code::kNotFound ? NoSuch(ref) : id.status();
  if (admit && !admit(*id)) return NoSuch(ref);
  PSIRT_ASSIGN_OR_RETURN(std::vector<Event> history, tx.LoadEvents(*id));
  if (history.empty()) return NoSuch(ref);
  PSIRT_ASSIGN_OR_RETURN(Advisory a, Fold(history));
  if (!MaySee(a, v)) return NoSuch(ref);
  return FoldedAdvisory{std::move(a), std::move(history)};
}

}  // namespace

Result<AdvisoryForCaller> AdvisoryReader::Read(const std::string& ref, const Viewer& v, const Admit& admit) {
  AdvisoryForCaller out;
  std::vector<UserRecord> users;
  PSIRT_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(FoldedAdvisory f, LoadVisible(tx, config_, ref, v, admit));
    out.sight = SightOf(f.advisory, v);
    for (const Event* e : ShownHistory(f.history, out.sight)) out.shown_history.push_back(*e);
    out.advisory = std::move(f.advisory);
    if (out.sight == Sight::kInsider) {
      PSIRT_ASSIGN_OR_RETURN(out.attachments, tx.ListAttachments(out.advisory.id));
      PSIRT_ASSIGN_OR_RETURN(users, tx.ListUsers());
    }
    return Status::Ok();
  }));
  out.deadlines = DeadlinesOf(config_.policy, out.advisory);
  if (out.sight == Sight::kInsider) out.need_to_know = NeedToKnow(out.advisory, TeamWithAccounts(config_.team, users));
  if (out.sight == Sight::kOwnReport) out.reporter_view = ReporterViewOf(out.advisory, out.deadlines, /*with_id=*/true);
  return out;
}

Result<AttachmentRecord> AdvisoryReader::Attachment(const std::string& ref, std::int64_t attachment, const Viewer& v,
                                                    const Admit& admit) {
  std::optional<AttachmentRecord> found;
  PSIRT_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(FoldedAdvisory f, LoadVisible(tx, config_, ref, v, admit));
    if (SightOf(f.advisory, v) != Sight::kInsider) return NoSuchAttachment();
    PSIRT_ASSIGN_OR_RETURN(found, tx.GetAttachment(attachment));
    if (found && found->advisory != f.advisory.id) found.reset();
    return Status::Ok();
  }));
  if (!found) return NoSuchAttachment();
  return *found;
}

}  // namespace psirt
