// Transition table of reporting.rst and its guards.
#include "core/lifecycle.h"

namespace psirt {
namespace {

constexpr State kFromNew[] = {State::kTriage};
constexpr State kFromTriage[] = {State::kAssigned, State::kRejected};
constexpr State kFromAssigned[] = {State::kReview};
constexpr State kFromReview[] = {State::kAssigned, State::kAccepted, State::kRejected};
constexpr State kFromAccepted[] = {State::kPublic};
constexpr State kFromRejected[] = {State::kTriage};

std::string Names(std::span<const State> states) {
  if (states.empty()) return "none (final state)";
  std::string out;
  for (State s : states) {
    if (!out.empty()) out += ", ";
    out += StateName(s);
  }
  return out;
}

}  // namespace

std::span<const State> AllowedNext(State from) {
  switch (from) {
    case State::kNew: return kFromNew;
    case State::kTriage: return kFromTriage;
    case State::kAssigned: return kFromAssigned;
    case State::kReview: return kFromReview;
    case State::kAccepted: return kFromAccepted;
    case State::kRejected: return kFromRejected;
    case State::kPublic: return {};
  }
  return {};
}

Action ActionForMove(State to) {
  return to == State::kAssigned || to == State::kReview ? Action::kStatus : Action::kManage;
}

std::vector<State> OfferedMoves(State from, const std::function<bool(Action)>& may) {
  std::vector<State> out;
  for (State s : AllowedNext(from))
    if (may(ActionForMove(s))) out.push_back(s);
  return out;
}

Status CheckMove(const Advisory& a, const MoveRequest& req, const Policy& policy, Date today) {
  auto next = AllowedNext(a.state);
  bool legal = false;
  for (State s : next) legal = legal || s == req.to;
  if (!legal) {
    return Status::Invalid(a.id + " is " + std::string(StateName(a.state)) + "; it cannot move to " +
                           std::string(StateName(req.to)) + " (allowed next: " + Names(next) + ")");
  }
  switch (req.to) {
    case State::kAssigned:
      if (a.assignee.empty())
        return Status::Invalid(a.id + " has no assignee: run 'psirt assign " + a.id + " USER' first");
      break;
    case State::kReview:
      if (a.fixes.empty())
        return Status::Invalid(a.id + " has no linked fix: Review needs a PR or commit "
                               "('psirt fix " + a.id + " --pr N' or '--commit SHA')");
      break;
    case State::kRejected:
      if (req.reason.empty())
        return Status::Invalid("moving " + a.id + " to Rejected needs --reason");
      break;
    case State::kPublic: {
      if (a.cve_id.empty() && req.no_cve_reason.empty())
        return Status::Invalid(a.id + " has no CVE id: assign one with 'psirt cve " + a.id +
                               " CVE-YYYY-NNNN' or publish with --no-cve REASON");
      std::optional<Date> ends = DeadlinesOf(policy, a).embargo_ends;
      if (!ends && req.early_reason.empty())
        return Status::Invalid(a.id + " has no known embargo end (no report date): set one with 'psirt edit " +
                               a.id + " --embargo-ends DATE --reason R' or publish with --early REASON");
      if (ends && today < *ends && req.early_reason.empty())
        return Status::Invalid(a.id + " is under embargo until " + ends->ToString() +
                               ": publish early only with --early REASON");
      break;
    }
    default:
      break;
  }
  return Status::Ok();
}

}  // namespace psirt
