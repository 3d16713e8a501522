// The reporter's side of a report.
#include "app/reporter_portal.h"

#include "app/account_service.h"
#include "app/advisory_reader.h"
#include "app/advisory_service.h"
#include "core/policy.h"

namespace psirt {

nlohmann::json ToJson(const ReporterMessage& m) {
  return {{"time", m.time.ToString()}, {"from", m.from_reporter ? "you" : "security team"}, {"text", m.text}};
}

nlohmann::json ToJson(const ReporterView& v) {
  using nlohmann::json;
  json conversation = json::array();
  for (const ReporterMessage& m : v.conversation) conversation.push_back(ToJson(m));
  return {{"id", v.id.empty() ? json(nullptr) : json(v.id)},
          {"title", v.title},
          {"state", StateName(v.state)},
          {"reported_on", v.reported_on ? json(v.reported_on->ToString()) : json(nullptr)},
          {"acknowledged", v.acknowledged},
          {"embargo_ends", v.embargo_ends ? json(v.embargo_ends->ToString()) : json(nullptr)},
          {"cve_id", v.cve_id.empty() ? json(nullptr) : json(v.cve_id)},
          {"conversation", conversation}};
}

ReporterView ReporterViewOf(const Advisory& a, const Deadlines& d, bool with_id) {
  ReporterView v;
  if (with_id || a.state == State::kPublic) v.id = a.id;
  v.title = a.title;
  v.state = a.state;
  v.reported_on = a.reported_on;
  v.acknowledged = a.acknowledged_at.has_value();
  v.embargo_ends = d.embargo_ends;
  v.cve_id = a.cve_id;
  for (const Note& n : a.notes)
    if (n.with_reporter) v.conversation.push_back({n.time, n.from_reporter, n.text});
  return v;
}

ReporterView ReporterPortal::ViewOf(const Advisory& a) const {
  return ReporterViewOf(a, DeadlinesOf(config_.policy, a), true);
}

Result<std::string> ReporterPortal::AdvisoryOfLink(const std::string& token) {
  auto id = AccountService(store_, clock_).ReporterLink(token);
  if (!id.ok()) return Status::NotFound("no such report");
  return *id;
}

Result<ReporterView> ReporterPortal::ByLink(const std::string& token) {
  PSIRT_ASSIGN_OR_RETURN(std::string id, AdvisoryOfLink(token));
  AdvisoryService svc(store_, config_, clock_);
  auto a = svc.Get(id);
  if (!a.ok()) return Status::NotFound("no such report");
  return ReporterViewOf(*a, svc.DeadlinesOf(*a), false);
}

Result<ReporterView> ReporterPortal::Reply(const std::string& advisory, const std::string& actor, const std::string& text) {
  AdvisoryService svc(store_, config_, clock_);
  PSIRT_ASSIGN_OR_RETURN(Change change, svc.AddReporterNote(actor, advisory, text));
  return ReporterViewOf(change.advisory, svc.DeadlinesOf(change.advisory), actor != kReporterLinkActor);
}

Result<ReporterView> ReporterPortal::ReplyByLink(const std::string& token, const std::string& text) {
  PSIRT_ASSIGN_OR_RETURN(std::string id, AdvisoryOfLink(token));
  return Reply(id, kReporterLinkActor, text);
}

Result<ReporterView> ReporterPortal::ReplyAsAccount(const Viewer& v, const std::string& actor, const std::string& ref,
                                                    const std::string& text) {
  PSIRT_ASSIGN_OR_RETURN(AdvisoryForCaller r, AdvisoryReader(store_, config_).Read(ref, v));
  if (r.sight != Sight::kOwnReport) return Status::Denied("a reporter may only write about their own report");
  return Reply(r.advisory.id, actor, text);
}

}  // namespace psirt
