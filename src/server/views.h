// What the server shows of an advisory, shared by the API and the pages:
// insiders (those who would see it under embargo) get everything; others
// see a Public advisory's published fields only - no reporter address,
// no team notes, no need-to-know list, no attachments.
#pragma once

#include <nlohmann/json.hpp>

#include "app/advisory_service.h"
#include "core/advisory.h"
#include "core/need_to_know.h"
#include "core/policy.h"
#include "store/records.h"

namespace psirt {

// Whether `v` would see `a` even if it were embargoed.
bool IsInsider(const Advisory& a, const Viewer& v);

nlohmann::json AdvisoryView(const Advisory& a, const Deadlines& d, const Viewer& v, const Team& team,
                            const std::vector<AttachmentRecord>& attachments);

// The events of an advisory `v` is shown: all for insiders; without the
// report (the reporter's address) and the team's notes for others.
std::vector<const Event*> ShownHistory(const FoldedAdvisory& f, const Viewer& v);

// What the reporter's private link shows: state, dates, and the
// conversation with the reporter (never the team's internal notes).
nlohmann::json ReporterView(const Advisory& a, const Deadlines& d);

}  // namespace psirt
