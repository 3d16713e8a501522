// Advisory: the current picture of one vulnerability report, and the fold
// that derives it from the advisory's append-only events. No I/O here.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "core/event.h"
#include "core/state.h"

namespace psirt {

struct Person {
  std::string name;
  std::string email;
  bool empty() const { return name.empty() && email.empty(); }
  std::string ToString() const;  // "Name <email>"
};

// A person credited in the published advisory, typed as CVE 5 credits are.
struct Credit {
  std::string name;
  std::string type;  // finder, reporter, analyst, coordinator, ...
};

// A change that fixes the vulnerability: a pull request or a commit, on a branch.
struct Fix {
  enum class Kind { kPr, kCommit };
  Kind kind = Kind::kCommit;
  std::string ref;     // PR number as digits, or a commit SHA (lower-case hex)
  std::string branch;  // target branch, e.g. "main" or "v3.7-branch"
  bool operator==(const Fix&) const = default;
};

struct Note {
  Timestamp time;
  std::string actor;
  std::string text;
};

// The folded state of an advisory. Every field is derived from events.
struct Advisory {
  std::string id;  // PREFIX-YYYY-NNNN
  int year = 0;
  int seq = 0;
  std::string title;
  std::string description;
  Person reporter;
  Date reported_on;
  State state = State::kNew;
  std::string assignee;
  std::string cvss;  // vector as given at triage
  std::optional<double> cvss_score;  // its score (v4.0: the vector's score; else base)
  std::string cvss_severity;         // None/Low/Medium/High/Critical
  std::string cvss_version;          // 2.0, 3.0, 3.1, 4.0
  std::vector<std::string> cwes;
  std::vector<std::string> files;
  std::string subsystem;
  std::vector<std::string> areas;         // MAINTAINERS.yml areas of the files
  std::string suggested_assignee;         // Zephyr's assignee rule over the files
  std::vector<std::string> need_to_know;  // maintainers and collaborators of the areas
  std::vector<Fix> fixes;
  std::string cve_id;
  std::string ghsa_id;
  std::string introduced_by;  // commit that introduced the bug, if known
  // The last fix status read from the repository (psirt sync), and what it
  // means for the process.
  nlohmann::json last_sync;                    // payload of the last synced event
  // Whether something the fix status depends on (fixes, introduced-by, the
  // state) changed since the last synced event.
  bool sync_stale = true;
  std::vector<std::string> backports_missing;  // policy branches without the fix
  std::vector<std::string> unreleased;         // branches with the fix merged, not released
  std::vector<std::string> fixed_in;           // release tags carrying the fix
  std::vector<Credit> credits;
  std::vector<Note> notes;
  std::optional<Date> embargo_override;  // explicit embargo end, if one was set
  std::optional<Timestamp> acknowledged_at;
  std::optional<Date> accepted_on;  // first time it entered Accepted
  std::optional<Date> public_on;
  std::string state_reason;   // reason given with the last transition
  std::string no_cve_reason;  // why it went Public without a CVE id
  std::string early_reason;   // why it went Public before the embargo ended
  Timestamp created_at;
  Timestamp updated_at;
  int version = 0;  // number of events folded (= seq of the last one)
};

// Applies one event to an advisory. Stored history is the truth, so this
// never refuses a well-formed event; it reports only malformed payloads.
Status Apply(Advisory& a, const Event& e);

// Folds a whole history (seq 1..n, in order) into an advisory.
Result<Advisory> Fold(std::span<const Event> events);

// Parses "Name <email>", "<email>", "email" or "Name".
Result<Person> ParsePerson(std::string_view text);

}  // namespace psirt
