// Sight: what a viewer is shown of an advisory - the team's whole view, a
// reporter's view of their own report, or the published view. The one rule
// behind the API, the dashboard, the reporter portal and the CLI's
// --server reads; the rendering of each view lives with its front end.
#pragma once

#include <span>
#include <vector>

#include "core/advisory.h"
#include "core/event.h"
#include "core/need_to_know.h"
#include "core/summary.h"

namespace psirt {

// How a viewer sees one advisory they may see at all.
enum class Sight {
  kInsider,    // a team member who would see it even under embargo: everything
  kOwnReport,  // a reporter on their own report: the reporter portal's view
  kPublished,  // anyone else (a Public advisory): its published fields only
};

// The sight of `v` on an advisory with these facts (whether `v` may see it
// at all is MaySee's answer, asked first).
Sight SightOf(const Visibility& vis, const Viewer& v);
Sight SightOf(const Advisory& a, const Viewer& v);
Sight SightOf(const AdvisorySummary& s, const Viewer& v);
inline bool IsInsider(const Advisory& a, const Viewer& v) { return SightOf(a, v) == Sight::kInsider; }
inline bool IsInsiderRow(const AdvisorySummary& s, const Viewer& v) { return SightOf(s, v) == Sight::kInsider; }

// Whether outsiders are shown events of this kind: the published steps
// (moves, the CVE id, fixes, credits).
bool IsPublishedStep(EventKind kind);
// The events of a history `sight` is shown, in order.
std::vector<const Event*> ShownHistory(std::span<const Event> history, Sight sight);

// The list row an outsider's filters and sort see: only what they are
// shown of it (a list cannot be filtered or ordered by what the viewer may
// not read). Insiders' rows are returned unchanged.
AdvisorySummary OutsiderSummary(const AdvisorySummary& s, const Viewer& v);

}  // namespace psirt
