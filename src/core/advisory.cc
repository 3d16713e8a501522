// The fold from events to an Advisory.
#include "core/advisory.h"

#include "base/strings.h"

#include <algorithm>

#include "core/event_payloads.h"
#include "core/identifiers.h"

namespace psirt {

std::string_view FixKindName(Fix::Kind k) { return k == Fix::Kind::kPr ? "pr" : "commit"; }

std::string Person::ToString() const {
  if (email.empty()) return name;
  if (name.empty()) return "<" + email + ">";
  return name + " <" + email + ">";
}

Result<Person> ParsePerson(std::string_view text) {
  auto trim = [](std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
  };
  text = trim(text);
  Person p;
  auto lt = text.rfind('<');
  if (lt != std::string_view::npos) {
    auto gt = text.find('>', lt);
    if (gt == std::string_view::npos || trim(text.substr(gt + 1)).size() != 0)
      return Status::Invalid("bad person '" + Shown(text) + "': expected \"Name <email>\"");
    p.name = std::string(trim(text.substr(0, lt)));
    if (p.name.find_first_of("<>@") != std::string::npos)
      return Status::Invalid("'" + Shown(text) + "' names more than one person: give one \"Name <email>\"");
    if (p.name.size() >= 2 && p.name.front() == '"' && p.name.back() == '"')
      p.name = p.name.substr(1, p.name.size() - 2);
    p.email = std::string(trim(text.substr(lt + 1, gt - lt - 1)));
  } else if (text.find('@') != std::string_view::npos && text.find(' ') == std::string_view::npos) {
    p.email = std::string(text);
  } else {
    p.name = std::string(text);
  }
  if (!p.email.empty()) {
    auto at = p.email.find('@');
    if (at == std::string::npos || at == 0 || at + 1 == p.email.size() || p.email.find('@', at + 1) != std::string::npos ||
        p.email.find_first_of(" <>,;:\"()[]\\") != std::string::npos)
      return Status::Invalid("bad e-mail address '" + Shown(p.email) + "': expected one user@host");
  }
  if (p.empty()) return Status::Invalid("empty person");
  return p;
}

namespace {

// One small function per event kind: what the event changes.

void ApplyReported(Advisory& a, const Event& e, const ev::Reported& r) {
  a.title = r.title;
  a.description = r.description;
  a.reporter = r.reporter;
  a.reported_on = r.reported_on;  // not set: not known (imported from a published document)
  a.id = e.advisory;
  if (auto parts = ParseAdvisoryId(e.advisory)) {
    a.year = parts->year;
    a.seq = parts->seq;
  }
  a.created_at = e.time;
  // Whose address is confirmed: the team's own entries, and reports a
  // reporter account sent while signed in; not an address anyone typed
  // into the public form or a From: line (older histories say so by their
  // source).
  a.reporter_confirmed = r.reporter_confirmed.value_or(r.source != "web" && r.source != "email");
  a.state = r.state.empty() ? State::kNew : ParseState(r.state).value_or(State::kNew);
}

void ApplyAcknowledged(Advisory& a, const Event& e, const ev::Acknowledged&) {
  if (!a.acknowledged_at) a.acknowledged_at = e.time;
}

void ApplyTriaged(Advisory& a, const Event&, const ev::Triaged& t) {
  if (t.cvss) a.cvss = *t.cvss;
  if (t.cvss_score) a.cvss_score = *t.cvss_score;
  if (t.cvss_severity) a.cvss_severity = *t.cvss_severity;
  if (t.cvss_version) a.cvss_version = *t.cvss_version;
  if (t.cwes) a.cwes = *t.cwes;
  if (t.files) a.files = *t.files;
  if (t.subsystem) a.subsystem = *t.subsystem;
  if (t.areas) a.areas = *t.areas;
  if (t.suggested_assignee) a.suggested_assignee = *t.suggested_assignee;
  if (t.need_to_know) a.need_to_know = *t.need_to_know;
}

void ApplyAssigned(Advisory& a, const Event&, const ev::Assigned& x) { a.assignee = x.assignee; }

void ApplyFixLinked(Advisory& a, const Event&, const ev::FixLinked& f) {
  a.sync_stale = true;
  if (std::find(a.fixes.begin(), a.fixes.end(), f.fix) == a.fixes.end()) a.fixes.push_back(f.fix);
}

void ApplyCveAssigned(Advisory& a, const Event&, const ev::CveAssigned& c) {
  a.cve_id = c.cve;
  a.cve_source = "psirt";
}

void ApplyCredited(Advisory& a, const Event&, const ev::Credited& c) { a.credits.push_back(c.credit); }

void ApplyNoted(Advisory& a, const Event& e, const ev::Noted& n) {
  Note note{e.time, e.actor, n.text};
  note.with_reporter = n.with_reporter;
  // Older histories did not say who wrote it: the reporter's actor names.
  note.from_reporter = n.from_reporter.value_or(n.with_reporter && e.actor.rfind("reporter", 0) == 0);
  a.notes.push_back(std::move(note));
}

void ApplyMoved(Advisory& a, const Event& e, const ev::Moved& m) {
  a.sync_stale = true;
  a.state = m.to;
  a.state_reason = m.reason;
  if (m.no_cve_reason) a.no_cve_reason = *m.no_cve_reason;
  if (m.early_reason) a.early_reason = *m.early_reason;
  if (a.state == State::kAccepted && !a.accepted_on) a.accepted_on = e.time.date();
  if (a.state == State::kPublic && !a.public_on) a.public_on = e.time.date();
  if (a.state != State::kNew && a.state != State::kTriage && !a.acknowledged_at)
    a.acknowledged_at = e.time;  // assigned, reviewed or closed: certainly seen
}

void ApplySynced(Advisory& a, const Event&, const ev::Synced& s) {
  a.fix_facts = s.facts;
  a.sync_stale = false;
  a.backports_missing = a.fix_facts->BackportsMissing();
  a.unreleased = a.fix_facts->Unreleased();
  a.fixed_in = a.fix_facts->FixedIn();
  a.backports_probable.clear();
  if (a.fix_facts->main_merged)
    for (const FixFacts::Branch& b : a.fix_facts->branches)
      if (b.status == BranchStatus::kProbable && b.facts.probable)
        a.backports_probable.push_back({b.facts.branch, b.facts.probable->commit, b.facts.probable->percent});
}

void ApplyEdited(Advisory& a, const Event&, const ev::Edited& x) {
  a.sync_stale = true;
  if (x.title) a.title = *x.title;
  if (x.description) a.description = *x.description;
  if (x.ghsa) a.ghsa_id = *x.ghsa;
  if (x.introduced_by) a.introduced_by = *x.introduced_by;
  if (x.reporter) {
    a.reporter = *x.reporter;
    a.reporter_confirmed = true;  // the team typed it
  }
  if (x.reporter_confirmed) a.reporter_confirmed = *x.reporter_confirmed;
  if (x.embargo_ends) a.embargo_override = *x.embargo_ends;
}

void ApplyImported(Advisory& a, const Event&, const ev::Imported& m) {
  a.sync_stale = true;
  // Where the CVE id came from: a record names its assigner; a page does not.
  if (m.cve && (*m.cve != a.cve_id || a.cve_source.empty()))
    a.cve_source = m.format == "cve5" || m.assigner ? "record" : "page";
  else if (m.assigner)
    a.cve_source = "record";
  auto take = [](auto& field, const auto& given) {
    if (given) field = *given;
  };
  take(a.title, m.title);
  take(a.description, m.description);
  take(a.cve_id, m.cve);
  take(a.ghsa_id, m.ghsa);
  if (m.public_on) a.public_on = m.public_on;
  take(a.cwes, m.cwes);
  take(a.cvss, m.cvss);
  take(a.cvss_severity, m.cvss_severity);
  take(a.cvss_version, m.cvss_version);
  if (m.cvss_score) a.cvss_score = m.cvss_score;
  take(a.fixed_release, m.fixed_release);
  take(a.fixed_statement, m.fixed_statement);
  take(a.page_notes, m.page_notes);
  take(a.published_text, m.published_text);
  take(a.published_fingerprint, m.published_fingerprint);
  take(a.cve_assigner, m.assigner);
  take(a.fixed_releases, m.fixed_releases);
  take(a.fixed_branches, m.fixed_branches);
  if (m.embargo_ends) a.embargo_override = m.embargo_ends;
  if (m.state) {
    a.state = *m.state;  // the publication date is only what the document says
    a.state_reason = m.reason;
  }
  take(a.page_position, m.page_position);
  take(a.fixes, m.fixes);
  take(a.references, m.references);
  take(a.credits, m.credits);
}

void ApplyNotified(Advisory& a, const Event&, const ev::Notified& n) { a.notified.push_back(n.key); }
void ApplyCveRecord(Advisory& a, const Event& e, const ev::CveRecordSent& r) {
  a.cve_record = Advisory::CveRecordState{r.action, r.fingerprint, e.time};
}

void ApplyModule(Advisory& a, const Event&, const ev::ModuleChanged& m) { m.ApplyTo(a.module); }

void ApplyPatchAdded(Advisory& a, const Event&, const ev::PatchAdded& p) {
  bool same = !a.patch_series.empty() && a.patch_series.back().Key() == p.series.Key();
  a.patch_series.push_back(p.series);
  if (!same) {  // results are for the patches, not the attachment
    a.patch_checks.clear();
    a.patch_tests.clear();
  }
  for (PatchCheckResult& r : a.patch_checks) r.series = p.series.number;
  for (PatchTestResult& r : a.patch_tests) r.series = p.series.number;
}

void ApplyPatchTested(Advisory& a, const Event&, const ev::PatchTested& p) {
  auto it = std::find_if(a.patch_tests.begin(), a.patch_tests.end(), [&](const PatchTestResult& x) { return x.branch == p.result.branch; });
  if (it != a.patch_tests.end()) *it = p.result;
  else a.patch_tests.push_back(p.result);
}

void ApplyPatchChecked(Advisory& a, const Event&, const ev::PatchChecked& p) {
  for (const PatchCheckResult& r : p.results) {
    auto it = std::find_if(a.patch_checks.begin(), a.patch_checks.end(), [&](const PatchCheckResult& x) { return x.branch == r.branch; });
    if (it != a.patch_checks.end()) *it = r;
    else a.patch_checks.push_back(r);
  }
}

void ApplyGithub(Advisory& a, const Event&, const ev::Github& g) {
  if (g.repo) a.github.repo = *g.repo;
  if (g.base) a.github.base = *g.base;
  if (g.facts) a.github.facts = *g.facts;
  if (g.conflicts) a.github.conflicts = *g.conflicts;
  if (g.pulls)
    for (auto it = g.pulls->begin(); it != g.pulls->end(); ++it) a.github.pulls[it.key()] = it.value();
}

// Reads the event as its payload type and applies it.
template <class P>
Status ApplyAs(Advisory& a, const Event& e, void (*apply)(Advisory&, const Event&, const P&)) {
  PSIRT_ASSIGN_OR_RETURN(P p, ev::PayloadOf<P>(e));
  apply(a, e, p);
  return Status::Ok();
}

Status Dispatch(Advisory& a, const Event& e) {
  switch (e.kind) {
    case EventKind::kReported: return ApplyAs(a, e, ApplyReported);
    case EventKind::kAcknowledged: return ApplyAs(a, e, ApplyAcknowledged);
    case EventKind::kTriaged: return ApplyAs(a, e, ApplyTriaged);
    case EventKind::kAssigned: return ApplyAs(a, e, ApplyAssigned);
    case EventKind::kFixLinked: return ApplyAs(a, e, ApplyFixLinked);
    case EventKind::kCveAssigned: return ApplyAs(a, e, ApplyCveAssigned);
    case EventKind::kCredited: return ApplyAs(a, e, ApplyCredited);
    case EventKind::kNoted: return ApplyAs(a, e, ApplyNoted);
    case EventKind::kMoved: return ApplyAs(a, e, ApplyMoved);
    case EventKind::kEdited: return ApplyAs(a, e, ApplyEdited);
    case EventKind::kSynced: return ApplyAs(a, e, ApplySynced);
    case EventKind::kImported: return ApplyAs(a, e, ApplyImported);
    case EventKind::kNotified: return ApplyAs(a, e, ApplyNotified);
    case EventKind::kGithub: return ApplyAs(a, e, ApplyGithub);
    case EventKind::kModule: return ApplyAs(a, e, ApplyModule);
    case EventKind::kCveRecord: return ApplyAs(a, e, ApplyCveRecord);
    case EventKind::kPatchAdded: return ApplyAs(a, e, ApplyPatchAdded);
    case EventKind::kPatchChecked: return ApplyAs(a, e, ApplyPatchChecked);
    case EventKind::kPatchTested: return ApplyAs(a, e, ApplyPatchTested);
  }
  return Status::Internal("unknown event kind");
}

}  // namespace

Status Apply(Advisory& a, const Event& e) {
  PSIRT_RETURN_IF_ERROR(Dispatch(a, e));
  a.updated_at = e.time;
  a.version = e.seq;
  return Status::Ok();
}

Result<Advisory> Fold(std::span<const Event> events) {
  if (events.empty()) return Status::NotFound("no events");
  Advisory a;
  for (size_t i = 0; i < events.size(); ++i) {
    const Event& e = events[i];
    if (e.seq != static_cast<int>(i) + 1)
      return Status::Internal("history of " + e.advisory + " has a gap at event " +
                              std::to_string(i + 1));
    if (i == 0 && e.kind != EventKind::kReported)
      return Status::Internal("history of " + e.advisory + " does not start with a report");
    PSIRT_RETURN_IF_ERROR(Apply(a, e));
  }
  return a;
}

}  // namespace psirt
