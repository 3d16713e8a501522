// Secrets from a file or the environment: the one way psirt reads a token,
// a webhook secret or an API key that is not typed on the command line.
#pragma once

#include <string>

#include "base/status.h"

namespace psirt {

// Where a secret comes from: the first line of `file` if one is named, else
// the environment variable `env_var` (unset or empty: no secret).
struct SecretSource {
  std::string file;
  const char* env_var = nullptr;
  std::string what;       // "the GitHub token", for messages
  std::string setting;    // the setting naming the file, for messages ("github.token_file")
  size_t min_length = 1;  // shorter secrets are refused
};

// The secret, trimmed; "" when neither source gives one. Errors name the
// file and what was expected, never the secret.
Result<std::string> ReadSecret(const SecretSource& s);

}  // namespace psirt
