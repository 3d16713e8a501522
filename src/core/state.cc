// State names and parsing.
#include "core/state.h"
#include "base/strings.h"

#include <cctype>

namespace psirt {

std::string_view StateName(State s) {
  switch (s) {
    case State::kNew: return "New";
    case State::kTriage: return "Triage";
    case State::kAssigned: return "Assigned";
    case State::kReview: return "Review";
    case State::kAccepted: return "Accepted";
    case State::kPublic: return "Public";
    case State::kRejected: return "Rejected";
  }
  return "?";
}

std::optional<State> ParseState(std::string_view name) {
  for (State s : kAllStates) {
    if (EqualsIgnoreCaseAscii(StateName(s), name)) return s;
  }
  return std::nullopt;
}

bool IsClosed(State s) { return s == State::kPublic || s == State::kRejected; }

}  // namespace psirt
