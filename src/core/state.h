// The advisory states of the project's written process (reporting.rst).
// Pure values: names, parsing, and nothing else.
#pragma once

#include <optional>
#include <string_view>

namespace psirt {

// The lifecycle states of an advisory.
enum class State { kNew, kTriage, kAssigned, kReview, kAccepted, kPublic, kRejected };

inline constexpr State kAllStates[] = {State::kNew,    State::kTriage,   State::kAssigned,
                                       State::kReview, State::kAccepted, State::kPublic,
                                       State::kRejected};

// "New", "Triage", ... exactly as the process document spells them.
std::string_view StateName(State s);
// Case-insensitive; nullopt for anything else.
std::optional<State> ParseState(std::string_view name);
// Public and Rejected: nothing more happens in the process.
bool IsClosed(State s);
// Neither Public nor Rejected: the process is still running.
inline bool IsOpen(State s) { return !IsClosed(s); }

}  // namespace psirt
