// AdvisoryService: the lifecycle use cases (report, triage, assign, fix,
// cve, credit, note, move, edit, acknowledge) and the reads (show, list,
// history). Each command is one write transaction: load the history, fold,
// let the core decide, append the new events, update the projection.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "core/advisory.h"
#include "core/config.h"
#include "core/event_payloads.h"
#include "core/lifecycle.h"
#include "core/need_to_know.h"
#include "core/list_query.h"
#include "core/summary.h"
#include "store/store.h"

namespace psirt {

// A new report: what was reported, by whom, when and from where.
struct ReportRequest {
  std::string title;
  std::string description;
  Person reporter;
  std::optional<Date> reported_on;  // default: today (UTC)
  std::string source = "cli";       // cli, email, import
  std::string message_id;           // for e-mail reports
  bool to_triage = false;           // entered by the team: straight to Triage
  // Whether the reporter's address is known to be theirs; default: yes for
  // the team's own entries, no for web and e-mail intake.
  std::optional<bool> reporter_confirmed;
};

// The facts triage records: CVSS vector, CWE ids, affected files, subsystem.
struct TriageRequest {
  std::optional<std::string> cvss;
  std::optional<std::vector<std::string>> cwes;
  std::optional<std::vector<std::string>> files;
  std::optional<std::string> subsystem;
};

// Fields the PSIRT may correct after the report (each optional).
struct EditRequest {
  std::optional<std::string> title;
  std::optional<Person> reporter;
  std::optional<std::string> description;
  std::optional<std::string> ghsa;
  std::optional<std::string> introduced_by;  // commit SHA
  std::optional<Date> embargo_ends;
  bool clear_embargo = false;  // back to reported-on + embargo_days
  bool confirm_reporter = false;  // the reporter's address is known to be theirs
  std::string reason;
};

// One advisory read from a published document (a vulnerabilities page
// entry, a CVE record): matched to an existing advisory by CVE id.
struct ImportItem {
  std::string cve;
  ev::Imported fields;    // the `imported` event
  int id_year = 0;        // for a new advisory: the year in its id (the CVE's year);
                          // its report date stays unknown
  std::string file;       // where the item was read, for conflict messages
  int line = 0;
  // kReplace: the document is the authority for every field it gives (a
  // vulnerabilities page). kFill: it completes an existing advisory - title
  // and description only where empty, references added to those known (a
  // CVE record imported over a page).
  enum class Merge { kReplace, kFill } merge = Merge::kReplace;
  // An embargoed placeholder ("Under embargo until ..."): creates an advisory
  // that does not exist yet, never changes one that does.
  bool placeholder = false;
  // What the reader noticed but took as the document says (a score that
  // disagrees with its vector): reported with the outcome.
  std::vector<std::string> warnings;
};

// How an import treats fields an advisory already has that the document
// lacks (a GHSA id, fixes, references, stated releases, title): kRefuse
// reports them as conflicts and imports nothing; kReplace lets the
// document win.
enum class ImportPolicy { kRefuse, kReplace };

// What importing published pages did: created, updated, unchanged, refused.
struct ImportOutcome {
  int created = 0, updated = 0, unchanged = 0;
  std::vector<std::string> ids;  // per item, in order
  std::vector<std::string> warnings;  // "file:line: what", for a person to look at
};

// An advisory with the history it was folded from.
struct FoldedAdvisory {
  Advisory advisory;
  std::vector<Event> history;
};

// The outcome of a command: the advisory after it and the events it added
// (empty when the command changed nothing).
struct Change {
  Advisory advisory;
  std::vector<Event> events;
};

// Every lifecycle command on advisories, as events appended in one transaction each.
class AdvisoryService {
 public:
  AdvisoryService(Store& store, const WorkspaceConfig& config, const Clock& clock)
      : store_(store), config_(config), clock_(clock) {}

  // `also` runs in the report's transaction with the new advisory (the
  // intake stores attachments and the reporter's link there): its error
  // leaves nothing recorded.
  // It may add events to the change (GitHub sync's CreateWith does).
  using AlsoInTx = std::function<Status(StoreTx&, Change&)>;
  Result<Change> Report(const std::string& actor, const ReportRequest& req, const AlsoInTx& also = nullptr);
  // One report per message of `raw` (a message, or an mbox of several), all
  // in one transaction: a bad message and nothing is recorded. The body is
  // the description unless `description` is given (a body longer than a
  // published description can be is refused, with that advice).
  Result<std::vector<Change>> ReportFromEmail(const std::string& actor, const std::string& raw,
                                              const std::string& filename, std::optional<Date> reported_on,
                                              bool to_triage,
                                              std::optional<std::string> description = std::nullopt);

  // Every `id` below may also be the advisory's CVE or GHSA id.
  // The advisory id `ref` names (itself, or the holder of a CVE/GHSA id).
  Result<std::string> Resolve(const std::string& ref);
  Result<Advisory> Get(const std::string& id);
  // The advisories `q` selects, in its order (core/list_query.h).
  Result<std::vector<AdvisorySummary>> List(const ListQuery& q);
  // Those in one state, or all.
  Result<std::vector<AdvisorySummary>> List(std::optional<State> state) {
    ListQuery q;
    if (state) q.states = {*state};
    return List(q);
  }
  Result<std::vector<Event>> History(const std::string& id);
  // Every advisory, folded, with its history, read in one transaction
  // (publishing and notifications look at all of them).
  Result<std::vector<FoldedAdvisory>> All();

  Result<Change> Acknowledge(const std::string& actor, const std::string& id);
  Result<Change> Triage(const std::string& actor, const std::string& id, const TriageRequest& req);
  Result<Change> Assign(const std::string& actor, const std::string& id, const std::string& user);
  Result<Change> LinkFix(const std::string& actor, const std::string& id, const Fix& fix);
  // Records the CVE id. An id another advisory holds is refused with the
  // holder named; changing an assigned id needs a reason (kept in the event).
  Result<Change> SetCve(const std::string& actor, const std::string& id, const std::string& cve,
                        const std::string& reason = "");
  Result<Change> AddCredit(const std::string& actor, const std::string& id, const Credit& credit);
  // `with_reporter`: part of the conversation with the reporter (shown on
  // their private page); other notes are the team's.
  Result<Change> AddNote(const std::string& actor, const std::string& id, const std::string& text,
                         bool with_reporter = false);
  // What the reporter writes (their link, their account, their mail): part
  // of the conversation, never refused for its content - control
  // characters are kept escaped (NeutralizeText), line breaks normalised.
  Result<Change> AddReporterNote(const std::string& actor, const std::string& id, const std::string& text);
  Result<Change> Move(const std::string& actor, const std::string& id, const MoveRequest& req);
  Result<Change> Edit(const std::string& actor, const std::string& id, const EditRequest& req);
  // Creates or updates advisories from published documents in one
  // transaction; an item that would change nothing adds no event, so
  // importing the same documents twice is a no-op.
  Result<ImportOutcome> Import(const std::string& actor, std::span<const ImportItem> items,
                               ImportPolicy policy = ImportPolicy::kRefuse);
  // Records that a notification was sent (key: what it was about).
  Result<Change> RecordNotification(const std::string& actor, const std::string& id,
                                    const ev::Notified& payload);
  // Records a fix status read from the repository (when it changed) and
  // moves Review -> Accepted once the fix is merged on the main branch.
  Result<Change> RecordSync(const std::string& actor, const std::string& id, const FixFacts& status);
  // The same for many advisories in one transaction (a sync's results).
  Result<std::vector<Change>> RecordSyncs(const std::string& actor,
                                          const std::vector<std::pair<std::string, FixFacts>>& statuses);

  // Where triage --file finds the files' areas, the suggested assignee and
  // the need-to-know list: an owners index, asked for only when files are
  // given (the workspace loads its MAINTAINERS.yml then; nullptr: none).
  using OwnersProvider = std::function<Result<const class OwnersService*>()>;
  void set_owners(OwnersProvider provider) { owners_ = std::move(provider); }

  // Who may do what to an existing advisory: asked with the advisory as
  // loaded inside each command's transaction and the command's Action
  // (core/need_to_know); an error stops the command. Unset (the local CLI):
  // everything is allowed. The server sets its access filter here.
  using Guard = std::function<Status(const Advisory&, Action)>;
  void set_guard(Guard guard) { guard_ = std::move(guard); }

  Deadlines DeadlinesOf(const Advisory& a) const {
    return psirt::DeadlinesOf(config_.policy, a);
  }
  const WorkspaceConfig& config() const { return config_; }

  // An event a command would add, before it has a place in the history.
  using Draft = ev::Draft;
  using Decide = std::function<Result<std::vector<Draft>>(const Advisory&)>;
  // The same, with the transaction (to look at other advisories).
  using DecideTx = std::function<Result<std::vector<Draft>>(StoreTx&, const Advisory&)>;
  // For adapters that bring outside facts (GitHub sync): `decide` sees the
  // advisory as loaded in the write transaction and returns the events to
  // append (none: nothing changes). The guard applies as for any command.
  Result<Change> Record(const std::string& actor, const std::string& id, Action action, const Decide& decide) {
    return Mutate(actor, id, action, decide);
  }
  // The same with the write transaction, for facts that come with rows of
  // their own (an embargoed fix series' text, stored as an attachment).
  Result<Change> RecordTx(const std::string& actor, const std::string& id, Action action, const DecideTx& decide) {
    return MutateTx(actor, id, action, decide);
  }
  // A new advisory from a report and further events, in one transaction
  // (GitHub sync creating one from a GHSA).
  Result<Change> CreateWith(const std::string& actor, const ReportRequest& req, const Decide& more);

 private:
  // Everyone an advisory may be assigned to: the accounts, psirt.yml's
  // team and MAINTAINERS.yml's maintainers and collaborators.
  Result<std::vector<KnownPerson>> KnownPeople(StoreTx& tx);
  // Loads `id`, asks `decide` for new events, appends and projects them.
  Result<Change> Mutate(const std::string& actor, const std::string& id, Action action, const Decide& decide);
  Result<Change> MutateTx(const std::string& actor, const std::string& id, Action action, const DecideTx& decide);
  // MutateTx's work inside a transaction already open.
  Status MutateIn(StoreTx& tx, const std::string& actor, const std::string& id, Action action, const DecideTx& decide,
                  Change& change);
  Status AppendAll(StoreTx& tx, const std::string& actor, Advisory& a,
                   const std::vector<Draft>& drafts, std::vector<Event>& out);
  // Checks a report and returns its `reported` payload.
  Result<ev::Reported> ReportPayload(const ReportRequest& req, Date& on);
  Status ReportIn(StoreTx& tx, const std::string& actor, const ReportRequest& req, const ev::Reported& payload,
                  Date on, Change& change);

  Store& store_;
  const WorkspaceConfig& config_;
  const Clock& clock_;
  OwnersProvider owners_;
  Guard guard_;
};

// Rebuilds every projection row once after a migration asked for it (a
// new projected column); a no-op otherwise.
Status ReprojectIfNeeded(Store& store);

// Checks an advisory id's shape before any lookup (PREFIX-YYYY-NNNN).
Status CheckAdvisoryIdShape(const std::string& id);
// Like CheckAdvisoryIdShape, and says so when the id has another prefix
// than the workspace's (an id of another project).
Status CheckAdvisoryId(const std::string& id, const WorkspaceConfig& c);
// Whether `ref` names an advisory by the CVE or GHSA id it holds.
bool NamesAdvisoryByCveOrGhsa(const std::string& ref);
// An advisory reference as every command and endpoint takes it: the
// advisory id, its CVE id or its GHSA id - the shape only (the CLI checks
// it before any workspace is open).
Status CheckAdvisoryRefShape(const std::string& ref);
// The same, and an advisory id must have this workspace's prefix.
Status CheckAdvisoryRef(const std::string& ref, const WorkspaceConfig& c);
// The advisory id a checked reference names, looked up in `tx`: itself, or
// the holder of the CVE/GHSA id (NotFound when no advisory holds it).
Result<std::string> ResolveAdvisoryRef(StoreTx& tx, const std::string& ref);
// A person as psirt stores them: a one-line name and a well-formed address.
Status CheckPerson(const Person& p, std::string_view field);

}  // namespace psirt
