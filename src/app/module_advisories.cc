// Module advisories: scan findings opened as advisories, kept current by
// later scans, forwarded to upstream and upstream's answers recorded.
#include "app/module_advisories.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "app/file_io.h"
#include "base/strings.h"
#include "core/module_link.h"
#include "core/policy.h"
#include "core/text_rules.h"
#include "formats/email_message.h"

namespace psirt {
namespace {

using Drafts = std::vector<ev::Draft>;

bool Names(const ScanFinding& f, const std::string& vuln) {
  return f.vuln == vuln || std::find(f.aliases.begin(), f.aliases.end(), vuln) != f.aliases.end();
}

// Whether link `l` is about finding `f`: same module, and the ids meet.
bool LinkNames(const ModuleLink& l, const ScanFinding& f) {
  if (l.module != f.module || l.vuln.empty()) return false;
  if (Names(f, l.vuln)) return true;
  for (const std::string& a : l.aliases)
    if (Names(f, a)) return true;
  return false;
}

std::string UpstreamUrl(const ModuleWorkspace& w, const std::string& module) {
  for (const WestProject& p : w.manifest.manifest.projects)
    if (p.name == module) return p.url;
  return "";
}

std::string Short(const std::string& ref) { return ref.size() == 40 ? ref.substr(0, 12) : ref; }

// The report of a finding, within the description's limit.
std::string FindingDescription(const ScanFinding& f) {
  std::string d = "Upstream vulnerability " + f.vuln +
                  (f.aliases.empty() ? "" : " (also " + Join(f.aliases, ", ") + ")") + " affects module " + f.module +
                  " (" + f.path + "), pinned at " + Short(f.commit) + (f.version.empty() ? "" : " (" + f.version + ")") +
                  ".\n\n";
  if (!f.summary.empty()) d += f.summary + "\n\n";
  d += "Found by psirt scan (" + f.how + ", matched by " + Join(f.matched_by, ", ") + "):\n";
  for (const std::string& line : f.detail) d += "- " + line + "\n";
  if (!f.fixed.empty()) {
    std::vector<std::string> fixes;
    for (const std::string& x : f.fixed) fixes.push_back(Short(x));
    d += "\nFixed upstream in " + Join(fixes, ", ") + ".\n";
  }
  if (Utf8Length(d) > text::kDescription.max_chars) d = TruncateUtf8(d, text::kDescription.max_chars - 4) + "...\n";
  return d;
}

std::string FindingTitle(const ScanFinding& f) {
  std::string t = f.module + ": " + (f.summary.empty() ? f.vuln : f.vuln + " - " + f.summary);
  t = Trim(t.substr(0, t.find('\n')));
  if (Utf8Length(t) > text::kTitle.max_chars) t = TruncateUtf8(t, text::kTitle.max_chars - 3) + "...";
  return t;
}

Result<std::vector<AdvisorySummary>> OpenLinked(AdvisoryService& adv) {
  ListQuery q;
  q.states = {State::kNew, State::kTriage, State::kAssigned, State::kReview, State::kAccepted};
  return adv.List(q);
}

}  // namespace

Result<Change> OpenModuleAdvisory(AdvisoryService& adv, const std::string& actor, const ScanResult& r,
                                  const ModuleWorkspace& w, const std::string& module, const std::string& vuln) {
  auto it = std::find_if(r.findings.begin(), r.findings.end(),
                         [&](const ScanFinding& f) { return f.module == module && Names(f, vuln); });
  if (it == r.findings.end())
    return Status::NotFound("the scan finds no " + vuln + " in module " + module + " (psirt scan lists the findings)");
  const ScanFinding& f = *it;
  if (f.suppressed)
    return Status::Invalid(vuln + " in " + module + " is closed by a VEX decision (" + f.vex->status +
                           "): change the decision before opening an advisory");
  PSIRT_ASSIGN_OR_RETURN(std::vector<AdvisorySummary> open, OpenLinked(adv));
  for (const AdvisorySummary& s : open)
    if (LinkNames(s.module, f)) return Status::Conflict(vuln + " in " + module + " is already advisory " + s.id);
  ReportRequest req;
  req.title = FindingTitle(f);
  req.description = FindingDescription(f);
  req.reporter = Person{"psirt scan (" + f.vuln + ")", ""};
  req.source = "scan";
  req.to_triage = true;
  ev::ModuleChanged m;
  m.module = f.module;
  m.path = f.path;
  m.upstream = UpstreamUrl(w, f.module);
  m.origin = "scan";
  m.vuln = f.vuln;
  m.aliases = f.aliases;
  m.pinned = f.commit;
  m.fixed_upstream = f.fixed;
  m.status = "vulnerable";
  return adv.CreateWith(actor, req, [&](const Advisory&) -> Result<Drafts> { return Drafts{m}; });
}

Result<std::vector<Change>> RecordModuleScan(AdvisoryService& adv, const std::string& actor, const ScanResult& r,
                                             const ModuleWorkspace& w) {
  PSIRT_ASSIGN_OR_RETURN(std::vector<AdvisorySummary> open, OpenLinked(adv));
  std::map<std::string, std::string> paths = w.Paths();
  std::vector<Change> changes;
  for (const AdvisorySummary& s : open) {
    std::optional<ev::ModuleChanged> change;
    if (s.module.linked()) {
      ModuleScanView v;
      auto mod = std::find_if(r.modules.begin(), r.modules.end(), [&](const ModuleScan& m) { return m.module == s.module.module; });
      if (mod == r.modules.end()) continue;
      v.scanned = true;
      v.pinned = mod->commit;
      v.version = mod->version;
      auto f = std::find_if(r.findings.begin(), r.findings.end(), [&](const ScanFinding& x) { return LinkNames(s.module, x); });
      if (f != r.findings.end()) {
        v.found = true;
        v.suppressed = f->suppressed;
        v.pinned = f->commit;
        v.fixed = f->fixed;
        if (f->vex)
          v.vex = f->vex->status + (f->vex->justification.empty() ? "" : ": " + f->vex->justification) + " (" +
                  f->vex_source + (f->vex_author.empty() ? "" : ", " + f->vex_author) + ")";
      }
      change = ModuleScanChange(s.module, v);
    } else {
      PSIRT_ASSIGN_OR_RETURN(Advisory a, adv.Get(s.id));
      std::string module = a.files.empty() ? "" : ModuleOfFiles(a.files, paths);
      if (module.empty()) continue;
      change.emplace();
      change->module = module;
      change->path = paths[module];
      change->upstream = UpstreamUrl(w, module);
      change->origin = "report";
    }
    if (!change) continue;
    PSIRT_ASSIGN_OR_RETURN(Change c, adv.Record(actor, s.id, Action::kManage, [&](const Advisory&) -> Result<Drafts> {
      return Drafts{*change};
    }));
    changes.push_back(std::move(c));
  }
  return changes;
}

Result<UpstreamContact> FindUpstreamContact(const ModuleClone* clone, const std::string& module,
                                            const std::map<std::string, std::string>& configured) {
  if (auto it = configured.find(module); it != configured.end() && !it->second.empty())
    return UpstreamContact{it->second, "psirt.yml"};
  std::vector<std::string> looked = {"psirt.yml modules.contacts"};
  if (clone && clone->meta && !clone->meta->security_contact.empty())
    return UpstreamContact{clone->meta->security_contact, "module.yml"};
  if (clone && clone->cloned) {
    looked.push_back("module.yml security.contact");
    for (const char* name : {"SECURITY.md", ".github/SECURITY.md", "docs/SECURITY.md", ".well-known/security.txt",
                             "security.txt"}) {
      std::filesystem::path p = std::filesystem::path(clone->dir) / name;
      std::error_code ec;
      if (!std::filesystem::is_regular_file(p, ec)) {
        looked.push_back(name);
        continue;
      }
      auto text = ReadFileText(p.string());
      if (!text.ok()) return text.status();
      std::string address = SecurityContactIn(*text);
      if (!address.empty()) return UpstreamContact{address, name};
      looked.push_back(std::string(name) + " (no address in it)");
    }
  } else {
    looked.push_back("the module's clone (not cloned)");
  }
  return Status::NotFound("no security contact for " + module + "'s upstream: looked at " + Join(looked, ", ") +
                          "; give one with --to or psirt.yml modules.contacts");
}

namespace {

// The module an advisory concerns: its link, else the one asked for, else
// the one holding its files. The link event for a new one (origin given).
Result<ev::ModuleChanged> ModuleFor(const Advisory& a, const std::string& asked, const ModuleWorkspace* w,
                                    const std::string& origin) {
  ev::ModuleChanged m;
  if (a.module.linked()) {
    if (!asked.empty() && asked != a.module.module)
      return Status::Invalid(a.id + " concerns module " + a.module.module + ", not " + asked);
    return m;
  }
  std::map<std::string, std::string> paths = w ? w->Paths() : std::map<std::string, std::string>{};
  std::string module = !asked.empty() ? asked : a.files.empty() ? "" : ModuleOfFiles(a.files, paths);
  if (module.empty())
    return Status::Invalid(a.id + " names no module and its affected files lie in no one module's path: name it (--module)");
  if (w && !paths.count(module)) return Status::NotFound("the manifest has no module " + module);
  m.module = module;
  if (w) {
    m.path = paths[module];
    m.upstream = UpstreamUrl(*w, module);
  }
  m.origin = origin;
  return m;
}

const ModuleClone* CloneOf(const ModuleWorkspace* w, const std::string& module) {
  if (!w) return nullptr;
  for (const ModuleClone& c : w->clones)
    if (c.project == module) return &c;
  return nullptr;
}

std::string ForwardBody(const Advisory& a, const std::string& module, const std::string& upstream,
                        const WorkspaceConfig& c, std::optional<Date> embargo_ends) {
  std::string project = c.project.empty() ? "our project" : c.project;
  std::string b = "Hello,\n\nThe " + project + " security team received a report of a vulnerability in " +
                  (upstream.empty() ? module : upstream) + ", which " + project + " ships as its module " + module +
                  (a.module.pinned.empty() ? "" : " (pinned at " + a.module.pinned + ")") +
                  ". We forward it to you under embargo: please keep it confidential until " + DateOr(embargo_ends) +
                  ", or tell us your own date.\n\n";
  b += "Our reference: " + a.id + " (please quote it in replies)\n";
  b += "Title: " + a.title + "\n";
  if (!a.cvss.empty()) {
    char score[16] = "";
    if (a.cvss_score) std::snprintf(score, sizeof score, " %.1f", *a.cvss_score);
    b += "Severity: " + a.cvss_severity + score + " (" + a.cvss + ")\n";
  }
  if (!a.files.empty()) b += "Affected files: " + Join(a.files, ", ") + "\n";
  if (a.reported_on) b += "Reported to us on: " + a.reported_on->ToString() + "\n";
  b += "\n" + a.description + "\n\n";
  b += "Please tell us when you have received it, your advisory id if you open one, your embargo date, and where the "
       "fix will go (a release of yours, or a patch for our copy).\n";
  return b;
}

}  // namespace

Result<ForwardOutcome> ForwardToUpstream(AdvisoryService& adv, const std::string& actor, const std::string& id,
                                         const ForwardRequest& req, const ModuleWorkspace* w, Timestamp now) {
  const WorkspaceConfig& c = adv.config();
  PSIRT_RETURN_IF_ERROR(CheckText(TextRule{"module", false, 256}, req.module));
  if (req.mbox.empty() == req.smtp.url.empty() && !req.dry_run)
    return Status::Usage("say where to deliver: --mbox FILE or --smtp smtp://HOST:PORT (or --dry-run)");
  if (c.notify.from.empty())
    return Status::Invalid("psirt.yml has no notify.from: set the sender, e.g. \"Security <security@example.org>\"");
  PSIRT_ASSIGN_OR_RETURN(std::string from_addr, EmailAddress(c.notify.from));
  PSIRT_ASSIGN_OR_RETURN(std::string resolved, adv.Resolve(id));
  PSIRT_ASSIGN_OR_RETURN(Advisory a, adv.Get(resolved));
  PSIRT_ASSIGN_OR_RETURN(ev::ModuleChanged link, ModuleFor(a, req.module, w, "report"));
  std::string module = link.module.value_or(a.module.module);
  std::string upstream = link.upstream.value_or(a.module.upstream);
  ForwardOutcome out;
  if (!req.to.empty()) {
    out.contact = {req.to, "--to"};
  } else {
    PSIRT_ASSIGN_OR_RETURN(out.contact, FindUpstreamContact(CloneOf(w, module), module, c.modules.contacts));
  }
  auto to = ParsePerson(out.contact.address);
  if (!to.ok() || to->email.empty())
    return Status::Invalid("the contact for " + module + " (" + out.contact.source + ") is '" + out.contact.address +
                           "', not an e-mail address: report there by hand, then record it (psirt upstream " + a.id +
                           " --forwarded-to ...)");
  OutgoingEmail mail;
  mail.from = c.notify.from;
  mail.to = {*to};
  mail.subject = "[EMBARGOED] Vulnerability in " + module + ": " + a.title + " (" + a.id + ")";
  mail.body = ForwardBody(a, module, upstream, c, adv.DeadlinesOf(a).embargo_ends);
  mail.date = now;
  mail.message_id = "psirt.forward." + a.id + "." + std::to_string(now.unix_seconds()) + "@" +
                    from_addr.substr(from_addr.find('@') + 1);
  out.subject = mail.subject;
  out.body = mail.body;
  out.message_id = mail.message_id;
  PSIRT_ASSIGN_OR_RETURN(std::string message, BuildEmail(mail));
  if (req.dry_run) {
    out.change.advisory = a;
    return out;
  }
  if (!req.mbox.empty()) {
    PSIRT_RETURN_IF_ERROR(AppendToMbox(req.mbox, MboxEntry(message, from_addr, now)));
  } else {
    PSIRT_RETURN_IF_ERROR(SendSmtp(req.smtp, from_addr, {to->email}, message));
  }
  link.contact = out.contact.address;
  link.forwarded_on = now.date();
  PSIRT_ASSIGN_OR_RETURN(out.change, adv.Record(actor, a.id, Action::kManage,
                                                [&](const Advisory&) -> Result<Drafts> { return Drafts{link}; }));
  return out;
}

nlohmann::json ForwardOutcomeToJson(const ForwardOutcome& out, bool dry_run) {
  return {{"id", out.change.advisory.id}, {"dry_run", dry_run},         {"to", out.contact.address},
          {"contact_from", out.contact.source}, {"subject", out.subject}, {"message_id", out.message_id},
          {"body", out.body}};
}

Result<Change> RecordUpstream(AdvisoryService& adv, const std::string& actor, const std::string& id,
                              const UpstreamUpdate& u, const ModuleWorkspace* w, Date today) {
  if (!u.route.empty() && u.route != "upstream" && u.route != "fork")
    return std::move(Status::Invalid("expected upstream or fork, got '" + u.route + "'").Field("route"));
  PSIRT_RETURN_IF_ERROR(CheckText(TextRule{"module", false, 256}, u.module));
  for (const std::string& f : u.fixed) PSIRT_RETURN_IF_ERROR(CheckText(TextRule{"fixed", false, 256}, f));
  PSIRT_ASSIGN_OR_RETURN(std::string resolved, adv.Resolve(id));
  PSIRT_ASSIGN_OR_RETURN(Advisory a, adv.Get(resolved));
  PSIRT_ASSIGN_OR_RETURN(ev::ModuleChanged m, ModuleFor(a, u.module, w, "upstream"));
  if (u.acknowledged_on) m.upstream_acknowledged_on = u.acknowledged_on;
  if (u.embargo_ends) m.upstream_embargo = u.embargo_ends;
  if (!u.advisory.empty()) {
    PSIRT_RETURN_IF_ERROR(CheckText(TextRule{"advisory", false, 256}, u.advisory));
    m.upstream_advisory = u.advisory;
  }
  if (!u.route.empty()) m.fix_route = u.route;
  if (!u.fixed.empty()) m.fixed_upstream = u.fixed;
  if (!u.forwarded_to.empty()) {
    PSIRT_RETURN_IF_ERROR(CheckText(TextRule{"forwarded-to", false, 1024}, u.forwarded_to));
    m.contact = u.forwarded_to;
    m.forwarded_on = today;
  }
  if (m.empty()) return Status::Usage("say what upstream answered: --acknowledged, --advisory, --embargo, --route, --fixed or --forwarded-to");
  return adv.Record(actor, a.id, Action::kManage, [&](const Advisory&) -> Result<Drafts> { return Drafts{m}; });
}

}  // namespace psirt
