// Lifecycle use cases over the store.
#include "app/advisory_service.h"

#include <algorithm>
#include <cctype>

#include "app/owners_service.h"
#include "base/strings.h"
#include "core/cvss/cvss.h"
#include "core/identifiers.h"
#include "core/text_rules.h"
#include "formats/email_report.h"

namespace psirt {
namespace {

using nlohmann::json;

}  // namespace

Status CheckAdvisoryIdShape(const std::string& id) {
  if (!ParseAdvisoryId(id))
    return Status::Invalid("bad advisory id '" + EscapeControls(id, false) + "': expected PREFIX-YYYY-NNNN");
  return Status::Ok();
}

Status CheckAdvisoryId(const std::string& id, const WorkspaceConfig& c) {
  PSIRT_RETURN_IF_ERROR(CheckAdvisoryIdShape(id));
  std::string prefix = c.advisory_prefix + "-";
  if (id.rfind(prefix, 0) != 0) {
    std::string theirs = id.substr(0, id.rfind('-', id.rfind('-') - 1));
    return Status::NotFound(id + " is not an advisory of this workspace: its ids start with " + prefix +
                            " (" + theirs + " is another project's prefix; --workspace DIR selects another workspace)");
  }
  return Status::Ok();
}

bool NamesAdvisoryByCveOrGhsa(const std::string& ref) { return CheckCveId(ref).ok() || CheckGhsaId(ref).ok(); }

Status CheckAdvisoryRefShape(const std::string& ref) {
  if (NamesAdvisoryByCveOrGhsa(ref) || CheckAdvisoryIdShape(ref).ok()) return Status::Ok();
  return Status::Invalid("bad advisory id '" + EscapeControls(ref, false) +
                         "': expected PREFIX-YYYY-NNNN, a CVE id or a GHSA id");
}

Status CheckAdvisoryRef(const std::string& ref, const WorkspaceConfig& c) {
  PSIRT_RETURN_IF_ERROR(CheckAdvisoryRefShape(ref));
  return NamesAdvisoryByCveOrGhsa(ref) ? Status::Ok() : CheckAdvisoryId(ref, c);
}

Result<std::string> ResolveAdvisoryRef(StoreTx& tx, const std::string& ref) {
  if (!NamesAdvisoryByCveOrGhsa(ref)) return ref;
  std::optional<std::string> id;
  if (CheckCveId(ref).ok()) {
    PSIRT_ASSIGN_OR_RETURN(id, tx.FindByCve(ref));
  } else {
    PSIRT_ASSIGN_OR_RETURN(id, tx.FindByGhsa(ref));
  }
  if (!id) return Status::NotFound("no advisory has " + ref);
  return *id;
}

Status CheckPerson(const Person& p, std::string_view field) {
  std::string f(field);
  PSIRT_RETURN_IF_ERROR(CheckText(TextRule{field, false, 256}, p.name));
  if (!p.email.empty()) {
    PSIRT_RETURN_IF_ERROR(CheckText(TextRule{field, false, 254}, p.email));
    auto at = p.email.find('@');
    if (at == std::string::npos || at == 0 || at + 1 == p.email.size() || p.email.find('@', at + 1) != std::string::npos ||
        p.email.find_first_of(" <>,;:\"()[]\\") != std::string::npos)
      return std::move(Status::Invalid(f + ": bad e-mail address '" + Shown(p.email) + "': expected one user@host").Field(f));
  }
  return Status::Ok();
}

Status AdvisoryService::AppendAll(StoreTx& tx, const std::string& actor, Advisory& a,
                                  const std::vector<Draft>& drafts, std::vector<Event>& out) {
  PSIRT_RETURN_IF_ERROR(CheckText(text::kActor, actor));
  if (Trim(actor).empty()) return Status::Invalid("actor: empty: who is acting?");
  Timestamp now = clock_.Now();
  for (const Draft& d : drafts) {
    Event e;
    e.advisory = a.id;
    e.seq = a.version + 1;
    e.actor = actor;
    e.time = now;
    e.kind = d.kind;
    e.payload = d.payload;  // built from its payload type (core/event_payloads.h)
    PSIRT_RETURN_IF_ERROR(Apply(a, e));
    PSIRT_RETURN_IF_ERROR(tx.AppendEvent(e));
    out.push_back(std::move(e));
  }
  if (!drafts.empty()) PSIRT_RETURN_IF_ERROR(tx.PutSummary(Summarize(a)));
  return Status::Ok();
}

Result<ev::Reported> AdvisoryService::ReportPayload(const ReportRequest& req, Date& on) {
  std::string title = Trim(req.title);
  if (title.empty()) return Status::Invalid("a report needs a title (--title)");
  PSIRT_RETURN_IF_ERROR(CheckText(text::kTitle, title));
  PSIRT_RETURN_IF_ERROR(CheckText(text::kDescription, req.description));
  PSIRT_RETURN_IF_ERROR(CheckPerson(req.reporter, "reporter"));
  PSIRT_RETURN_IF_ERROR(CheckText(TextRule{"message id", false, 998}, req.message_id));
  Date today = clock_.Now().date();
  on = req.reported_on.value_or(today);
  if (on > today)
    return Status::Invalid("reported-on date " + on.ToString() + " is in the future (today is " +
                           today.ToString() + ")");
  ev::Reported r;
  r.title = title;
  r.description = req.description;
  r.reporter = req.reporter;
  r.reported_on = on;
  r.source = req.source;
  r.message_id = req.message_id;
  r.reporter_confirmed = req.reporter_confirmed.value_or(req.source != "web" && req.source != "email");
  return r;
}

Status AdvisoryService::ReportIn(StoreTx& tx, const std::string& actor, const ReportRequest& req,
                                 const ev::Reported& payload, Date on, Change& change) {
  change = Change{};
  PSIRT_ASSIGN_OR_RETURN(int last, tx.LastSequence(on.year()));
  Advisory& a = change.advisory;
  a.id = FormatAdvisoryId(config_.advisory_prefix, on.year(), last + 1);
  a.year = on.year();
  a.seq = last + 1;
  std::vector<Draft> drafts = {payload};
  if (req.to_triage) drafts.push_back(ev::Moved{State::kNew, State::kTriage});
  return AppendAll(tx, actor, a, drafts, change.events);
}

Result<Change> AdvisoryService::Report(const std::string& actor, const ReportRequest& req, const AlsoInTx& also) {
  Date on;
  PSIRT_ASSIGN_OR_RETURN(ev::Reported payload, ReportPayload(req, on));
  Change change;
  PSIRT_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    PSIRT_RETURN_IF_ERROR(ReportIn(tx, actor, req, payload, on, change));
    return also ? also(tx, change) : Status::Ok();
  }));
  return change;
}

Result<Change> AdvisoryService::CreateWith(const std::string& actor, const ReportRequest& req, const Decide& more) {
  return Report(actor, req, [&](StoreTx& tx, Change& change) -> Status {
    PSIRT_ASSIGN_OR_RETURN(std::vector<Draft> drafts, more(change.advisory));
    return AppendAll(tx, actor, change.advisory, drafts, change.events);
  });
}

Result<std::vector<Change>> AdvisoryService::ReportFromEmail(const std::string& actor, const std::string& raw,
                                                             const std::string& filename,
                                                             std::optional<Date> reported_on, bool to_triage,
                                                             std::optional<std::string> description) {
  std::vector<MailboxMessage> messages = SplitMailbox(raw);
  if (messages.size() > 1 && description)
    return Status::Invalid(filename + ": holds " + std::to_string(messages.size()) +
                           " messages; --description applies to one: report them one by one");
  std::vector<std::pair<ReportRequest, std::pair<ev::Reported, Date>>> reports;
  for (const MailboxMessage& m : messages) {
    PSIRT_ASSIGN_OR_RETURN(EmailReport mail, ParseEmailReport(m.text, filename, m.first_line));
    ReportRequest req;
    req.title = mail.subject;
    req.description = description ? *description : mail.body;
    req.reporter = mail.from;
    req.reported_on = reported_on ? *reported_on : mail.date.date();
    req.source = "email";
    req.message_id = mail.message_id;
    req.to_triage = to_triage;
    if (!description && Utf8Length(mail.body) > text::kDescription.max_chars)
      return std::move(Status::Invalid("the message body is " + std::to_string(Utf8Length(mail.body)) +
                                       " characters; an advisory description holds at most " +
                                       std::to_string(text::kDescription.max_chars) +
                                       " (the CVE record's limit): give a shorter one with --description")
                           .At(filename, m.first_line));
    Date on;
    auto payload = ReportPayload(req, on);
    if (!payload.ok()) return std::move(Status(payload.status()).At(filename, m.first_line));
    reports.push_back({std::move(req), {std::move(payload).value(), on}});
  }
  std::vector<Change> out;
  PSIRT_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    out.clear();
    for (const auto& [req, pd] : reports) {
      Change c;
      PSIRT_RETURN_IF_ERROR(ReportIn(tx, actor, req, pd.first, pd.second, c));
      out.push_back(std::move(c));
    }
    return Status::Ok();
  }));
  return out;
}

Result<Change> AdvisoryService::Mutate(const std::string& actor, const std::string& id, Action action,
                                       const Decide& decide) {
  return MutateTx(actor, id, action, [&](StoreTx&, const Advisory& a) { return decide(a); });
}

Status AdvisoryService::MutateIn(StoreTx& tx, const std::string& actor, const std::string& id, Action action,
                                 const DecideTx& decide, Change& change) {
  change = Change{};
  PSIRT_ASSIGN_OR_RETURN(std::string resolved, ResolveAdvisoryRef(tx, id));
  PSIRT_ASSIGN_OR_RETURN(std::vector<Event> events, tx.LoadEvents(resolved));
  if (events.empty()) return Status::NotFound("no advisory " + id);
  PSIRT_ASSIGN_OR_RETURN(change.advisory, Fold(events));
  if (guard_) PSIRT_RETURN_IF_ERROR(guard_(change.advisory, action));
  PSIRT_ASSIGN_OR_RETURN(std::vector<Draft> drafts, decide(tx, change.advisory));
  return AppendAll(tx, actor, change.advisory, drafts, change.events);
}

Result<Change> AdvisoryService::MutateTx(const std::string& actor, const std::string& id, Action action,
                                         const DecideTx& decide) {
  PSIRT_RETURN_IF_ERROR(CheckAdvisoryRef(id, config_));
  Change change;
  Status st = store_.Write([&](StoreTx& tx) -> Status { return MutateIn(tx, actor, id, action, decide, change); });
  if (!st.ok()) return st;
  return change;
}

Result<Advisory> AdvisoryService::Get(const std::string& id) {
  PSIRT_ASSIGN_OR_RETURN(std::vector<Event> events, History(id));
  return Fold(events);
}

Result<std::vector<Event>> AdvisoryService::History(const std::string& id) {
  PSIRT_RETURN_IF_ERROR(CheckAdvisoryRef(id, config_));
  std::vector<Event> events;
  PSIRT_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(std::string resolved, ResolveAdvisoryRef(tx, id));
    PSIRT_ASSIGN_OR_RETURN(events, tx.LoadEvents(resolved));
    return Status::Ok();
  }));
  if (events.empty()) return Status::NotFound("no advisory " + id);
  return events;
}

Result<std::string> AdvisoryService::Resolve(const std::string& ref) {
  PSIRT_RETURN_IF_ERROR(CheckAdvisoryRef(ref, config_));
  std::string id;
  PSIRT_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(id, ResolveAdvisoryRef(tx, ref));
    return Status::Ok();
  }));
  return id;
}

Result<std::vector<FoldedAdvisory>> AdvisoryService::All() {
  std::vector<FoldedAdvisory> out;
  PSIRT_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(std::vector<std::string> ids, tx.AdvisoryIds());
    out.reserve(ids.size());
    for (const std::string& id : ids) {
      PSIRT_ASSIGN_OR_RETURN(std::vector<Event> events, tx.LoadEvents(id));
      PSIRT_ASSIGN_OR_RETURN(Advisory a, Fold(events));
      out.push_back({std::move(a), std::move(events)});
    }
    return Status::Ok();
  }));
  return out;
}

Status ReprojectIfNeeded(Store& store) {
  return store.Write([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> mark, tx.GetState("reproject"));
    if (!mark || mark->empty()) return Status::Ok();
    PSIRT_ASSIGN_OR_RETURN(std::vector<std::string> ids, tx.AdvisoryIds());
    for (const std::string& id : ids) {
      PSIRT_ASSIGN_OR_RETURN(std::vector<Event> events, tx.LoadEvents(id));
      PSIRT_ASSIGN_OR_RETURN(Advisory a, Fold(events));
      PSIRT_RETURN_IF_ERROR(tx.PutSummary(Summarize(a)));
    }
    return tx.PutState("reproject", "");
  });
}

Result<std::vector<AdvisorySummary>> AdvisoryService::List(const ListQuery& q) {
  std::vector<AdvisorySummary> all;
  PSIRT_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    SummaryFilter f;
    if (q.states.size() == 1) f.state = q.states[0];  // the store's index does the first cut
    PSIRT_ASSIGN_OR_RETURN(all, tx.ListSummaries(f));
    return Status::Ok();
  }));
  std::vector<AdvisorySummary> out;
  for (AdvisorySummary& s : all)
    if (Matches(s, q)) out.push_back(std::move(s));
  SortList(out, q.sort, config_.policy, [](const AdvisorySummary& s) -> const AdvisorySummary& { return s; });
  return out;
}

Result<Change> AdvisoryService::Acknowledge(const std::string& actor, const std::string& id) {
  return Mutate(actor, id, Action::kManage, [](const Advisory& a) -> Result<std::vector<Draft>> {
    if (a.acknowledged_at) return std::vector<Draft>{};
    return std::vector<Draft>{ev::Acknowledged{}};
  });
}

Result<Change> AdvisoryService::Triage(const std::string& actor, const std::string& id,
                                       const TriageRequest& req) {
  std::optional<std::vector<std::string>> cwes;
  if (req.cwes) {  // checked, duplicates merged
    cwes.emplace();
    for (const auto& c : *req.cwes) {
      PSIRT_RETURN_IF_ERROR(CheckCweId(c));
      if (std::find(cwes->begin(), cwes->end(), c) == cwes->end()) cwes->push_back(c);
    }
  }
  if (req.subsystem) PSIRT_RETURN_IF_ERROR(CheckText(text::kSubsystem, *req.subsystem));
  std::optional<CvssScore> score;
  std::string vector = req.cvss ? Trim(*req.cvss) : "";
  if (req.cvss) {
    auto r = ScoreCvss(vector);
    if (!r.ok()) return Status::Invalid("--cvss: " + r.status().message());
    score = std::move(r).value();
  }
  if (req.files)
    for (const auto& f : *req.files) {
      PSIRT_RETURN_IF_ERROR(CheckText(text::kFile, f));
      if (f.empty() || f[0] == '/' || f.find("..") != std::string::npos)
        return Status::Invalid("bad file '" + f + "': expected a path relative to the repository root");
    }
  const OwnersService* owners = nullptr;
  if (req.files && owners_) {
    PSIRT_ASSIGN_OR_RETURN(owners, owners_());
  }
  return Mutate(actor, id, Action::kManage, [&](const Advisory& a) -> Result<std::vector<Draft>> {
    if (IsClosed(a.state))
      return Status::Invalid(a.id + " is " + std::string(StateName(a.state)) +
                             ": triage data can no longer change");
    ev::Triaged p;
    if (score && vector != a.cvss) {
      p.cvss = vector;
      p.cvss_score = score->score;
      p.cvss_severity = std::string(score->severity);
      p.cvss_version = std::string(CvssVersionName(score->version));
    }
    if (cwes && *cwes != a.cwes) p.cwes = *cwes;
    if (req.files && *req.files != a.files) {
      p.files = *req.files;
      if (owners) {
        std::vector<std::string> areas, need;
        auto add = [&need](const std::vector<std::string>& v) {
          for (const auto& x : v)
            if (std::find(need.begin(), need.end(), x) == need.end()) need.push_back(x);
        };
        for (const std::string& f : *req.files)
          for (const AreaMatch& m : owners->Match(f))
            if (std::find(areas.begin(), areas.end(), m.area->name) == areas.end())
              areas.push_back(m.area->name);
        AssigneeSuggestion s = owners->Suggest(*req.files);
        add(s.notify);
        add(s.collaborators);
        std::sort(areas.begin(), areas.end());
        p.areas = areas;
        p.suggested_assignee = s.assignee;
        p.need_to_know = need;
      }
    }
    if (req.subsystem && *req.subsystem != a.subsystem) p.subsystem = *req.subsystem;
    if (p.empty()) return std::vector<Draft>{};
    return std::vector<Draft>{p};
  });
}

Result<std::vector<KnownPerson>> AdvisoryService::KnownPeople(StoreTx& tx) {
  std::vector<KnownPerson> people;
  PSIRT_ASSIGN_OR_RETURN(std::vector<UserRecord> users, tx.ListUsers());
  for (const UserRecord& u : users) {
    if (u.disabled) continue;
    KnownPerson p;
    p.handle = u.github.empty() ? u.name : u.github;
    p.names = {u.name};
    p.team = u.role != Role::kReporter;
    p.source = "account";
    people.push_back(std::move(p));
  }
  auto add = [&](const std::string& handle, const char* source) {
    if (!handle.empty()) people.push_back({handle, {}, true, source});
  };
  for (const std::string& h : config_.team.psirt) add(h, "psirt.yml");
  for (const auto& [branch, managers] : config_.team.release_managers)
    for (const std::string& h : managers) add(h, "psirt.yml");
  if (owners_) {
    PSIRT_ASSIGN_OR_RETURN(const OwnersService* owners, owners_());
    if (owners)
      for (const OwnerArea& area : owners->index().areas()) {
        for (const std::string& h : area.maintainers) add(h, "MAINTAINERS.yml");
        for (const std::string& h : area.collaborators) add(h, "MAINTAINERS.yml");
      }
  }
  return people;
}

Result<Change> AdvisoryService::Assign(const std::string& actor, const std::string& id,
                                       const std::string& user) {
  std::string u = Trim(user);
  if (u.empty()) return std::move(Status::Invalid("assign needs a user").Field("assignee"));
  PSIRT_RETURN_IF_ERROR(CheckText(TextRule{"assignee", false, 256}, u));
  return MutateTx(actor, id, Action::kManage, [&](StoreTx& tx, const Advisory& a) -> Result<std::vector<Draft>> {
    if (IsClosed(a.state))
      return Status::Invalid(a.id + " is " + std::string(StateName(a.state)) + ": nothing to assign");
    // A known person's handle, so the assignee then sees the advisory.
    PSIRT_ASSIGN_OR_RETURN(std::vector<KnownPerson> people, KnownPeople(tx));
    PSIRT_ASSIGN_OR_RETURN(u, ResolveAssignee(u, people));
    std::vector<Draft> d;
    if (a.assignee != u) d.push_back(ev::Assigned{u});
    // reporting.rst: triage assigns the issue and moves it to Assigned.
    if (a.state == State::kTriage)
      d.push_back(ev::Moved{State::kTriage, State::kAssigned});
    return d;
  });
}

Result<Change> AdvisoryService::LinkFix(const std::string& actor, const std::string& id,
                                        const Fix& fix_in) {
  Fix fix = fix_in;
  if (fix.kind == Fix::Kind::kPr) {
    PSIRT_ASSIGN_OR_RETURN(fix.ref, NormalizePr(fix.ref));
  } else {
    PSIRT_ASSIGN_OR_RETURN(fix.ref, NormalizeSha(fix.ref));
  }
  if (fix.branch.empty()) fix.branch = config_.releases.main_branch;
  PSIRT_RETURN_IF_ERROR(CheckBranchName(fix.branch));
  return Mutate(actor, id, Action::kFix, [&](const Advisory& a) -> Result<std::vector<Draft>> {
    if (a.state == State::kRejected)
      return Status::Invalid(a.id + " is Rejected: reopen it (move to Triage) before linking fixes");
    if (std::find(a.fixes.begin(), a.fixes.end(), fix) != a.fixes.end())
      return std::vector<Draft>{};
    return std::vector<Draft>{ev::FixLinked{Fix{fix.kind, fix.ref, fix.branch}}};
  });
}

Result<Change> AdvisoryService::SetCve(const std::string& actor, const std::string& id,
                                       const std::string& cve, const std::string& reason) {
  PSIRT_RETURN_IF_ERROR(CheckCveId(cve));
  PSIRT_RETURN_IF_ERROR(CheckText(text::kReason, reason));
  return MutateTx(actor, id, Action::kManage, [&](StoreTx& tx, const Advisory& a) -> Result<std::vector<Draft>> {
    if (a.cve_id == cve) return std::vector<Draft>{};
    PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> holder, tx.FindByCve(cve));
    if (holder && *holder != a.id)
      return std::move(Status::Conflict(cve + " is already the CVE id of " + *holder +
                                        ": one CVE id, one advisory (a duplicate? reject one of them)")
                           .Field("cve"));
    ev::CveAssigned p{cve};
    if (!a.cve_id.empty()) {
      if (Trim(reason).empty())
        return std::move(Status::Invalid(a.id + " already has " + a.cve_id + ": changing an assigned CVE id needs a reason (--reason)")
                             .Field("reason"));
      p.previous = a.cve_id;
      p.reason = Trim(reason);
    }
    return std::vector<Draft>{p};
  });
}

Result<Change> AdvisoryService::AddCredit(const std::string& actor, const std::string& id,
                                          const Credit& credit) {
  std::string name = Trim(credit.name);
  if (name.empty()) return Status::Invalid("credit needs a name");
  PSIRT_RETURN_IF_ERROR(CheckText(TextRule{"credit", false, 256}, name));
  PSIRT_ASSIGN_OR_RETURN(std::string type, NormalizeCreditType(credit.type.empty() ? kDefaultCreditType
                                                                                    : credit.type));
  return Mutate(actor, id, Action::kManage, [&](const Advisory& a) -> Result<std::vector<Draft>> {
    for (const Credit& c : a.credits)
      if (c.name == name && c.type == type) return std::vector<Draft>{};
    return std::vector<Draft>{ev::Credited{Credit{name, type}}};
  });
}

Result<Change> AdvisoryService::AddNote(const std::string& actor, const std::string& id,
                                        const std::string& text, bool with_reporter) {
  std::string t = Trim(text);
  if (t.empty()) return Status::Invalid("empty note");
  PSIRT_RETURN_IF_ERROR(CheckText(text::kNote, t));
  return Mutate(actor, id, Action::kComment, [&](const Advisory&) -> Result<std::vector<Draft>> {
    return std::vector<Draft>{ev::Noted{t, with_reporter}};
  });
}

Result<Change> AdvisoryService::AddReporterNote(const std::string& actor, const std::string& id, const std::string& text) {
  std::string t = Trim(NeutralizeText(text, true));
  if (t.empty()) return std::move(Status::Invalid("empty message").Field("text"));
  PSIRT_RETURN_IF_ERROR(CheckText(text::kNote, t));
  return Mutate(actor, id, Action::kComment, [&](const Advisory&) -> Result<std::vector<Draft>> {
    return std::vector<Draft>{ev::Noted{t, true, true}};
  });
}

Result<Change> AdvisoryService::Move(const std::string& actor, const std::string& id,
                                     const MoveRequest& req) {
  Date today = clock_.Now().date();
  for (const std::string* r : {&req.reason, &req.no_cve_reason, &req.early_reason})
    PSIRT_RETURN_IF_ERROR(CheckText(text::kReason, *r));
  return Mutate(actor, id, ActionForMove(req.to), [&](const Advisory& a) -> Result<std::vector<Draft>> {
    PSIRT_RETURN_IF_ERROR(CheckMove(a, req, config_.policy, today));
    ev::Moved p{a.state, req.to, req.reason};
    if (req.to == State::kPublic && a.cve_id.empty()) p.no_cve_reason = req.no_cve_reason;
    if (req.to == State::kPublic && !req.early_reason.empty() && today < DeadlinesOf(a).embargo_ends)
      p.early_reason = req.early_reason;
    return std::vector<Draft>{p};
  });
}

namespace {
// The fields an import sets, to tell whether it would change anything.
json ImportedView(const Advisory& a) {
  json fixes = json::array(), refs = json::array(), credits = json::array();
  for (const Fix& f : a.fixes)
    fixes.push_back({FixKindName(f.kind), f.ref, f.branch, f.label, f.url, f.release});
  for (const Reference& r : a.references) refs.push_back({r.kind, r.name, r.url});
  for (const Credit& c : a.credits) credits.push_back({c.name, c.type});
  return {a.title, a.description, a.cve_id, a.ghsa_id, StateName(a.state), a.state_reason,
          a.public_on ? a.public_on->ToString() : "", a.cwes, a.cvss, a.cvss_severity,
          a.cvss_version, a.cvss_score ? *a.cvss_score : -1.0, credits, fixes, refs,
          a.fixed_release, a.fixed_releases, a.fixed_branches, a.fixed_statement, a.page_notes,
          a.published_text, a.published_fingerprint, a.page_position, a.cve_assigner,
          a.embargo_override ? a.embargo_override->ToString() : ""};
}

// What applying an import to `before` would take away (`after` is the
// result): each a person-readable item.
std::vector<std::string> Removals(const Advisory& before, const Advisory& after) {
  std::vector<std::string> out;
  auto gone = [&](const std::vector<std::string>& was, const std::vector<std::string>& now, const std::string& what) {
    for (const std::string& x : was)
      if (std::find(now.begin(), now.end(), x) == now.end()) out.push_back(what + " " + x);
  };
  if (!before.ghsa_id.empty() && after.ghsa_id != before.ghsa_id)
    out.push_back("GHSA id " + before.ghsa_id + (after.ghsa_id.empty() ? "" : " (replaced by " + after.ghsa_id + ")"));
  if (!before.title.empty() && after.title.empty()) out.push_back("the title");
  if (!before.description.empty() && after.description.empty()) out.push_back("the description");
  if (!before.cve_id.empty() && after.cve_id != before.cve_id) out.push_back("CVE id " + before.cve_id);
  for (const Fix& f : before.fixes) {
    bool kept = false;
    for (const Fix& g : after.fixes) kept = kept || (g.kind == f.kind && g.ref == f.ref && g.branch == f.branch);
    if (!kept)
      out.push_back(std::string(f.kind == Fix::Kind::kPr ? "fix PR " : "fix commit ") + f.ref + " on " +
                    (f.branch.empty() ? "?" : f.branch));
  }
  for (const Reference& r : before.references) {
    bool kept = false;
    for (const Reference& q : after.references) kept = kept || q.url == r.url;
    if (!kept) out.push_back("reference " + r.url);
  }
  gone(before.fixed_releases, after.fixed_releases, "fixed release");
  gone(before.fixed_branches, after.fixed_branches, "fixed branch");
  gone(before.cwes, after.cwes, "CWE");
  if (!before.cvss.empty() && after.cvss.empty()) out.push_back("CVSS " + before.cvss);
  return out;
}
}  // namespace

namespace {

// The GHSA ids an import's fields cite: its "ghsa" and its references.
std::vector<std::string> CitedGhsas(const ev::Imported& fields) {
  std::vector<std::string> out;
  auto scan = [&](const std::string& text) {
    for (size_t at = text.find("GHSA-"); at != std::string::npos; at = text.find("GHSA-", at + 5)) {
      std::string id = text.substr(at, 19);
      if (CheckGhsaId(id).ok() && std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
    }
  };
  if (fields.ghsa) scan(*fields.ghsa);
  if (fields.references)
    for (const Reference& r : *fields.references) {
      scan(r.url);
      scan(r.name);
    }
  return out;
}

// `fields` without any mention of `ghsa` (the field and the references citing it).
void DropGhsa(ev::Imported& fields, const std::string& ghsa) {
  if (fields.ghsa == ghsa) fields.ghsa.reset();
  if (!fields.references) return;
  std::erase_if(*fields.references, [&](const Reference& r) {
    return r.url.find(ghsa) != std::string::npos || r.name.find(ghsa) != std::string::npos;
  });
}

}  // namespace

Result<ImportOutcome> AdvisoryService::Import(const std::string& actor,
                                              std::span<const ImportItem> items, ImportPolicy policy) {
  ImportOutcome out;
  std::vector<std::string> conflicts;
  std::string first_file;
  int first_line = 0;
  Status st = store_.Write([&](StoreTx& tx) -> Status {
    out = ImportOutcome{};
    conflicts.clear();
    first_file.clear();
    first_line = 0;
    auto where = [](const ImportItem& item) {
      return item.file.empty() ? std::string() : item.file + (item.line ? ":" + std::to_string(item.line) : "") + ": ";
    };
    auto conflict = [&](const ImportItem& item, const std::string& what) {
      if (conflicts.empty()) {
        first_file = item.file;
        first_line = item.line;
      }
      conflicts.push_back(where(item) + what);
    };
    // A GHSA id another advisory holds is never taken or cited: refused as
    // a conflict, or with --replace left out of the item (and said).
    auto clashes = [&](const ImportItem& item, const std::string& self, ev::Imported& fields) -> Result<bool> {
      bool clash = false;
      for (const std::string& g : CitedGhsas(fields)) {
        PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> holder, tx.FindByGhsa(g));
        if (!holder || *holder == self) continue;
        std::string what = item.cve + (self.empty() ? "" : " (" + self + ")") + " cites " + g + ", the GHSA of " + *holder;
        if (policy == ImportPolicy::kRefuse) {
          conflict(item, what + " (one GHSA, one advisory: which record is wrong?)");
          clash = true;
        } else {
          DropGhsa(fields, g);
          out.warnings.push_back(where(item) + what + ": not taken");
        }
      }
      return clash;
    };
    for (const ImportItem& item : items) {
      for (const std::string& w : item.warnings) out.warnings.push_back(where(item) + w);
      PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> existing, tx.FindByCve(item.cve));
      std::vector<Event> added;
      if (!existing) {
        ev::Imported fields = item.fields;
        PSIRT_ASSIGN_OR_RETURN(bool clash, clashes(item, "", fields));
        if (clash) continue;
        PSIRT_ASSIGN_OR_RETURN(int last, tx.LastSequence(item.id_year));
        Advisory a;
        a.id = FormatAdvisoryId(config_.advisory_prefix, item.id_year, last + 1);
        // No report date: a published document does not say when it was reported.
        ev::Reported report;
        report.title = item.fields.title.value_or("");
        report.source = "import";
        PSIRT_RETURN_IF_ERROR(AppendAll(tx, actor, a, {report, fields}, added));
        ++out.created;
        out.ids.push_back(a.id);
        continue;
      }
      PSIRT_ASSIGN_OR_RETURN(std::vector<Event> events, tx.LoadEvents(*existing));
      PSIRT_ASSIGN_OR_RETURN(Advisory a, Fold(events));
      out.ids.push_back(a.id);
      if (item.placeholder) {  // psirt already knows more than "under embargo"
        ++out.unchanged;
        continue;
      }
      ev::Imported fields = item.fields;
      auto known_url = [](const std::vector<Reference>& refs, const std::string& url) {
        return std::any_of(refs.begin(), refs.end(), [&](const Reference& r) { return r.url == url; });
      };
      if (item.merge == ImportItem::Merge::kReplace && fields.references) {
        // A page speaks for the page's links only: references another kind
        // of document brought (a CVE record's) stay, and are never counted
        // as lost by re-importing the page.
        for (const Reference& r : a.references)
          if (r.kind == "record" && !known_url(*fields.references, r.url)) fields.references->push_back(r);
      }
      if (item.merge == ImportItem::Merge::kFill) {
        // Already described by a document (a page): its wording stays.
        if (!a.title.empty()) {
          fields.title.reset();
          fields.description.reset();
        }
        if (!a.ghsa_id.empty()) fields.ghsa.reset();
        if (fields.references) {
          std::vector<Reference> merged = a.references;
          for (const Reference& r : *fields.references)
            if (!known_url(a.references, r.url)) merged.push_back(r);
          fields.references = std::move(merged);
        }
      }
      PSIRT_ASSIGN_OR_RETURN(bool clash, clashes(item, a.id, fields));
      if (clash) continue;
      Advisory probe = a;
      Event e;
      e.advisory = a.id;
      e.seq = a.version + 1;
      e.kind = EventKind::kImported;
      e.payload = fields.ToJson();
      e.time = a.updated_at;
      PSIRT_RETURN_IF_ERROR(Apply(probe, e));
      if (ImportedView(probe) == ImportedView(a)) {
        ++out.unchanged;
        continue;
      }
      if (policy == ImportPolicy::kRefuse) {
        std::vector<std::string> lost = Removals(a, probe);
        if (!lost.empty()) {
          conflict(item, item.cve + " (" + a.id + ") would lose " + Join(lost, ", "));
          continue;
        }
      }
      PSIRT_RETURN_IF_ERROR(AppendAll(tx, actor, a, {fields}, added));
      ++out.updated;
    }
    if (!conflicts.empty()) {
      std::string msg = "import refused, nothing was changed: " + std::to_string(conflicts.size()) +
                        " conflict" + (conflicts.size() == 1 ? "" : "s") +
                        " (an advisory would lose what it has - a truncated or older document? - or an id "
                        "would be held twice); --replace lets the documents win, leaving out ids others hold";
      for (size_t k = 0; k < conflicts.size() && k < 20; ++k) msg += "\n  " + conflicts[k];
      if (conflicts.size() > 20) msg += "\n  ... and " + std::to_string(conflicts.size() - 20) + " more";
      // The first conflict's place is the error's, for --json and editors.
      return std::move(Status::Conflict(msg).At(first_file, first_line));
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return out;
}

Result<Change> AdvisoryService::RecordNotification(const std::string& actor, const std::string& id,
                                                   const ev::Notified& payload) {
  return Mutate(actor, id, Action::kManage, [&](const Advisory&) -> Result<std::vector<Draft>> {
    return std::vector<Draft>{payload};
  });
}

Result<std::vector<Change>> AdvisoryService::RecordSyncs(const std::string& actor,
                                                         const std::vector<std::pair<std::string, FixFacts>>& statuses) {
  const Date today = clock_.Now().date();
  for (const auto& [id, status] : statuses) PSIRT_RETURN_IF_ERROR(CheckAdvisoryRef(id, config_));
  std::vector<Change> out;
  PSIRT_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    out.clear();
    for (const auto& item : statuses) {
      const std::string& id = item.first;
      const FixFacts& status = item.second;  // (a named variable: lambdas may not capture bindings)
      Change c;
      PSIRT_RETURN_IF_ERROR(MutateIn(tx, actor, id, Action::kManage, [&](StoreTx&, const Advisory& a) -> Result<std::vector<Draft>> {
        std::vector<Draft> d;
        if (a.fix_facts != status) d.push_back(ev::Synced{status});
        if (a.state == State::kReview && status.main_merged) {
          MoveRequest m{State::kAccepted, "fix merged on " + config_.releases.main_branch};
          if (CheckMove(a, m, config_.policy, today).ok())
            d.push_back(ev::Moved{State::kReview, State::kAccepted, m.reason});
        }
        return d;
      }, c));
      out.push_back(std::move(c));
    }
    return Status::Ok();
  }));
  return out;
}

Result<Change> AdvisoryService::RecordSync(const std::string& actor, const std::string& id, const FixFacts& status) {
  PSIRT_ASSIGN_OR_RETURN(std::vector<Change> changes, RecordSyncs(actor, {{id, status}}));
  return std::move(changes.front());
}

Result<Change> AdvisoryService::Edit(const std::string& actor, const std::string& id,
                                     const EditRequest& req) {
  if (req.title && Trim(*req.title).empty()) return Status::Invalid("the title cannot be empty");
  if (req.title) PSIRT_RETURN_IF_ERROR(CheckText(text::kTitle, Trim(*req.title)));
  if (req.description) PSIRT_RETURN_IF_ERROR(CheckText(text::kDescription, *req.description));
  if (req.reporter) PSIRT_RETURN_IF_ERROR(CheckPerson(*req.reporter, "reporter"));
  PSIRT_RETURN_IF_ERROR(CheckText(text::kReason, req.reason));
  if (req.ghsa) PSIRT_RETURN_IF_ERROR(CheckGhsaId(*req.ghsa));
  std::string introduced;
  if (req.introduced_by) {
    PSIRT_ASSIGN_OR_RETURN(introduced, NormalizeSha(*req.introduced_by));
  }
  if ((req.embargo_ends || req.clear_embargo) && Trim(req.reason).empty())
    return Status::Invalid("changing the embargo date needs --reason");
  return MutateTx(actor, id, Action::kManage, [&](StoreTx& tx, const Advisory& a) -> Result<std::vector<Draft>> {
    ev::Edited p;
    if (req.title && Trim(*req.title) != a.title) p.title = Trim(*req.title);
    if (req.ghsa && *req.ghsa != a.ghsa_id) {
      PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> holder, tx.FindByGhsa(*req.ghsa));
      if (holder && *holder != a.id)
        return std::move(Status::Conflict(*req.ghsa + " is already the GHSA of " + *holder + ": one GHSA, one advisory")
                             .Field("ghsa"));
    }
    if (req.confirm_reporter && !a.reporter_confirmed) {
      if (a.reporter.email.empty()) return std::move(Status::Invalid("the report names no reporter address to confirm").Field("reporter"));
      p.reporter_confirmed = true;
    }
    if (req.description && *req.description != a.description) p.description = *req.description;
    if (req.reporter && (req.reporter->name != a.reporter.name || req.reporter->email != a.reporter.email))
      p.reporter = *req.reporter;
    if (req.ghsa && *req.ghsa != a.ghsa_id) p.ghsa = *req.ghsa;
    if (req.introduced_by && introduced != a.introduced_by) p.introduced_by = introduced;
    if (req.embargo_ends) {
      if (a.reported_on && *req.embargo_ends < *a.reported_on)
        return Status::Invalid("embargo end " + req.embargo_ends->ToString() +
                               " is before the report date " + a.reported_on->ToString());
      if (a.embargo_override != req.embargo_ends) p.embargo_ends.emplace(req.embargo_ends);
    } else if (req.clear_embargo && a.embargo_override) {
      p.embargo_ends.emplace(std::nullopt);
    }
    if (p.empty()) return std::vector<Draft>{};
    if (p.embargo_ends) p.reason = Trim(req.reason);
    return std::vector<Draft>{p};
  });
}

}  // namespace psirt
