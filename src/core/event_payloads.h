// Event payloads: one plain type per event kind, with its JSON reading and
// writing beside it. The JSON is the store's durable format (core/event.h);
// every event psirt appends is built from one of these types, and every
// reader of a history (the fold, the timeline, the exporters) reads through
// them. Absent fields stay absent: an optional field that is not set is not
// written, so "not given" and "given empty" remain different where the fold
// needs them to be (a triage or an edit replaces only what it gives).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "base/time.h"
#include "core/advisory.h"
#include "core/event.h"
#include "core/fix_status.h"
#include "core/state.h"

namespace psirt::ev {

// A new report (the first event of every history).
struct Reported {
  static constexpr EventKind kKind = EventKind::kReported;
  std::string title;
  std::string description;
  Person reporter;
  std::optional<Date> reported_on;  // not set: not known (imported from a published page)
  std::string source;               // cli, web, email, api, import, github, ...
  std::string message_id;           // the report mail's Message-ID, if any
  // Whether the reporter's address is confirmed; not set (older histories):
  // confirmed unless the source is the public form or mail.
  std::optional<bool> reporter_confirmed;
  std::string state;  // a starting state other than New (older imports)
  nlohmann::json ToJson() const;
  static Result<Reported> FromJson(const nlohmann::json& p);
};

// The team has seen the report and told the reporter so.
struct Acknowledged {
  static constexpr EventKind kKind = EventKind::kAcknowledged;
  nlohmann::json ToJson() const { return nlohmann::json::object(); }
  static Result<Acknowledged> FromJson(const nlohmann::json&) { return Acknowledged{}; }
};

// Triage data; each given field replaces the old value.
struct Triaged {
  static constexpr EventKind kKind = EventKind::kTriaged;
  std::optional<std::string> cvss;
  std::optional<double> cvss_score;
  std::optional<std::string> cvss_severity;
  std::optional<std::string> cvss_version;
  std::optional<std::vector<std::string>> cwes;
  std::optional<std::vector<std::string>> files;
  std::optional<std::string> subsystem;
  std::optional<std::vector<std::string>> areas;  // MAINTAINERS.yml areas of the files
  std::optional<std::string> suggested_assignee;
  std::optional<std::vector<std::string>> need_to_know;
  bool empty() const;
  nlohmann::json ToJson() const;
  static Result<Triaged> FromJson(const nlohmann::json& p);
};

// Payload of kAssigned: the assignee and how the name was resolved.
struct Assigned {
  static constexpr EventKind kKind = EventKind::kAssigned;
  std::string assignee;  // a known person's handle
  nlohmann::json ToJson() const;
  static Result<Assigned> FromJson(const nlohmann::json& p);
};

// Payload of kFixLinked: the fix (PR or commit) and its branch.
struct FixLinked {
  static constexpr EventKind kKind = EventKind::kFixLinked;
  Fix fix;
  nlohmann::json ToJson() const;
  static Result<FixLinked> FromJson(const nlohmann::json& p);
};

// A CVE id given to the advisory; a change of an assigned id names the
// previous one and why.
struct CveAssigned {
  static constexpr EventKind kKind = EventKind::kCveAssigned;
  std::string cve;
  std::string previous;
  std::string reason;
  nlohmann::json ToJson() const;
  static Result<CveAssigned> FromJson(const nlohmann::json& p);
};

// Payload of kCredited: who is credited and as what.
struct Credited {
  static constexpr EventKind kKind = EventKind::kCredited;
  Credit credit;
  nlohmann::json ToJson() const;
  static Result<Credited> FromJson(const nlohmann::json& p);
};

// A note. `with_reporter`: part of the conversation with the reporter
// (shown on their private page); `from_reporter`: the reporter wrote it
// (not set in older histories: guessed from the actor).
struct Noted {
  static constexpr EventKind kKind = EventKind::kNoted;
  std::string text;
  bool with_reporter = false;
  std::optional<bool> from_reporter;
  nlohmann::json ToJson() const;
  static Result<Noted> FromJson(const nlohmann::json& p);
};

// A lifecycle move. `reason` belongs to this move (cleared by the next);
// the CVE-less and early-publication reasons, once given, stay.
struct Moved {
  static constexpr EventKind kKind = EventKind::kMoved;
  State from = State::kNew;
  State to = State::kNew;
  std::string reason;
  std::optional<std::string> no_cve_reason;
  std::optional<std::string> early_reason;
  nlohmann::json ToJson() const;
  static Result<Moved> FromJson(const nlohmann::json& p);
};

// An edit by the team; each given field replaces the old value.
struct Edited {
  static constexpr EventKind kKind = EventKind::kEdited;
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::optional<Person> reporter;  // typed by the team: confirms the address
  std::optional<bool> reporter_confirmed;
  std::optional<std::string> ghsa;
  std::optional<std::string> introduced_by;
  // Set: the embargo end changes, to a date or (an empty inner value) back
  // to the policy's.
  std::optional<std::optional<Date>> embargo_ends;
  std::string reason;
  bool empty() const;
  nlohmann::json ToJson() const;
  static Result<Edited> FromJson(const nlohmann::json& p);
};

// What the repository says of the fix (the git engine's facts).
struct Synced {
  static constexpr EventKind kKind = EventKind::kSynced;
  FixFacts facts;
  nlohmann::json ToJson() const { return FixFactsToJson(facts); }
  static Result<Synced> FromJson(const nlohmann::json& p);
};

// Fields taken from a published document (a vulnerabilities page, a CVE
// record, a GHSA); each given field replaces the old value.
struct Imported {
  static constexpr EventKind kKind = EventKind::kImported;
  std::string format;  // zephyr-rst, cve5, github, ...
  std::string file;    // the document's file name or URL
  std::optional<std::string> title, description, cve, ghsa;
  std::optional<State> state;
  std::string reason;  // with state
  std::optional<Date> public_on;
  std::optional<std::vector<std::string>> cwes;
  std::optional<std::string> cvss, cvss_severity, cvss_version;
  std::optional<double> cvss_score;
  std::optional<std::vector<Credit>> credits;
  std::optional<std::vector<Fix>> fixes;
  std::optional<std::string> fixed_release;
  std::optional<std::vector<std::string>> fixed_releases, fixed_branches;
  std::optional<std::string> fixed_statement;
  std::optional<std::vector<Reference>> references;
  std::optional<std::string> page_notes;
  std::optional<Date> embargo_ends;
  std::optional<std::string> published_text, published_fingerprint;
  std::optional<int> page_position;
  std::optional<std::string> assigner;  // the CVE record's assigner (orgId / short name)
  std::vector<std::string> FieldNames() const;  // the given fields, in payload order
  nlohmann::json ToJson() const;
  static Result<Imported> FromJson(const nlohmann::json& p);
};

// A notification that was sent.
struct Notified {
  static constexpr EventKind kKind = EventKind::kNotified;
  std::string key;   // what it was about, so it is sent once
  std::string kind;  // the notice kind (core/notification.h)
  std::vector<std::string> to;
  std::string message_id;
  std::string transport;  // smtp, mbox, ...
  nlohmann::json ToJson() const;
  static Result<Notified> FromJson(const nlohmann::json& p);
};

// The advisory's CVE record as sent to CVE Services.
struct CveRecordSent {
  static constexpr EventKind kKind = EventKind::kCveRecord;
  std::string cve;
  std::string action;       // created, updated, rejected
  std::string fingerprint;  // SHA-256 (hex) of the CNA container sent ("" for a rejection)
  std::string service;      // the service's host
  nlohmann::json ToJson() const;
  static Result<CveRecordSent> FromJson(const nlohmann::json& p);
};

// GitHub sync's record (core/github_sync.h): given objects replace, except
// pulls, whose entries are merged by number.
struct Github {
  static constexpr EventKind kKind = EventKind::kGithub;
  std::optional<std::string> repo;
  std::optional<nlohmann::json> base, facts, conflicts, pulls;  // JSON objects
  struct Resolution {
    std::string field;
    std::string take;  // "ours" or "theirs"
  };
  std::optional<Resolution> resolved;
  nlohmann::json ToJson() const;
  static Result<Github> FromJson(const nlohmann::json& p);
};

// The module an advisory concerns and the coordination with its upstream
// (psirt scan --open, forward, upstream); each given field replaces.
struct ModuleChanged {
  static constexpr EventKind kKind = EventKind::kModule;
  std::optional<std::string> module, path, upstream, origin, vuln, pinned, status, resolution, fix_route, contact,
      upstream_advisory;
  std::optional<std::vector<std::string>> aliases, fixed_upstream;
  std::optional<Date> forwarded_on, upstream_acknowledged_on, upstream_embargo;
  bool empty() const { return ToJson().empty(); }
  // Every field of `l` given (the projection's column).
  static ModuleChanged Of(const ModuleLink& l);
  void ApplyTo(ModuleLink& l) const;  // the given fields replace
  nlohmann::json ToJson() const;
  static Result<ModuleChanged> FromJson(const nlohmann::json& p);
};

// An embargoed fix series attached (psirt patch add).
struct PatchAdded {
  static constexpr EventKind kKind = EventKind::kPatchAdded;
  PatchSeries series;
  nlohmann::json ToJson() const;
  static Result<PatchAdded> FromJson(const nlohmann::json& p);
};

// The current series checked on branches (psirt patch check): each
// branch's result replaces its previous one.
struct PatchChecked {
  static constexpr EventKind kKind = EventKind::kPatchChecked;
  std::vector<PatchCheckResult> results;
  nlohmann::json ToJson() const;
  static Result<PatchChecked> FromJson(const nlohmann::json& p);
};

// The project's test command run on a branch with the series (psirt patch test).
struct PatchTested {
  static constexpr EventKind kKind = EventKind::kPatchTested;
  PatchTestResult result;
  nlohmann::json ToJson() const;
  static Result<PatchTested> FromJson(const nlohmann::json& p);
};

// The fix's JSON (also inside `imported`).
nlohmann::json FixToJson(const Fix& f);
Result<Fix> FixFromJson(const nlohmann::json& j);

// An event of kind P::kKind read as P; an error naming the event otherwise.
template <class P>
Result<P> PayloadOf(const Event& e) {
  if (e.kind != P::kKind)
    return Status::Internal("event " + std::to_string(e.seq) + " of " + e.advisory + " is " +
                            std::string(EventKindName(e.kind)) + ", not " + std::string(EventKindName(P::kKind)));
  if (!e.payload.is_object())
    return Status::Invalid("event " + std::to_string(e.seq) + " (" + std::string(EventKindName(e.kind)) + ") of " +
                           e.advisory + ": payload is not an object");
  auto p = P::FromJson(e.payload);
  if (!p.ok())
    return Status::Invalid("event " + std::to_string(e.seq) + " (" + std::string(EventKindName(e.kind)) + ") of " +
                           e.advisory + ": " + p.status().message());
  return p;
}

// An event a command would add, before it has a place in a history: built
// only from a payload type.
struct Draft {
  template <class P>
    requires requires { P::kKind; }
  Draft(const P& p) : kind(P::kKind), payload(p.ToJson()) {}  // NOLINT: implicit on purpose
  EventKind kind;
  nlohmann::json payload;
};

// One line saying what an event did, with its content ("fix linked: PR #77
// on main", "CVE CVE-2024-1234"): the CLI's history and the dashboard's
// timeline. Not `insider`: without note texts and the reasons of moves.
std::string DescribeEvent(const Event& e, bool insider = true);

// The state a `moved` event went to; nothing for other events.
std::optional<State> MovedTo(const Event& e);

}  // namespace psirt::ev
