// The background jobs page and its "pull GitHub now" action.

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

void JobsPage(Call& c) {
  auto runs = c.Jobs().Recent();
  if (!runs.ok()) return FailPage(c, runs.status());
  const ServerInfo& s = c.ctx.config().server;
  std::string b = "<h1>Background jobs</h1><p>sync every " + (s.sync_minutes ? std::to_string(s.sync_minutes) + " minutes" : std::string("(off)")) +
                  ", fetch and sync every " + (s.fetch_minutes ? std::to_string(s.fetch_minutes) + " minutes" : std::string("(off)")) +
                  ", notify every " + (s.notify_minutes ? std::to_string(s.notify_minutes) + " minutes" : std::string("(off)")) +
                  ", intake every " + (s.intake_minutes ? std::to_string(s.intake_minutes) + " minutes" : std::string("(off)")) +
                  ", GitHub pull every " + (c.ctx.config().github.pull_minutes ? std::to_string(c.ctx.config().github.pull_minutes) + " minutes" : std::string("(off: webhooks only)")) +
                  ", CVE records updated every " +
                  (c.ctx.config().cve_services.update_minutes ? std::to_string(c.ctx.config().cve_services.update_minutes) + " minutes"
                                                              : std::string("(off)")) +
                  " (server:, github: and cve_services: in psirt.yml).</p>" +
                  (c.ctx.config().github.repo.empty() ? std::string()
                   : "<form method=\"post\" action=\"/github/pull\">" + html::CsrfField(c.who.csrf) +
                         "<button type=\"submit\">Pull GitHub advisories of " + Esc(c.ctx.config().github.repo) + " now</button></form>") +
                  "<table id=\"jobs\"><thead><tr><th>Job</th><th>Started</th><th>Finished</th><th>Result</th><th>Instance</th></tr></thead><tbody>";
  for (const JobRun& r : *runs)
    b += "<tr><td>" + Esc(r.job) + "</td><td>" + Esc(r.started_at.ToString()) + "</td><td>" + Esc(r.finished_at.ToString()) + "</td><td class=\"" +
         (r.ok ? "" : "overdue") + "\">" + (r.ok ? "ok" : "failed") + ": " + Esc(r.message) + "</td><td>" + Esc(r.instance) + "</td></tr>";
  b += "</tbody></table>";
  SendPage(c, "Jobs", b);
}

void GithubPullPost(Call& c) {
  if (!CsrfOk(c)) return FailPage(c, kExpired);
  auto gh = c.Github(false);
  if (!gh.ok()) return FailPage(c, gh.status());
  auto r = (*gh)->service->Pull(c.ctx.config().github.repo);
  if (!r.ok()) return FailPage(c, r.status());
  std::string b = "<h1>Pulled from GitHub</h1><p>" + std::to_string(r->advisories) + " advisories: " + std::to_string(r->created) +
                  " created, " + std::to_string(r->updated) + " updated, " + std::to_string(r->unchanged) + " unchanged.</p><ul id=\"github-pull\">";
  for (const std::string& x : r->changes) b += "<li>" + Esc(x) + "</li>";
  for (const std::string& x : r->conflicts) b += "<li class=\"overdue\">conflict: " + Esc(x) + "</li>";
  for (const std::string& x : r->errors) b += "<li class=\"overdue\">not taken: " + Esc(x) + "</li>";
  b += "</ul><p><a href=\"/jobs\">Back</a></p>";
  SendPage(c, "GitHub pull", b);
}


}  // namespace psirt::web
