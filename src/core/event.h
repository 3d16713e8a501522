// Event: one append-only entry of an advisory's history (who, when, what).
// The kinds and their JSON payloads are the store's durable format; each
// kind's payload has one type in core/event_payloads.h, the only place
// payloads are read or written.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/time.h"

namespace psirt {

// The kinds of events an advisory's history holds.
enum class EventKind {
  kReported,      // {title, description, reporter{name,email}, reported_on?, source, message_id,
                  //  reporter_confirmed? (absent: confirmed unless source is web or email)}
                  //  (no reported_on: not known, e.g. imported from a published page)
  kAcknowledged,  // {}
  kTriaged,       // {cvss?, cvss_score?, cvss_severity?, cvss_version?, cwes?, files?,
                  //  subsystem?, areas?, suggested_assignee?, need_to_know?}
                  //  given fields replace the old values
  kAssigned,      // {assignee}
  kFixLinked,     // {kind: pr|commit, ref, branch}
  kCveAssigned,   // {cve, previous?, reason?} (a change of an assigned id has both)
  kCredited,      // {name, type}
  kNoted,         // {text, with_reporter?, from_reporter?}
  kMoved,         // {from, to, reason?, no_cve_reason?, early_reason?}
  kEdited,        // {title?, description?, reporter{name,email}? (confirms it), ghsa?,
                  //  embargo_ends?, introduced_by?, reason?, reporter_confirmed?}
  kSynced,        // {fix_commits, main_merged, main_first_release, branches: [{branch,
                  //  required, status, release, commits, method}]} from the repository
  kImported,      // {format, file, and any of: title, description, cve, ghsa, state,
                  //  reason (with state), public_on, cwes, cvss, cvss_score,
                  //  cvss_severity, cvss_version, credits[{name,type}],
                  //  fixes[{kind,ref,branch,label,url,release}], fixed_release,
                  //  fixed_releases, fixed_branches, fixed_statement,
                  //  references[{kind,name,url}], page_notes, embargo_ends,
                  //  published_text, published_fingerprint, page_position,
                  //  assigner}: given fields replace
  kNotified,      // {key, kind, to[], message_id, transport}: a notification was sent
  kGithub,        // {repo?, base?, facts?, conflicts?, pulls?, resolved?{field, take}}:
                  //  GitHub sync's record (core/github_sync.h); given objects replace,
                  //  except pulls, whose entries are merged by number
  kModule,        // {module?, path?, upstream?, origin?, vuln?, aliases?, pinned?, fixed_upstream?,
                  //  status?, resolution?, fix_route?, contact?, forwarded_on?,
                  //  upstream_acknowledged_on?, upstream_advisory?, upstream_embargo?}:
                  //  the module the advisory concerns and its upstream coordination; given fields replace
  kCveRecord,     // {cve, action: created|updated|rejected, fingerprint, service}: the advisory's
                  //  CVE record sent to CVE Services (fingerprint: SHA-256 of the container sent)
  kPatchAdded,    // {series, attachment, patches: [{subject, author, patch_id, commit, files}]}:
                  //  an embargoed fix series attached (its text: the attachment)
  kPatchChecked,  // {results: [{branch, tip, series, series_key, fit, three_way, conflicts:
                  //  [{patch, file, hunks}], present}]}: the series checked on branches
  kPatchTested,   // {branch, tip, series, series_key, result, exit_code, seconds, output}: the
                  //  project's test command run on a branch with the series applied
};

std::string_view EventKindName(EventKind k);  // snake_case, as stored
std::optional<EventKind> ParseEventKind(std::string_view name);

// One appended fact: kind, payload, actor, time and sequence number.
struct Event {
  std::string advisory;
  int seq = 0;  // 1-based position in the advisory's history
  std::string actor;
  Timestamp time;
  EventKind kind = EventKind::kNoted;
  nlohmann::json payload = nlohmann::json::object();
};

}  // namespace psirt
