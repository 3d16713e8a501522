// JSON rendering of psirt's model.
#include "formats/psirt_json.h"

#include "core/event_payloads.h"

#include "core/list_query.h"

namespace psirt {
namespace {

using nlohmann::json;

json OptDate(const std::optional<Date>& d) { return d ? json(d->ToString()) : json(nullptr); }
json OptString(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

}  // namespace

json AdvisoryToJson(const Advisory& a, const Deadlines& d) {
  json fixes = json::array();
  for (const Fix& f : a.fixes)
    fixes.push_back({{"type", FixKindName(f.kind)},
                     {"ref", f.ref},
                     {"branch", f.branch}});
  json credits = json::array();
  for (const Credit& c : a.credits) credits.push_back({{"name", c.name}, {"type", c.type}});
  json notes = json::array();
  for (const Note& n : a.notes)
    notes.push_back({{"time", n.time.ToString()}, {"actor", n.actor}, {"text", n.text},
                     {"with_reporter", n.with_reporter}});
  return {
      {"id", a.id},
      {"title", a.title},
      {"description", a.description},
      {"state", StateName(a.state)},
      {"reporter", {{"name", OptString(a.reporter.name)}, {"email", OptString(a.reporter.email)}}},
      {"reporter_confirmed", a.reporter_confirmed},
      {"reported_on", OptDate(a.reported_on)},
      {"assignee", OptString(a.assignee)},
      {"cvss", OptString(a.cvss)},
      {"cvss_score", a.cvss_score ? json(*a.cvss_score) : json(nullptr)},
      {"cvss_severity", OptString(a.cvss_severity)},
      {"cvss_version", OptString(a.cvss_version)},
      {"cwes", a.cwes},
      {"files", a.files},
      {"subsystem", OptString(a.subsystem)},
      {"areas", a.areas},
      {"suggested_assignee", OptString(a.suggested_assignee)},
      {"need_to_know", a.need_to_know},
      {"fixes", fixes},
      {"cve_id", OptString(a.cve_id)},
      {"ghsa_id", OptString(a.ghsa_id)},
      {"introduced_by", OptString(a.introduced_by)},
      {"credits", credits},
      // The module it concerns and the coordination with its upstream.
      {"module", a.module.linked() ? ev::ModuleChanged::Of(a.module).ToJson() : json(nullptr)},
      // What published pages state carries the fix (git's facts: fix_status).
      {"stated_fixed_release", OptString(a.fixed_release)},
      {"stated_fixed_releases", a.fixed_releases},
      {"stated_fixed_branches", a.fixed_branches},
      {"stated_fix", OptString(a.fixed_statement)},
      {"notes", notes},
      {"acknowledged_at", a.acknowledged_at ? json(a.acknowledged_at->ToString()) : json(nullptr)},
      {"acknowledge_by", OptDate(d.acknowledge_by)},
      {"fix_due", OptDate(d.fix_due)},
      {"embargo_ends", OptDate(d.embargo_ends)},
      {"embargo_explicit", a.embargo_override.has_value()},
      {"accepted_on", OptDate(a.accepted_on)},
      {"public_on", OptDate(a.public_on)},
      {"state_reason", OptString(a.state_reason)},
      {"no_cve_reason", OptString(a.no_cve_reason)},
      {"early_reason", OptString(a.early_reason)},
      {"created_at", a.created_at.ToString()},
      {"updated_at", a.updated_at.ToString()},
      {"version", a.version},
  };
}

json SummaryToJson(const AdvisorySummary& s, const Deadlines& d) {
  return {
      {"id", s.id},
      {"state", StateName(s.state)},
      {"title", s.title},
      {"assignee", OptString(s.assignee)},
      {"cvss", OptString(s.cvss)},
      {"cvss_score", s.cvss_score ? json(*s.cvss_score) : json(nullptr)},
      {"severity", OptString(s.cvss_severity)},
      {"cve_id", OptString(s.cve_id)},
      {"ghsa_id", OptString(s.ghsa_id)},
      {"areas", s.areas},
      {"unfixed", IsUnfixed(s)},
      {"reported_on", OptDate(s.reported_on)},
      {"embargo_ends", OptDate(d.embargo_ends)},
      {"updated_at", s.updated_at.ToString()},
  };
}

json FixStatusToJson(const Advisory& a, const FixFacts& facts, const std::string& main_branch, bool patch_checks) {
  json j = {{"id", a.id}, {"title", a.title}, {"main_branch", main_branch}, {"fix_status", FixFactsToJson(facts)}};
  if (patch_checks) {
    json checks = json::array();
    for (const PatchCheckResult& r : a.patch_checks)
      checks.push_back({{"branch", r.branch}, {"series", r.series}, {"result", std::string(PatchFitName(r.fit))}, {"text", DescribePatchCheck(r)}});
    j["patch_checks"] = checks;
  }
  return j;
}

json AudienceToJson(const Advisory& a, const std::vector<NeedToKnowEntry>& people) {
  json list = json::array();
  for (const NeedToKnowEntry& e : people) list.push_back({{"who", e.who}, {"why", e.why}});
  return {{"id", a.id}, {"areas", a.areas}, {"need_to_know", list}};
}

json EventToJson(const Event& e) {
  return {{"advisory", e.advisory},   {"seq", e.seq},
          {"time", e.time.ToString()}, {"actor", e.actor},
          {"kind", EventKindName(e.kind)}, {"payload", e.payload}};
}

Result<Event> EventFromJson(const json& j) {
  if (!j.is_object() || !j.contains("advisory") || !j["advisory"].is_string() || !j.contains("seq") ||
      !j["seq"].is_number_integer() || !j.contains("time") || !j["time"].is_string() || !j.contains("actor") ||
      !j["actor"].is_string() || !j.contains("kind") || !j["kind"].is_string() || !j.contains("payload"))
    return Status::Invalid("event: expected {advisory, seq, time, actor, kind, payload}");
  Event e;
  e.advisory = j["advisory"];
  e.seq = j["seq"];
  e.actor = j["actor"];
  PSIRT_ASSIGN_OR_RETURN(e.time, Timestamp::Parse(j["time"].get<std::string>()));
  auto kind = ParseEventKind(j["kind"].get<std::string>());
  if (!kind) return Status::Invalid("event: unknown kind '" + j["kind"].get<std::string>() + "'");
  e.kind = *kind;
  e.payload = j["payload"];
  return e;
}

json TaskToJson(const Task& t, Date as_of) {
  return {{"advisory", t.advisory},
          {"task", TaskKindName(t.kind)},
          {"text", t.text},
          {"due", OptDate(t.due)},
          {"overdue", t.overdue},
          {"days_left", t.due ? json(as_of.DaysUntil(*t.due)) : json(nullptr)}};
}

nlohmann::json AreaMatchToJson(const AreaMatch& m) {
  using nlohmann::json;
  json groups = json::array();
  for (const FileGroup* g : m.groups) groups.push_back(g->name);
  return {{"name", m.area->name},
          {"status", m.area->status.empty() ? json(nullptr) : json(m.area->status)},
          {"maintainers", m.area->maintainers},
          {"collaborators", m.area->collaborators},
          {"labels", m.area->labels},
          {"file_groups", groups}};
}

}  // namespace psirt
