// Actor resolution.
#include "app/actor.h"

#include "git/identity.h"

namespace psirt {

Result<std::string> ResolveActor(const std::optional<std::string>& flag, const char* env_value,
                                 const std::string& dir) {
  if (flag) {
    if (flag->empty()) return Status::Usage("--as needs a user name");
    return *flag;
  }
  if (env_value && *env_value) return std::string(env_value);
  if (auto email = git::UserEmail(dir)) return *email;
  return Status::Invalid(
      "who is acting? pass --as USER, set PSIRT_USER, or set git's user.email");
}

}  // namespace psirt
