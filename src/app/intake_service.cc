// Private reports from the web form and the API.
#include "app/intake_service.h"

#include "base/strings.h"
#include "core/text_rules.h"

namespace psirt {

Result<SubmittedReport> IntakeService::Submit(const WebReport& r, size_t max_attachment) {
  if (r.reporter.email.empty()) return std::move(Status::Invalid("your e-mail address is needed: the team answers there").Field("reporter_email"));
  if (Trim(r.reporter.name).empty()) return std::move(Status::Invalid("your name is needed").Field("reporter_name"));
  PSIRT_RETURN_IF_ERROR(CheckText(TextRule{"affected", true, 1024}, r.affected));
  ReportRequest req;
  req.title = r.title;
  req.description = r.description;
  if (!Trim(r.affected).empty()) req.description += "\n\nAffected versions or files: " + Trim(r.affected);
  req.reporter = {Trim(r.reporter.name), Trim(r.reporter.email)};
  req.source = "web";
  if (r.attachment) {
    if (r.attachment->data.size() > max_attachment)
      return std::move(Status::Invalid("attachment too large: at most " + std::to_string(max_attachment / 1024) + " KiB")
                           .Field("attachment"));
    PSIRT_RETURN_IF_ERROR(CheckText(TextRule{"attachment name", false, 255}, r.attachment->name));
    PSIRT_RETURN_IF_ERROR(CheckText(TextRule{"attachment type", false, 255}, r.attachment->content_type));
  }
  SubmittedReport out;
  out.link_token = NewSecret("r_");
  AdvisoryService advisories(store_, config_, clock_);
  PSIRT_ASSIGN_OR_RETURN(Change c, advisories.Report("intake", req, [&](StoreTx& tx, const Change& change) -> Status {
    Timestamp now = clock_.Now();
    if (r.attachment) {
      AttachmentRecord a;
      a.advisory = change.advisory.id;
      a.name = r.attachment->name.empty() ? "attachment" : r.attachment->name;
      a.content_type = r.attachment->content_type.empty() ? "application/octet-stream" : r.attachment->content_type;
      a.data = r.attachment->data;
      a.created_at = now;
      PSIRT_RETURN_IF_ERROR(tx.PutAttachment(a).status());
    }
    return tx.PutSecret({Sha256Hex(out.link_token), "reporter", change.advisory.id, "", std::nullopt, now});
  }));
  out.advisory = c.advisory.id;
  return out;
}

}  // namespace psirt
