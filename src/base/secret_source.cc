// Secrets from a file or the environment.
#include "base/secret_source.h"

#include <cstdlib>
#include <fstream>

#include "base/strings.h"

namespace psirt {

Result<std::string> ReadSecret(const SecretSource& s) {
  std::string secret;
  if (!s.file.empty()) {
    std::ifstream in(s.file);
    if (!in)
      return Status::Io(s.file + ": cannot read " + s.what + (s.setting.empty() ? "" : " (" + s.setting + ")"));
    std::getline(in, secret);
    secret = Trim(secret);
    if (secret.empty()) return Status::Invalid(s.file + ": " + s.what + " file is empty");
    if (secret.find_first_of(" \t\r\n") != std::string::npos || secret.size() > 4096)
      return Status::Invalid(s.file + ": the first line is not " + s.what);
  } else if (const char* env = s.env_var ? std::getenv(s.env_var) : nullptr) {
    secret = Trim(env);
  }
  if (!secret.empty() && secret.size() < s.min_length)
    return Status::Invalid((s.file.empty() ? std::string(s.env_var) : s.file) + ": " + s.what + " is shorter than " +
                           std::to_string(s.min_length) + " characters");
  return secret;
}

}  // namespace psirt
