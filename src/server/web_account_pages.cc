// Signing in and out of the dashboard.

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

void LoginPage(Call& c, const Refused* r, int status) {
  std::string b = "<h1>Sign in</h1>" + FormError(r, "login", {}) + "<form method=\"post\" action=\"/login\" id=\"login\">" +
                  html::CsrfField(FormToken(c)) +
                  "<label>Account <input type=\"text\" name=\"name\" autocomplete=\"username\"" +
                  (r ? " value=\"" + Esc(r->Value("login", "name")) + "\"" : std::string()) +
                  "></label>"
                  "<label>Password <input type=\"password\" name=\"password\" autocomplete=\"current-password\"></label>"
                  "<button type=\"submit\">Sign in</button></form>";
  SendPage(c, "Sign in", b, status);
}

void LoginPost(Call& c) {
  auto refuse = [&](const Status& st, int status) {
    Refused r{"login", &c.req, st};
    LoginPage(c, &r, status);
  };
  if (!CsrfOk(c)) return refuse(kExpired, 400);
  if (!c.ctx.logins.Allow(c.req.client)) return refuse(Status::Denied("Too many sign-in attempts from this address: wait a few minutes."), 429);
  auto session = c.Accounts().Login(c.req.Param("name"), c.req.Param("password"), c.req.client);
  if (!session.ok()) {
    if (session.status().code() == Status::Code::kIo) return FailPage(c, session.status());
    return refuse(session.status(), 401);
  }
  long age = static_cast<long>(session->expires_at.unix_seconds() - c.ctx.clock.Now().unix_seconds());
  c.res.SetHeader("Set-Cookie", std::string(kSessionCookie) + "=" + session->token + CookieAttrs(c.ctx, age));
  Redirect(c, "/");
}

void LogoutPost(Call& c) {
  if (c.who.session && CsrfOk(c)) (void)c.Accounts().Logout(c.req.Cookie(kSessionCookie));
  c.res.SetHeader("Set-Cookie", std::string(kSessionCookie) + "=" + CookieAttrs(c.ctx, 0));
  Redirect(c, "/");
}


}  // namespace psirt::web
