// psirt's own JSON documents (the --json output of the CLI and, later, the
// REST API): advisories, summaries, events and agenda tasks. Field names are
// snake_case and stable; pure functions.
#pragma once

#include <span>

#include <nlohmann/json.hpp>

#include "core/advisory.h"
#include "core/need_to_know.h"
#include "core/agenda.h"
#include "core/event.h"
#include "core/owners.h"
#include "core/policy.h"
#include "core/summary.h"

namespace psirt {

nlohmann::json AdvisoryToJson(const Advisory& a, const Deadlines& d);
// Who may see an advisory (`psirt who-can-see --json`, GET .../audience):
// {"id", "areas", "need_to_know": [{"who", "why"}]}.
nlohmann::json AudienceToJson(const Advisory& a, const std::vector<NeedToKnowEntry>& people);
nlohmann::json SummaryToJson(const AdvisorySummary& s, const Deadlines& d);
// An advisory's fix status from git, as `psirt status` and the API give it:
// {"id", "title", "main_branch", "fix_status"}; with `patch_checks` (for
// the advisory's insiders) also its embargoed fix series' last checks:
// "patch_checks": [{"branch", "result", "text"}].
nlohmann::json FixStatusToJson(const Advisory& a, const FixFacts& facts, const std::string& main_branch, bool patch_checks = false);
nlohmann::json EventToJson(const Event& e);
// The inverse of EventToJson (what a server answers); Invalid when a field is wrong.
Result<Event> EventFromJson(const nlohmann::json& j);
nlohmann::json TaskToJson(const Task& t, Date as_of);
// A MAINTAINERS.yml area a path matched: name, status, maintainers,
// collaborators, labels, file groups.
nlohmann::json AreaMatchToJson(const AreaMatch& m);

}  // namespace psirt
