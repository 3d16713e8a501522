// The fold from events to an Advisory.
#include "core/advisory.h"

#include "base/strings.h"

#include <algorithm>

#include "core/identifiers.h"

namespace psirt {
namespace {

using nlohmann::json;

Status Malformed(const Event& e, std::string_view what) {
  return Status::Invalid("event " + std::to_string(e.seq) + " (" +
                         std::string(EventKindName(e.kind)) + ") of " + e.advisory + ": " +
                         std::string(what));
}

// Reads an optional string field; false when present with the wrong type.
bool GetString(const json& p, const char* key, std::string& out) {
  auto it = p.find(key);
  if (it == p.end() || it->is_null()) return true;
  if (!it->is_string()) return false;
  out = it->get<std::string>();
  return true;
}

bool GetStrings(const json& p, const char* key, std::vector<std::string>& out) {
  auto it = p.find(key);
  if (it == p.end() || it->is_null()) return true;
  if (!it->is_array()) return false;
  std::vector<std::string> v;
  for (auto& x : *it) {
    if (!x.is_string()) return false;
    v.push_back(x.get<std::string>());
  }
  out = std::move(v);
  return true;
}

bool GetDate(const json& p, const char* key, std::optional<Date>& out) {
  std::string s;
  if (!GetString(p, key, s)) return false;
  if (s.empty()) return true;
  auto d = Date::Parse(s);
  if (!d.ok()) return false;
  out = *d;
  return true;
}

bool ReadFix(const json& p, Fix& f) {
  std::string kind;
  if (!GetString(p, "kind", kind) || !GetString(p, "ref", f.ref) ||
      !GetString(p, "branch", f.branch) || !GetString(p, "label", f.label) ||
      !GetString(p, "url", f.url) || !GetString(p, "release", f.release) ||
      (kind != "pr" && kind != "commit"))
    return false;
  f.kind = kind == "pr" ? Fix::Kind::kPr : Fix::Kind::kCommit;
  return true;
}

}  // namespace

json FixPayload(const Fix& f) {
  return {{"kind", f.kind == Fix::Kind::kPr ? "pr" : "commit"}, {"ref", f.ref}, {"branch", f.branch},
          {"label", f.label}, {"url", f.url}, {"release", f.release}};
}

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

Status Apply(Advisory& a, const Event& e) {
  const json& p = e.payload;
  if (!p.is_object()) return Malformed(e, "payload is not an object");
  switch (e.kind) {
    case EventKind::kReported: {
      std::optional<Date> on;
      json rep = p.value("reporter", json::object());
      if (!GetString(p, "title", a.title) || !GetString(p, "description", a.description) ||
          !rep.is_object() || !GetString(rep, "name", a.reporter.name) ||
          !GetString(rep, "email", a.reporter.email) || !GetDate(p, "reported_on", on))
        return Malformed(e, "bad report payload");
      a.reported_on = on;  // absent: not known (imported from a published document)
      a.id = e.advisory;
      if (auto parts = ParseAdvisoryId(e.advisory)) {
        a.year = parts->year;
        a.seq = parts->seq;
      }
      a.created_at = e.time;
      // Whose address is confirmed: the team's own entries, and reports
      // a reporter account sent while signed in; not an address anyone
      // typed into the public form or a From: line (older histories say
      // so by their source).
      if (auto it = p.find("reporter_confirmed"); it != p.end()) {
        if (!it->is_boolean()) return Malformed(e, "bad reporter_confirmed");
        a.reporter_confirmed = it->get<bool>();
      } else {
        std::string source = p.value("source", "");
        a.reporter_confirmed = source != "web" && source != "email";
      }
      std::string state;
      if (!GetString(p, "state", state)) return Malformed(e, "bad state");
      a.state = state.empty() ? State::kNew : ParseState(state).value_or(State::kNew);
      break;
    }
    case EventKind::kAcknowledged:
      if (!a.acknowledged_at) a.acknowledged_at = e.time;
      break;
    case EventKind::kTriaged:
      if (!GetString(p, "cvss", a.cvss) || !GetStrings(p, "cwes", a.cwes) ||
          !GetStrings(p, "files", a.files) || !GetString(p, "subsystem", a.subsystem) ||
          !GetString(p, "cvss_severity", a.cvss_severity) ||
          !GetString(p, "cvss_version", a.cvss_version) || !GetStrings(p, "areas", a.areas) ||
          !GetString(p, "suggested_assignee", a.suggested_assignee) ||
          !GetStrings(p, "need_to_know", a.need_to_know))
        return Malformed(e, "bad triage payload");
      if (p.contains("cvss_score")) {
        if (!p["cvss_score"].is_number()) return Malformed(e, "bad cvss_score");
        a.cvss_score = p["cvss_score"].get<double>();
      }
      break;
    case EventKind::kAssigned:
      if (!GetString(p, "assignee", a.assignee)) return Malformed(e, "bad assignee");
      break;
    case EventKind::kFixLinked: {
      a.sync_stale = true;
      Fix f;
      std::string kind;
      if (!ReadFix(p, f)) return Malformed(e, "bad fix payload");
      if (std::find(a.fixes.begin(), a.fixes.end(), f) == a.fixes.end()) a.fixes.push_back(f);
      break;
    }
    case EventKind::kCveAssigned:
      if (!GetString(p, "cve", a.cve_id)) return Malformed(e, "bad cve");
      a.cve_source = "psirt";
      break;
    case EventKind::kCredited: {
      Credit c;
      if (!GetString(p, "name", c.name) || !GetString(p, "type", c.type))
        return Malformed(e, "bad credit");
      a.credits.push_back(std::move(c));
      break;
    }
    case EventKind::kNoted: {
      Note n{e.time, e.actor, {}};
      if (!GetString(p, "text", n.text)) return Malformed(e, "bad note");
      if (auto it = p.find("with_reporter"); it != p.end()) {
        if (!it->is_boolean()) return Malformed(e, "bad note");
        n.with_reporter = it->get<bool>();
      }
      if (auto it = p.find("from_reporter"); it != p.end()) {
        if (!it->is_boolean()) return Malformed(e, "bad note");
        n.from_reporter = it->get<bool>();
      } else {
        n.from_reporter = n.with_reporter && e.actor.rfind("reporter", 0) == 0;  // older histories
      }
      a.notes.push_back(std::move(n));
      break;
    }
    case EventKind::kMoved: {
      a.sync_stale = true;
      std::string to;
      if (!GetString(p, "to", to) || !ParseState(to)) return Malformed(e, "bad target state");
      a.state = *ParseState(to);
      a.state_reason.clear();
      if (!GetString(p, "reason", a.state_reason) ||
          !GetString(p, "no_cve_reason", a.no_cve_reason) ||
          !GetString(p, "early_reason", a.early_reason))
        return Malformed(e, "bad reason");
      if (a.state == State::kAccepted && !a.accepted_on) a.accepted_on = e.time.date();
      if (a.state == State::kPublic && !a.public_on) a.public_on = e.time.date();
      if (a.state != State::kNew && a.state != State::kTriage && !a.acknowledged_at)
        a.acknowledged_at = e.time;  // assigned, reviewed or closed: certainly seen
      break;
    }
    case EventKind::kSynced: {
      auto facts = FixFactsFromJson(p);
      if (!facts.ok()) return Malformed(e, facts.status().message());
      a.fix_facts = std::move(facts).value();
      a.sync_stale = false;
      a.backports_missing = a.fix_facts->BackportsMissing();
      a.unreleased = a.fix_facts->Unreleased();
      a.fixed_in = a.fix_facts->FixedIn();
      a.backports_probable.clear();
      if (a.fix_facts->main_merged)
        for (const FixFacts::Branch& b : a.fix_facts->branches)
          if (b.status == BranchStatus::kProbable && b.facts.probable)
            a.backports_probable.push_back({b.facts.branch, b.facts.probable->commit, b.facts.probable->percent});
      break;
    }
    case EventKind::kEdited: {
      a.sync_stale = true;
      if (!GetString(p, "title", a.title) || !GetString(p, "description", a.description) ||
          !GetString(p, "ghsa", a.ghsa_id) || !GetString(p, "introduced_by", a.introduced_by))
        return Malformed(e, "bad edit payload");
      if (p.contains("reporter")) {
        const json& rep = p["reporter"];
        if (!rep.is_object() || !GetString(rep, "name", a.reporter.name) || !GetString(rep, "email", a.reporter.email))
          return Malformed(e, "bad reporter");
        a.reporter_confirmed = true;  // the team typed it
      }
      if (auto it = p.find("reporter_confirmed"); it != p.end()) {
        if (!it->is_boolean()) return Malformed(e, "bad reporter_confirmed");
        a.reporter_confirmed = it->get<bool>();
      }
      if (p.contains("embargo_ends")) {
        if (p["embargo_ends"].is_null()) {
          a.embargo_override.reset();
        } else if (!GetDate(p, "embargo_ends", a.embargo_override)) {
          return Malformed(e, "bad embargo date");
        }
      }
      break;
    }
    case EventKind::kImported: {
      a.sync_stale = true;
      std::string state;
      std::string cve_before = a.cve_id;
      if (p.contains("cve") && (p.value("cve", json()) != cve_before || a.cve_source.empty()))
        a.cve_source = p.value("format", "") == "cve5" || p.contains("assigner") ? "record" : "page";
      else if (p.contains("assigner"))
        a.cve_source = "record";
      if (!GetString(p, "title", a.title) || !GetString(p, "description", a.description) ||
          !GetString(p, "cve", a.cve_id) || !GetString(p, "ghsa", a.ghsa_id) ||
          !GetString(p, "state", state) || !GetDate(p, "public_on", a.public_on) ||
          !GetStrings(p, "cwes", a.cwes) || !GetString(p, "cvss", a.cvss) ||
          !GetString(p, "cvss_severity", a.cvss_severity) ||
          !GetString(p, "cvss_version", a.cvss_version) ||
          !GetString(p, "fixed_release", a.fixed_release) ||
          !GetString(p, "fixed_statement", a.fixed_statement) ||
          !GetString(p, "page_notes", a.page_notes) ||
          !GetString(p, "published_text", a.published_text) ||
          !GetString(p, "published_fingerprint", a.published_fingerprint) ||
          !GetString(p, "assigner", a.cve_assigner) ||
          !GetStrings(p, "fixed_releases", a.fixed_releases) ||
          !GetStrings(p, "fixed_branches", a.fixed_branches) ||
          !GetDate(p, "embargo_ends", a.embargo_override))
        return Malformed(e, "bad import payload");
      if (!state.empty()) {
        auto st = ParseState(state);
        if (!st) return Malformed(e, "bad state");
        a.state = *st;  // the publication date is only what the document says
        a.state_reason.clear();
        if (!GetString(p, "reason", a.state_reason)) return Malformed(e, "bad reason");
      }
      if (p.contains("cvss_score")) {
        if (!p["cvss_score"].is_number()) return Malformed(e, "bad cvss_score");
        a.cvss_score = p["cvss_score"].get<double>();
      }
      if (p.contains("page_position")) {
        if (!p["page_position"].is_number_integer()) return Malformed(e, "bad page_position");
        a.page_position = p["page_position"].get<int>();
      }
      if (p.contains("fixes")) {
        if (!p["fixes"].is_array()) return Malformed(e, "bad fixes");
        a.fixes.clear();
        for (const auto& x : p["fixes"]) {
          Fix f;
          if (!x.is_object() || !ReadFix(x, f)) return Malformed(e, "bad fix");
          a.fixes.push_back(std::move(f));
        }
      }
      if (p.contains("references")) {
        if (!p["references"].is_array()) return Malformed(e, "bad references");
        a.references.clear();
        for (const auto& x : p["references"]) {
          Reference r;
          if (!x.is_object() || !GetString(x, "kind", r.kind) || !GetString(x, "name", r.name) ||
              !GetString(x, "url", r.url))
            return Malformed(e, "bad reference");
          a.references.push_back(std::move(r));
        }
      }
      if (p.contains("credits")) {
        if (!p["credits"].is_array()) return Malformed(e, "bad credits");
        a.credits.clear();
        for (const auto& x : p["credits"]) {
          Credit c;
          if (!x.is_object() || !GetString(x, "name", c.name) || !GetString(x, "type", c.type))
            return Malformed(e, "bad credit");
          a.credits.push_back(std::move(c));
        }
      }
      break;
    }
    case EventKind::kGithub: {
      if (!GetString(p, "repo", a.github.repo)) return Malformed(e, "bad repo");
      for (auto [key, into] : {std::pair<const char*, nlohmann::json*>{"base", &a.github.base},
                               {"facts", &a.github.facts},
                               {"conflicts", &a.github.conflicts}}) {
        if (!p.contains(key)) continue;
        if (!p[key].is_object()) return Malformed(e, std::string("bad ") + key);
        *into = p[key];
      }
      if (p.contains("pulls")) {
        if (!p["pulls"].is_object()) return Malformed(e, "bad pulls");
        for (auto it = p["pulls"].begin(); it != p["pulls"].end(); ++it) a.github.pulls[it.key()] = it.value();
      }
      break;
    }
    case EventKind::kNotified: {
      std::string key;
      if (!GetString(p, "key", key) || key.empty()) return Malformed(e, "bad notification key");
      a.notified.push_back(key);
      break;
    }
  }
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
