// Advisory views for the server.
#include "server/views.h"

#include "core/fix_status.h"
#include "formats/psirt_json.h"

namespace psirt {

bool IsInsider(const Advisory& a, const Viewer& v) {
  Visibility vis = VisibilityOf(a);
  if (vis.state == State::kPublic) vis.state = State::kAccepted;
  return MaySee(vis, v);
}

nlohmann::json AdvisoryView(const Advisory& a, const Deadlines& d, const Viewer& v, const Team& team,
                            const std::vector<AttachmentRecord>& attachments) {
  using nlohmann::json;
  json j = AdvisoryToJson(a, d);
  Visibility vis = VisibilityOf(a);
  j["permissions"] = {{"comment", MayDo(Action::kComment, vis, v)},
                      {"fix", MayDo(Action::kFix, vis, v)},
                      {"status", MayDo(Action::kStatus, vis, v)},
                      {"manage", MayDo(Action::kManage, vis, v)}};
  j["fix_status"] = a.fix_facts ? FixFactsToJson(*a.fix_facts) : json(nullptr);
  if (!IsInsider(a, v)) {
    j["reporter"] = {{"name", nullptr}, {"email", nullptr}};
    j["notes"] = json::array();
    j["need_to_know"] = json::array();
    j["attachments"] = json::array();
    j["people_who_need_to_know"] = json::array();
    return j;
  }
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

std::vector<const Event*> ShownHistory(const FoldedAdvisory& f, const Viewer& v) {
  bool insider = IsInsider(f.advisory, v);
  std::vector<const Event*> out;
  for (const Event& e : f.history)
    if (insider || (e.kind != EventKind::kNoted && e.kind != EventKind::kReported && e.kind != EventKind::kGithub)) out.push_back(&e);
  return out;
}

nlohmann::json ReporterView(const Advisory& a, const Deadlines& d) {
  using nlohmann::json;
  json conversation = json::array();
  for (const Note& n : a.notes)
    if (n.with_reporter)
      conversation.push_back({{"time", n.time.ToString()}, {"from", n.actor.rfind("reporter", 0) == 0 ? "you" : "security team"},
                              {"text", n.text}});
  return {{"id", a.id},
          {"title", a.title},
          {"state", StateName(a.state)},
          {"reported_on", a.reported_on ? json(a.reported_on->ToString()) : json(nullptr)},
          {"acknowledged", a.acknowledged_at.has_value()},
          {"embargo_ends", d.embargo_ends ? json(d.embargo_ends->ToString()) : json(nullptr)},
          {"cve_id", a.cve_id.empty() ? json(nullptr) : json(a.cve_id)},
          {"conversation", conversation}};
}

}  // namespace psirt
