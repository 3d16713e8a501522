// Advisory views for the server.
#include "server/views.h"
#include "core/event_payloads.h"

#include "core/fix_status.h"
#include "formats/psirt_json.h"

namespace psirt {
namespace {

using nlohmann::json;

bool TeamRole(const Viewer& v) {
  return v.role == Role::kPsirt || v.role == Role::kMaintainer || v.role == Role::kReleaseManager;
}

Visibility Embargoed(Visibility vis) {
  if (vis.state == State::kPublic) vis.state = State::kAccepted;
  return vis;
}

json OptString(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

}  // namespace

bool IsInsider(const Advisory& a, const Viewer& v) { return TeamRole(v) && MaySee(Embargoed(VisibilityOf(a)), v); }

bool IsInsiderRow(const AdvisorySummary& s, const Viewer& v) { return TeamRole(v) && MaySee(Embargoed(s.visibility()), v); }

bool ShowsReporterView(const Advisory& a, const Viewer& v) {
  return v.role == Role::kReporter && MaySee(Embargoed(VisibilityOf(a)), v);
}

json AdvisoryView(const Advisory& a, const Deadlines& d, const Viewer& v, const Team& team,
                  const std::vector<AttachmentRecord>& attachments) {
  json j = AdvisoryToJson(a, d);
  Visibility vis = VisibilityOf(a);
  j["permissions"] = {{"comment", MayDo(Action::kComment, vis, v)},
                      {"fix", MayDo(Action::kFix, vis, v)},
                      {"status", MayDo(Action::kStatus, vis, v)},
                      {"manage", MayDo(Action::kManage, vis, v)}};
  j["fix_status"] = a.fix_facts ? FixFactsToJson(*a.fix_facts) : json(nullptr);
  json people = json::array();
  for (const NeedToKnowEntry& e : NeedToKnow(a, team)) people.push_back({{"who", e.who}, {"why", e.why}});
  j["people_who_need_to_know"] = people;
  json files = json::array();
  for (const AttachmentRecord& f : attachments)
    files.push_back({{"id", f.id}, {"name", f.name}, {"content_type", f.content_type}, {"size", f.size},
                     {"created_at", f.created_at.ToString()}});
  j["attachments"] = files;
  return j;
}

json PublishedView(const Advisory& a) {
  json fixes = json::array();
  for (const Fix& f : a.fixes)
    fixes.push_back({{"type", FixKindName(f.kind)}, {"ref", f.ref}, {"branch", f.branch}});
  json credits = json::array();
  for (const Credit& c : a.credits) credits.push_back({{"name", c.name}, {"type", c.type}});
  json refs = json::array();
  for (const Reference& r : a.references) refs.push_back({{"name", r.name}, {"url", r.url}});
  return {{"id", a.id},
          {"title", a.title},
          {"description", a.description},
          {"state", StateName(a.state)},
          {"cve_id", OptString(a.cve_id)},
          {"ghsa_id", OptString(a.ghsa_id)},
          {"cvss", OptString(a.cvss)},
          {"cvss_score", a.cvss_score ? json(*a.cvss_score) : json(nullptr)},
          {"cvss_severity", OptString(a.cvss_severity)},
          {"cvss_version", OptString(a.cvss_version)},
          {"cwes", a.cwes},
          {"credits", credits},
          {"fixes", fixes},
          {"references", refs},
          {"fixed_releases", a.fixed_releases},
          {"fix_status", a.fix_facts ? FixFactsToJson(*a.fix_facts) : json(nullptr)},
          {"public_on", a.public_on ? json(a.public_on->ToString()) : json(nullptr)}};
}

AdvisorySummary OutsiderSummary(const AdvisorySummary& s, const Viewer& v) {
  bool own = v.role == Role::kReporter && MaySee(Embargoed(s.visibility()), v);
  AdvisorySummary shown;
  shown.id = s.id;
  shown.year = s.year;
  shown.seq = s.seq;
  shown.state = s.state;
  shown.title = s.title;
  shown.cve_id = s.cve_id;
  if (!own) {
    shown.cvss = s.cvss;
    shown.cvss_score = s.cvss_score;
    shown.cvss_severity = s.cvss_severity;
  }
  return shown;
}

json OutsiderRow(const AdvisorySummary& s, const Viewer& v) {
  bool own = v.role == Role::kReporter && MaySee(Embargoed(s.visibility()), v);
  json row = {{"id", s.id},
              {"state", StateName(s.state)},
              {"title", s.title},
              {"cve_id", OptString(s.cve_id)}};
  if (own) {
    row["reported_on"] = s.reported_on ? json(s.reported_on->ToString()) : json(nullptr);
    row["acknowledged"] = s.acknowledged;
  } else {
    row["cvss"] = OptString(s.cvss);
    row["cvss_score"] = s.cvss_score ? json(*s.cvss_score) : json(nullptr);
    row["severity"] = OptString(s.cvss_severity);
  }
  return row;
}

std::vector<const Event*> ShownHistory(const FoldedAdvisory& f, const Viewer& v) {
  bool insider = IsInsider(f.advisory, v);
  std::vector<const Event*> out;
  for (const Event& e : f.history)
    if (insider || e.kind == EventKind::kMoved || e.kind == EventKind::kCveAssigned || e.kind == EventKind::kFixLinked ||
        e.kind == EventKind::kCredited)
      out.push_back(&e);
  return out;
}

json PublishedEvent(const Event& e) {
  json p = json::object();
  switch (e.kind) {
    case EventKind::kMoved:
      if (auto m = ev::PayloadOf<ev::Moved>(e); m.ok()) p = {{"from", StateName(m->from)}, {"to", StateName(m->to)}};
      break;
    case EventKind::kCveAssigned:
      if (auto c = ev::PayloadOf<ev::CveAssigned>(e); c.ok()) p = {{"cve", c->cve}};
      break;
    case EventKind::kFixLinked:
      if (auto f = ev::PayloadOf<ev::FixLinked>(e); f.ok())
        p = {{"kind", FixKindName(f->fix.kind)}, {"ref", f->fix.ref}, {"branch", f->fix.branch}};
      break;
    case EventKind::kCredited:
      if (auto c = ev::PayloadOf<ev::Credited>(e); c.ok()) p = c->ToJson();
      break;
    default: break;
  }
  return {{"time", e.time.date().ToString()},
          {"kind", EventKindName(e.kind)},
          {"what", ev::DescribeEvent(e, /*insider=*/false)},
          {"payload", p}};
}

}  // namespace psirt
