// What a viewer is shown of an advisory (core/sight.h).
#include "core/sight.h"

namespace psirt {
namespace {

bool TeamRole(const Viewer& v) {
  return v.role == Role::kPsirt || v.role == Role::kMaintainer || v.role == Role::kReleaseManager;
}

// The facts as if the advisory were still embargoed: insiders are those who
// would see it then, not everyone who may read a Public advisory.
Visibility Embargoed(Visibility vis) {
  if (vis.state == State::kPublic) vis.state = State::kAccepted;
  return vis;
}

}  // namespace

Sight SightOf(const Visibility& vis, const Viewer& v) {
  Visibility embargoed = Embargoed(vis);
  if (TeamRole(v) && MaySee(embargoed, v)) return Sight::kInsider;
  if (v.role == Role::kReporter && MaySee(embargoed, v)) return Sight::kOwnReport;
  return Sight::kPublished;
}

Sight SightOf(const Advisory& a, const Viewer& v) { return SightOf(VisibilityOf(a), v); }
Sight SightOf(const AdvisorySummary& s, const Viewer& v) { return SightOf(s.visibility(), v); }

bool IsPublishedStep(EventKind kind) {
  return kind == EventKind::kMoved || kind == EventKind::kCveAssigned || kind == EventKind::kFixLinked ||
         kind == EventKind::kCredited;
}

std::vector<const Event*> ShownHistory(std::span<const Event> history, Sight sight) {
  std::vector<const Event*> out;
  for (const Event& e : history)
    if (sight == Sight::kInsider || IsPublishedStep(e.kind)) out.push_back(&e);
  return out;
}

AdvisorySummary OutsiderSummary(const AdvisorySummary& s, const Viewer& v) {
  Sight sight = SightOf(s, v);
  if (sight == Sight::kInsider) return s;
  AdvisorySummary shown;
  shown.id = s.id;
  shown.year = s.year;
  shown.seq = s.seq;
  shown.state = s.state;
  shown.title = s.title;
  shown.cve_id = s.cve_id;
  if (sight == Sight::kPublished) {
    shown.cvss = s.cvss;
    shown.cvss_score = s.cvss_score;
    shown.cvss_severity = s.cvss_severity;
  }
  return shown;
}

}  // namespace psirt
