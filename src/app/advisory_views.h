// The JSON of an advisory for each sight (core/sight.h), shared by the API, the dashboard and the CLI.
// Three views, chosen by the viewer's sight (core/sight.h):
//   - insiders (the team members who would see it under embargo) get
//     everything;
//   - a reporter, on their own report, gets the reporter portal's view
//     (app/reporter_portal.h): exactly what their private link shows;
//   - everyone else sees a Public advisory's published fields only, from
//     an allowlist: no reporter, notes, team names, need-to-know list,
//     attachments, and no version or time that moves on hidden events.
#pragma once

#include <nlohmann/json.hpp>

#include "app/advisory_reader.h"
#include "app/advisory_service.h"
#include "core/sight.h"
#include "core/advisory.h"
#include "core/need_to_know.h"
#include "core/policy.h"
#include "core/summary.h"
#include "store/records.h"

namespace psirt {

// The insider's view: the advisory with its permissions, fix status, who
// needs to know and the attachments.
nlohmann::json AdvisoryView(const AdvisoryForCaller& r, const Viewer& v);
// The published fields of an advisory, for anyone.
nlohmann::json PublishedView(const Advisory& a);
// A list row for someone who is not an insider: the published fields of a
// Public advisory, or a reporter's own report as their portal shows it.
nlohmann::json OutsiderRow(const AdvisorySummary& s, const Viewer& v);
// A published step as outsiders see it: no actor, no sequence number, only
// the payload fields that are published anyway.
nlohmann::json PublishedEvent(const Event& e);

}  // namespace psirt
