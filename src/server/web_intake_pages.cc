// The public report form and the reporter's private-link page.

#include "app/audience_service.h"
#include "core/event_payloads.h"

#include <sodium.h>

#include "app/intake_service.h"
#include "app/reporter_portal.h"
#include "core/cvss/cvss_names.h"
#include "formats/markdown.h"
#include "formats/record_parts.h"
#include "base/strings.h"
#include "core/agenda.h"
#include "core/fix_status.h"
#include "formats/psirt_json.h"
#include "server/jobs.h"
#include "server/server.h"
#include "app/advisory_views.h"
#include "server/web_support.h"

namespace psirt::web {

using html::Esc;

void ReportForm(Call& c, const Refused* r, int status) {
  size_t max = static_cast<size_t>(c.ctx.config().server.attachment_kb) * 1024;
  std::string b =
      "<h1>Report a vulnerability</h1><p>Your report goes to the security team only. You get a private link to follow it "
      "and answer questions.</p><p>A good report says what is affected (the file, function or module and the versions), "
      "what an attacker can do, and how to reproduce it (steps, a proof of concept, a crash log as an attachment). "
      "Please keep it private until it is published: the team aims to fix it within " +
      std::to_string(c.ctx.config().policy.fix_target_days) + " days and publish within " +
      std::to_string(c.ctx.config().policy.embargo_days) + " days of your report.</p>";
  b += FormError(r, "report", {"title", "description", "affected", "reporter_name", "reporter_email", "attachment"});
  b += "<form method=\"post\" action=\"/report\" enctype=\"multipart/form-data\" id=\"report-form\">" + html::CsrfField(FormToken(c)) +
       Input("title", "Title", r, "report") + TextArea("description", "Description (Markdown: the team sees it as GitHub would show it)", 8, r, "report") +
       Input("affected", "Affected versions or files", r, "report") + Input("reporter_name", "Your name (optional)", r, "report") +
       Input("reporter_email", "Your e-mail (optional: without it, the private link is the only way to hear from the team)", r,
             "report", "email") +
       "<label>Attachment (optional, at most " + std::to_string(c.ctx.config().server.attachment_kb) +
       " KiB) <input type=\"file\" name=\"attachment\" id=\"attachment\" data-max-bytes=\"" + std::to_string(max) + "\">" +
       "<span class=\"field-error\" id=\"attachment-error\" role=\"alert\"" +
       (r && r->error.field() == "attachment" ? ">" + Esc(r->error.message() + " (choose the file again)") : std::string(" hidden>")) +
       "</span></label><button type=\"submit\">Send report</button></form>";
  SendPage(c, "Report a vulnerability", b, status);
}

void ReportPost(Call& c) {
  auto refuse = [&](const Status& st, int status) {
    Refused r{"report", &c.req, st};
    ReportForm(c, &r, status);
  };
  if (!CsrfOk(c)) return refuse(kExpired, 400);
  if (!c.ctx.reports.Allow(c.req.client)) return refuse(Status::Denied("Too many reports from this address: try again in an hour."), 429);
  WebReport r;
  r.title = c.req.Param("title");
  r.description = c.req.Param("description");
  r.affected = c.req.Param("affected");
  r.reporter = {c.req.Param("reporter_name"), c.req.Param("reporter_email")};
  if (const FormField* f = c.req.File("attachment"); f && !f->filename.empty())
    r.attachment = WebReport::File{f->filename, f->content_type, f->value};
  if (c.who.viewer.role == Role::kReporter) r.account = c.who.user->name;
  IntakeService intake(*c.store, c.ctx.config(), c.ctx.clock);
  auto sub = intake.Submit(r, static_cast<size_t>(c.ctx.config().server.attachment_kb) * 1024);
  if (!sub.ok()) {
    if (sub.status().code() == Status::Code::kIo || sub.status().code() == Status::Code::kInternal) return FailPage(c, sub.status());
    return refuse(sub.status(), 400);
  }
  std::string link = "/r/" + sub->link_token;
  // The whole address to keep: the configured public URL, else the one
  // this browser used.
  std::string base = c.ctx.config().server.public_url;
  if (base.empty()) base = std::string(c.ctx.tls ? "https://" : "http://") + c.req.Header("Host");
  while (!base.empty() && base.back() == '/') base.pop_back();
  SendPage(c, "Report received",
           "<h1>Thank you</h1><p class=\"notice\">Your report was received. Keep this private link: it is the only way to "
           "follow your report and answer the team's questions.</p><p><a id=\"private-link\" href=\"" + Esc(link) + "\">" +
               Esc(base + link) + "</a> <button type=\"button\" data-copy=\"private-link\" hidden>Copy link</button></p>",
           201);
}

void ReporterLinkPage(Call& c, const Refused* r, int status) {
  ReporterPortal portal(*c.store, c.ctx.config(), c.ctx.clock);
  auto v = portal.ByLink(c.Arg(1));
  if (!v.ok()) return FailPage(c, Status::NotFound("no such report"));
  ReporterPortalPage(c, *v, "/r/" + c.Arg(1), FormToken(c), r, "", status);
}

void ReporterLinkPost(Call& c) {
  ReporterPortal portal(*c.store, c.ctx.config(), c.ctx.clock);
  if (!portal.AdvisoryOfLink(c.Arg(1)).ok()) return FailPage(c, Status::NotFound("no such report"));
  if (!CsrfOk(c)) {
    Refused r{"reply", &c.req, kExpired};
    return ReporterLinkPage(c, &r, 400);
  }
  auto v = portal.ReplyByLink(c.Arg(1), c.req.Param("text"));
  if (!v.ok()) {
    Refused r{"reply", &c.req, std::move(Status(v.status()).Field("text"))};
    return ReporterLinkPage(c, &r, http::HttpStatus(v.status(), false));
  }
  Redirect(c, "/r/" + c.Arg(1));
}


}  // namespace psirt::web
