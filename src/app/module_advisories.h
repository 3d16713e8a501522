// ModuleAdvisories: module vulnerabilities handled, not only found. A scan
// finding becomes an advisory (`psirt scan --open`) carrying the upstream
// ids, the module, the pinned revision and the upstream fixes; every later
// scan keeps that advisory's module status current (still pinned at a
// vulnerable revision, moved past the fix, closed by a VEX decision), and
// links open advisories whose affected files lie in a module to it. A
// report about a module goes to upstream's security contact under embargo
// (`psirt forward`), and upstream's answers - acknowledgement, advisory id,
// embargo end, where the fix goes - are recorded as they come
// (`psirt upstream`). Each is a `module` event on the advisory.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/advisory_service.h"
#include "app/module_service.h"
#include "app/scan_service.h"
#include "base/status.h"
#include "base/time.h"
#include "net/smtp_client.h"

namespace psirt {

// Opens an advisory (in Triage) for the finding of `vuln` (its id or an
// alias) in `module` of `r`; an open advisory already linked to it is
// named instead of a second one being made (AlreadyExists).
Result<Change> OpenModuleAdvisory(AdvisoryService& adv, const std::string& actor, const ScanResult& r,
                                  const ModuleWorkspace& w, const std::string& module, const std::string& vuln);

// After a scan: each open linked advisory's module status brought up to
// date, and open advisories whose affected files all lie in one module's
// path linked to it (origin "report"). Only what changed is recorded.
Result<std::vector<Change>> RecordModuleScan(AdvisoryService& adv, const std::string& actor, const ScanResult& r,
                                             const ModuleWorkspace& w);

// Where a module's upstream takes security reports, and where that was read.
struct UpstreamContact {
  std::string address;
  std::string source;  // "psirt.yml", "module.yml", "SECURITY.md", ".well-known/security.txt", "--to"
};
// The contact for `clone` (its module.yml's security.contact, then the
// clone's SECURITY.md, .github/SECURITY.md, security.txt), after psirt.yml's
// `modules.contacts`. NotFound names every place looked at.
Result<UpstreamContact> FindUpstreamContact(const ModuleClone* clone, const std::string& module,
                                            const std::map<std::string, std::string>& configured);

// `psirt forward ID`: sends the report to the module's upstream.
struct ForwardRequest {
  std::string module;  // when the advisory names none and its files do not tell
  std::string to;      // the contact, instead of looking it up
  std::string mbox;    // deliver to this mbox file, or
  SmtpOptions smtp;    // over SMTP
  bool dry_run = false;
};
struct ForwardOutcome {
  Change change;  // empty events on a dry run
  UpstreamContact contact;
  std::string subject, body, message_id;
};
Result<ForwardOutcome> ForwardToUpstream(AdvisoryService& adv, const std::string& actor, const std::string& id,
                                         const ForwardRequest& req, const ModuleWorkspace* w, Timestamp now);

// What a forward sent (or would send): the CLI's --json and the API's answer.
nlohmann::json ForwardOutcomeToJson(const ForwardOutcome& out, bool dry_run);

// `psirt upstream ID`: upstream's answers, each optional.
struct UpstreamUpdate {
  std::string module;  // links the advisory (origin "upstream" when it is not linked yet: reported by upstream)
  std::optional<Date> acknowledged_on, embargo_ends;
  std::string advisory;                      // upstream's id
  std::string route;                         // "upstream" or "fork"
  std::vector<std::string> fixed;            // upstream fix commits or versions
  std::string forwarded_to;                  // forwarded by other means (a web form): the contact, dated today
};
Result<Change> RecordUpstream(AdvisoryService& adv, const std::string& actor, const std::string& id,
                              const UpstreamUpdate& u, const ModuleWorkspace* w, Date today);

}  // namespace psirt
