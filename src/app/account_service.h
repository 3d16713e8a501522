// AccountService: the server's accounts and the secrets that prove who is
// asking - API tokens (printed once, stored as SHA-256), web passwords
// (argon2id, libsodium), web sessions with their CSRF token, login lockout,
// and the private links reporters follow their reports with.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "store/store.h"

namespace psirt {

struct NewUser {
  std::string name;
  Role role = Role::kReporter;
  std::string github;
  std::string email;
  std::vector<std::string> branches;
};

// A signed-in web session.
struct Session {
  std::string token;  // the cookie value (only its hash is stored)
  std::string csrf;   // required on every form of this session
  UserRecord user;
  Timestamp expires_at;
};

struct AccountPolicy {
  int max_failed_logins = 5;           // then the account is locked ...
  std::int64_t lockout_seconds = 900;  // ... for this long
  std::int64_t session_seconds = 12 * 3600;
  size_t min_password_chars = 12;
};

class AccountService {
 public:
  AccountService(Store& store, const Clock& clock, AccountPolicy policy = {})
      : store_(store), clock_(clock), policy_(policy) {}

  Status Add(const NewUser& u);
  Result<std::vector<UserRecord>> List();
  Result<UserRecord> Get(const std::string& name);
  Status Disable(const std::string& name);  // also ends its sessions and revokes its token
  // A new API token for `name` (any earlier token stops working).
  Result<std::string> IssueToken(const std::string& name);
  Status SetPassword(const std::string& name, const std::string& password);

  // The enabled account an API token belongs to; Denied otherwise.
  Result<UserRecord> ByToken(const std::string& token);
  // Password login. Denied with the same message for an unknown name, a
  // wrong password, a disabled or a locked account.
  Result<Session> Login(const std::string& name, const std::string& password);
  // The session a cookie names, if it is current and its account enabled.
  Result<Session> BySession(const std::string& token);
  Status Logout(const std::string& token);

  // A reporter's private link to one advisory: a new secret, printed once.
  Result<std::string> CreateReporterLink(const std::string& advisory);
  // The advisory a reporter link opens; NotFound for any other value.
  Result<std::string> ReporterLink(const std::string& token);

 private:
  Store& store_;
  const Clock& clock_;
  AccountPolicy policy_;
};

// Secret helpers (libsodium): a random URL-safe secret with a prefix, the
// hex SHA-256 of a text, and a constant-time comparison.
std::string NewSecret(std::string_view prefix);
std::string Sha256Hex(std::string_view text);
bool SecretsEqual(std::string_view a, std::string_view b);
// An account name: 1-64 of [a-z0-9._-], starting with a letter or digit.
Status CheckAccountName(std::string_view name);

}  // namespace psirt
