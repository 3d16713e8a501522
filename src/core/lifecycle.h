// Lifecycle: which state transitions the process allows, and the guards a
// security team expects on them. Decides; never stores or prints.
#pragma once

#include <functional>
#include <span>
#include <vector>
#include <string>

#include "base/status.h"
#include "base/time.h"
#include "core/advisory.h"
#include "core/need_to_know.h"
#include "core/policy.h"

namespace psirt {

// The states reachable in one step from `from`, in process order.
std::span<const State> AllowedNext(State from);

// The permission a move to `to` needs: the fix's progress (Assigned <->
// Review) is the assignee's to report; every other move is the PSIRT's.
Action ActionForMove(State to);

// The moves to offer someone on an advisory in state `from`: the allowed
// next states they may make (`may` answers for an action), in process order.
std::vector<State> OfferedMoves(State from, const std::function<bool(Action)>& may);

// What the person asked for along with the move.
struct MoveRequest {
  State to = State::kNew;
  std::string reason;         // required for Rejected
  std::string no_cve_reason;  // lets Public go without a CVE id
  std::string early_reason;   // lets Public go before the embargo ended
};

// Checks a transition: legality, then guards (Review needs a fix, Assigned
// an assignee, Rejected a reason, Public a CVE id or --no-cve and an ended
// embargo or --early). The message names the allowed next states.
Status CheckMove(const Advisory& a, const MoveRequest& req, const Policy& policy, Date today);

}  // namespace psirt
