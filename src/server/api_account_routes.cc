// The API's accounts (users, tokens, passwords) and the private intake
// with the reporter's link.
#include <algorithm>
#include <deque>
#include <sodium.h>

#include "app/audience_service.h"
#include "app/intake_service.h"
#include "app/notify_service.h"
#include "app/owners_service.h"
#include "app/publish_service.h"
#include "app/reporter_portal.h"
#include "app/sync_service.h"
#include "base/strings.h"
#include "core/agenda.h"
#include "core/cvss/cvss.h"
#include "formats/cvss_json.h"
#include "formats/psirt_json.h"
#include "server/jobs.h"
#include "formats/list_query_params.h"
#include "server/server.h"
#include "app/advisory_views.h"

#include "server/api_support.h"

namespace psirt::api {

using nlohmann::json;

// Accounts.
void UserRoutes(const On& on) {
  on("GET", "/api/v1/users", Access::kPsirt, BodyKind::kNone, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(auto users, c.Accounts().List());
    json out = json::array();
    for (const UserRecord& u : users) out.push_back(UserToJson(u));
    http::SendJson(c.res, {{"users", out}});
    return Status::Ok();
  });

  on("POST", "/api/v1/users", Access::kPsirt, BodyKind::kJson, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(http::JsonBody b, http::JsonBody::Read(c.req, {"name", "role", "github", "email", "branches"}));
    NewUser u;
    PSIRT_ASSIGN_OR_RETURN(u.name, b.String("name"));
    PSIRT_ASSIGN_OR_RETURN(std::string role, b.String("role"));
    PSIRT_ASSIGN_OR_RETURN(u.github, b.String("github"));
    PSIRT_ASSIGN_OR_RETURN(u.email, b.String("email"));
    PSIRT_ASSIGN_OR_RETURN(u.branches, b.StringList("branches"));
    auto r = ParseRole(role);
    if (!r || *r == Role::kAnonymous)
      return std::move(Status::Invalid("role: expected psirt, maintainer, release-manager or reporter").Field("role"));
    u.role = *r;
    AccountService accounts = c.Accounts();
    PSIRT_RETURN_IF_ERROR(accounts.Add(u));
    PSIRT_ASSIGN_OR_RETURN(UserRecord added, accounts.Get(u.name));
    http::SendJson(c.res, UserToJson(added), 201);  // as `psirt user add --json` prints it
    return Status::Ok();
  });
  // A new token or password: the PSIRT for anyone; an account for itself
  // only with its current password (a session alone cannot make itself
  // permanent). A new password ends the account's sessions and token.
  on("POST", "/api/v1/users/([a-z0-9._-]{1,64})/token", Access::kSignedIn, BodyKind::kJson, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(http::JsonBody b, http::JsonBody::Read(c.req, {"current_password"}));
    PSIRT_ASSIGN_OR_RETURN(std::string current, b.String("current_password"));
    AccountService accounts = c.Accounts();
    PSIRT_RETURN_IF_ERROR(accounts.MayChangeCredentials(*c.who.user, c.who.session, c.Arg(1), CredentialChange::kToken,
                                                        current, c.req.client));
    PSIRT_ASSIGN_OR_RETURN(std::string token, accounts.IssueToken(c.Arg(1)));
    http::SendJson(c.res, {{"name", c.Arg(1)}, {"token", token}});
    return Status::Ok();
  });
  on("POST", "/api/v1/users/([a-z0-9._-]{1,64})/password", Access::kSignedIn, BodyKind::kJson, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(http::JsonBody b, http::JsonBody::Read(c.req, {"password", "current_password"}));
    PSIRT_ASSIGN_OR_RETURN(std::string password, b.String("password"));
    PSIRT_ASSIGN_OR_RETURN(std::string current, b.String("current_password"));
    AccountService accounts = c.Accounts();
    PSIRT_RETURN_IF_ERROR(accounts.MayChangeCredentials(*c.who.user, c.who.session, c.Arg(1), CredentialChange::kPassword,
                                                        current, c.req.client));
    PSIRT_RETURN_IF_ERROR(accounts.SetPassword(c.Arg(1), password));
    http::SendJson(c.res, {{"name", c.Arg(1)}, {"password_set", true}, {"signed_out_everywhere", true}});
    return Status::Ok();
  });
  on("POST", "/api/v1/users/([a-z0-9._-]{1,64})/disable", Access::kPsirt, BodyKind::kJson, [](Call& c) -> Status {
    PSIRT_RETURN_IF_ERROR(http::JsonBody::Read(c.req, {}).status());
    PSIRT_RETURN_IF_ERROR(c.Accounts().Disable(c.Arg(1)));
    http::SendJson(c.res, {{"name", c.Arg(1)}, {"disabled", true}});
    return Status::Ok();
  });
}


// Private intake and the reporter's link.
void IntakeRoutes(const On& on) {
  // Private intake: anyone may report; the answer is their private link
  // (never the advisory id: it would tell how many reports came in).
  on("POST", "/api/v1/reports", Access::kAnyone, BodyKind::kReport, [](Call& c) -> Status {
    if (!c.ctx.reports.Allow(c.req.client)) {
      http::SendErrorCode(c.res, 429, "rate_limited", "too many reports from this address: try again in an hour");
      return Status::Ok();
    }
    PSIRT_ASSIGN_OR_RETURN(http::JsonBody b, http::JsonBody::Read(c.req, {"title", "description", "affected", "reporter_name",
                                                                        "reporter_email", "attachment"}));
    WebReport r;
    PSIRT_ASSIGN_OR_RETURN(r.title, b.String("title"));
    PSIRT_ASSIGN_OR_RETURN(r.description, b.String("description"));
    PSIRT_ASSIGN_OR_RETURN(r.affected, b.String("affected"));
    PSIRT_ASSIGN_OR_RETURN(r.reporter.name, b.String("reporter_name"));
    PSIRT_ASSIGN_OR_RETURN(r.reporter.email, b.String("reporter_email"));
    PSIRT_ASSIGN_OR_RETURN(std::optional<http::JsonBody> a, b.Object("attachment", {"name", "content_type", "data_base64"}));
    if (a) {
      WebReport::File file;
      PSIRT_ASSIGN_OR_RETURN(file.name, a->String("name"));
      PSIRT_ASSIGN_OR_RETURN(file.content_type, a->String("content_type"));
      PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> b64, a->OptString("data_base64"));
      if (!b64) return std::move(Status::Invalid("attachment.data_base64: expected a string").Field("attachment.data_base64"));
      std::string data(b64->size() * 3 / 4 + 3, '\0');
      size_t len = 0;
      if (sodium_base642bin(reinterpret_cast<unsigned char*>(data.data()), data.size(), b64->data(), b64->size(), "\r\n",
                            &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
        return std::move(Status::Invalid("attachment.data_base64: not base64").Field("attachment.data_base64"));
      data.resize(len);
      file.data = std::move(data);
      r.attachment = std::move(file);
    }
    if (c.who.viewer.role == Role::kReporter) r.account = c.who.user->name;
    IntakeService intake(*c.store, c.ctx.config(), c.ctx.clock);
    PSIRT_ASSIGN_OR_RETURN(SubmittedReport sub, intake.Submit(r, static_cast<size_t>(c.ctx.config().server.attachment_kb) * 1024));
    http::SendJson(c.res, {{"token", sub.link_token}, {"link", "/r/" + sub.link_token}}, 201);
    return Status::Ok();
  });

  // The reporter's private link, as JSON: the same reporter portal as
  // their page and as a reporter account.
  on("GET", "/api/v1/reports/([^/]+)", Access::kAnyone, BodyKind::kNone, [](Call& c) -> Status {
    ReporterPortal portal(*c.store, c.ctx.config(), c.ctx.clock);
    PSIRT_ASSIGN_OR_RETURN(ReporterView view, portal.ByLink(c.Arg(1)));
    http::SendJson(c.res, ToJson(view));
    return Status::Ok();
  });
  on("POST", "/api/v1/reports/([^/]+)/comments", Access::kAnyone, BodyKind::kJson, [](Call& c) -> Status {
    ReporterPortal portal(*c.store, c.ctx.config(), c.ctx.clock);
    PSIRT_RETURN_IF_ERROR(portal.AdvisoryOfLink(c.Arg(1)).status());  // an unknown link before the body
    PSIRT_ASSIGN_OR_RETURN(http::JsonBody b, http::JsonBody::Read(c.req, {"text"}));
    PSIRT_ASSIGN_OR_RETURN(std::string text, b.String("text"));
    PSIRT_ASSIGN_OR_RETURN(ReporterView view, portal.ReplyByLink(c.Arg(1), text));
    http::SendJson(c.res, ToJson(view), 201);
    return Status::Ok();
  });
}


}  // namespace psirt::api
