// Who is acting: --as, else PSIRT_USER, else git's user.email. Every event
// records an actor, so an unknown actor is an error, never a default.
#pragma once

#include <optional>
#include <string>

#include "base/status.h"

namespace psirt {

Result<std::string> ResolveActor(const std::optional<std::string>& flag, const char* env_value,
                                 const std::string& dir);

}  // namespace psirt
