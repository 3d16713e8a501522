// AccountService: the server's accounts and the secrets that prove who is
// asking - API tokens (printed once, stored as SHA-256), web passwords
// (argon2id, libsodium), web sessions with their CSRF token, sign-in
// throttling per account and address (core/login_throttle.h; accounts are
// never locked for everyone), and the private links reporters follow
// their reports with. Handles - account names and GitHub logins - are
// unique across accounts: one handle, one person.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "core/login_throttle.h"
#include "store/store.h"

namespace psirt {

// An account to create: its name, role, handles and branches.
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

// How long web sessions last and how sign-in failures lock an account.
struct AccountPolicy {
  std::int64_t session_seconds = 12 * 3600;
  size_t min_password_chars = 12;
};

// What a caller asks to change of an account's credentials.
enum class CredentialChange { kToken, kPassword };

// Accounts, API tokens, passwords, web sessions and reporter links.
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
  // A new password; ends the account's sessions and revokes its token
  // ("sign out everywhere").
  Status SetPassword(const std::string& name, const std::string& password);
  // Whether `caller` may change `target`'s token or password: the PSIRT
  // for another account; an account for itself only with its current
  // password - except a new token asked for with a token (rotation). So a
  // stolen session cookie cannot make itself a permanent token or take
  // the account. Wrong current passwords count as failed sign-ins.
  Status MayChangeCredentials(const UserRecord& caller, bool by_session, const std::string& target,
                              CredentialChange what, const std::string& current_password, const std::string& address);

  // The enabled account an API token belongs to; Denied otherwise.
  Result<UserRecord> ByToken(const std::string& token);
  // Password login from `address`. Denied with the same message for an
  // unknown name, a wrong password or a disabled account; while the
  // throttle holds (after failures on this name from this address),
  // Denied with the wait, whether or not the account exists.
  Result<Session> Login(const std::string& name, const std::string& password, const std::string& address = "");
  // The session a cookie names, if it is current and its account enabled.
  Result<Session> BySession(const std::string& token);
  Status Logout(const std::string& token);

  // A reporter's private link to one advisory: a new secret, printed once.
  Result<std::string> CreateReporterLink(const std::string& advisory);
  // The advisory a reporter link opens; NotFound for any other value.
  Result<std::string> ReporterLink(const std::string& token);

  // The key pre-sign-in forms' CSRF tokens are signed with: one per
  // database (made on first use), so every instance of a team server
  // accepts them.
  Result<std::string> FormKey();

  // The throttle failed sign-ins count against (shared by the server's
  // requests); none: no throttling (the local CLI).
  void set_throttle(LoginThrottle* t) { throttle_ = t; }

 private:
  // Whether `password` is the account's (argon2id), as slow for unknown accounts.
  bool PasswordMatches(const std::optional<UserRecord>& u, const std::string& password);
  LoginThrottle* throttle_ = nullptr;
  Store& store_;
  const Clock& clock_;
  AccountPolicy policy_;
};

// An account as `psirt user list --json` and GET /api/v1/users show it
// (never its password hash or tokens).
nlohmann::json UserToJson(const UserRecord& u);

// Secret helpers (libsodium): a random URL-safe secret with a prefix, the
// hex SHA-256 of a text, and a constant-time comparison.
std::string NewSecret(std::string_view prefix);
std::string Sha256Hex(std::string_view text);
bool SecretsEqual(std::string_view a, std::string_view b);
// An account name: 1-64 of [a-z0-9._-], starting with a letter or digit.
Status CheckAccountName(std::string_view name);

}  // namespace psirt
