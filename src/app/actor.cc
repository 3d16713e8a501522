// Actor resolution.
#include "app/actor.h"

#include "core/text_rules.h"
#include "git/identity.h"

namespace psirt {

Result<std::string> ResolveActor(const std::optional<std::string>& flag, const char* env_value,
                                 const std::string& dir) {
  if (flag) {
    if (flag->empty()) return Status::Usage("--as needs a user name");
    if (Status st = CheckText(TextRule{"--as", false, 256}, *flag); !st.ok()) return Status::Usage(st.message());
    return *flag;
  }
  if (env_value && *env_value) {
    PSIRT_RETURN_IF_ERROR(CheckText(TextRule{"PSIRT_USER", false, 256}, env_value));
    return std::string(env_value);
  }
  if (auto email = git::UserEmail(dir)) {
    PSIRT_RETURN_IF_ERROR(CheckText(TextRule{"git user.email", false, 256}, *email));
    return *email;
  }
  return Status::Invalid(
      "who is acting? pass --as USER, set PSIRT_USER, or set git's user.email");
}

}  // namespace psirt
