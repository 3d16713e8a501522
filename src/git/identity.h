// The current user's identity as git knows it (user.email), used as the
// default actor of events. Reads git configuration; never writes it.
#pragma once

#include <optional>
#include <string>

namespace psirt::git {

// user.email from the repository at or above `dir`, else from the global and
// system configuration; nullopt when none is set.
std::optional<std::string> UserEmail(const std::string& dir);

}  // namespace psirt::git
