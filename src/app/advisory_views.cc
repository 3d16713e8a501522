// The JSON views of an advisory (app/advisory_views.h).
#include "app/advisory_views.h"
#include "core/event_payloads.h"

#include "core/fix_status.h"
#include "formats/psirt_json.h"

namespace psirt {
namespace {

using nlohmann::json;

json OptString(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

}  // namespace

json AdvisoryView(const AdvisoryForCaller& r, const Viewer& v) {
  const Advisory& a = r.advisory;
  json j = AdvisoryToJson(a, r.deadlines);
  Visibility vis = VisibilityOf(a);
  j["permissions"] = {{"comment", MayDo(Action::kComment, vis, v)},
                      {"fix", MayDo(Action::kFix, vis, v)},
                      {"status", MayDo(Action::kStatus, vis, v)},
                      {"manage", MayDo(Action::kManage, vis, v)}};
  j["fix_status"] = a.fix_facts ? FixFactsToJson(*a.fix_facts) : json(nullptr);
  json people = json::array();
  for (const NeedToKnowEntry& e : r.need_to_know) people.push_back({{"who", e.who}, {"why", e.why}});
  j["people_who_need_to_know"] = people;
  json files = json::array();
  for (const AttachmentRecord& f : r.attachments)
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

json OutsiderRow(const AdvisorySummary& s, const Viewer& v) {
  bool own = SightOf(s, v) == Sight::kOwnReport;
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
