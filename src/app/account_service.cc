// Accounts, tokens, passwords, sessions and reporter links.
#include "app/account_service.h"

#include <sodium.h>

#include <algorithm>
#include <mutex>

#include "app/advisory_service.h"
#include "base/strings.h"
#include "core/identifiers.h"
#include "core/text_rules.h"

namespace psirt {
namespace {

void InitSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) std::abort();  // no usable random source: nothing is safe
  });
}

const char* kDeniedLogin = "wrong account name or password";

// A handle another account already holds (as its name or GitHub login).
Result<std::optional<std::string>> HandleHolder(StoreTx& tx, const std::string& self, const std::string& handle) {
  if (handle.empty()) return std::optional<std::string>();
  PSIRT_ASSIGN_OR_RETURN(std::vector<UserRecord> users, tx.ListUsers());
  std::string h = ToLowerAscii(handle);
  for (const UserRecord& u : users)
    if (u.name != self && (ToLowerAscii(u.name) == h || ToLowerAscii(u.github) == h)) return std::optional<std::string>(u.name);
  return std::optional<std::string>();
}

}  // namespace

std::string NewSecret(std::string_view prefix) {
  InitSodium();
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char b64[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(b64, sizeof b64, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return std::string(prefix) + b64;
}

std::string Sha256Hex(std::string_view text) {
  InitSodium();
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

bool SecretsEqual(std::string_view a, std::string_view b) {
  // Compare hashes of equal length so neither length nor content leaks.
  std::string x = Sha256Hex(a), y = Sha256Hex(b);
  return sodium_memcmp(x.data(), y.data(), x.size()) == 0;
}

Status CheckAccountName(std::string_view name) {
  bool ok = !name.empty() && name.size() <= 64 && std::isalnum(static_cast<unsigned char>(name[0]));
  for (char c : name)
    ok = ok && (std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
                c == '.' || c == '_' || c == '-');
  if (!ok)
    return Status::Invalid("bad account name '" + EscapeControls(std::string(name), false) +
                           "': expected 1-64 of a-z 0-9 . _ - starting with a letter or digit");
  return Status::Ok();
}

Status AccountService::Add(const NewUser& n) {
  PSIRT_RETURN_IF_ERROR(CheckAccountName(n.name));
  if (n.role == Role::kAnonymous) return Status::Invalid("role: anonymous is not an account's role");
  PSIRT_RETURN_IF_ERROR(CheckText(TextRule{"github", false, 39}, n.github));
  if (n.github.find_first_of(" /@<>\"'") != std::string::npos)
    return Status::Invalid("github: bad handle '" + n.github + "': expected a GitHub user name");
  PSIRT_RETURN_IF_ERROR(CheckPerson(Person{n.name, n.email}, "email"));
  for (const std::string& b : n.branches) PSIRT_RETURN_IF_ERROR(CheckBranchName(b));
  if (!n.branches.empty() && n.role != Role::kReleaseManager)
    return Status::Invalid("--branch: only a release manager manages branches");
  if (n.role == Role::kReporter && n.email.empty())
    return Status::Invalid("a reporter account needs --email (it finds their reports)");
  return store_.Write([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(auto existing, tx.GetUser(n.name));
    if (existing) return Status::Conflict("account " + n.name + " already exists");
    // One handle, one person: a name or login another account already
    // answers to would let this account be taken for that one.
    for (const std::string* handle : {&n.name, &n.github}) {
      PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> holder, HandleHolder(tx, n.name, *handle));
      if (holder)
        return std::move(Status::Conflict("the handle '" + *handle + "' is taken: account " + *holder +
                                          " has it as its name or GitHub login (handles are unique across accounts)")
                             .Field(handle == &n.name ? "name" : "github"));
    }
    UserRecord u;
    u.name = n.name;
    u.role = n.role;
    u.github = n.github;
    u.email = n.email;
    u.branches = n.branches;
    u.created_at = clock_.Now();
    return tx.PutUser(u);
  });
}

Result<std::vector<UserRecord>> AccountService::List() {
  std::vector<UserRecord> out;
  PSIRT_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(out, tx.ListUsers());
    return Status::Ok();
  }));
  return out;
}

Result<UserRecord> AccountService::Get(const std::string& name) {
  std::optional<UserRecord> u;
  PSIRT_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(u, tx.GetUser(name));
    return Status::Ok();
  }));
  if (!u) return Status::NotFound("no account named '" + EscapeControls(name, false) + "' (psirt user list)");
  return *u;
}

Status AccountService::Disable(const std::string& name) {
  return store_.Write([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(auto u, tx.GetUser(name));
    if (!u) return Status::NotFound("no account named '" + EscapeControls(name, false) + "' (psirt user list)");
    u->disabled = true;
    PSIRT_RETURN_IF_ERROR(tx.DeleteSecrets("token", name));
    PSIRT_RETURN_IF_ERROR(tx.DeleteSecrets("session", name));
    return tx.PutUser(*u);
  });
}

Result<std::string> AccountService::IssueToken(const std::string& name) {
  std::string token = NewSecret("psirt_");
  PSIRT_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(auto u, tx.GetUser(name));
    if (!u) return Status::NotFound("no account named '" + EscapeControls(name, false) + "' (psirt user list)");
    if (u->disabled) return Status::Invalid("account " + name + " is disabled");
    PSIRT_RETURN_IF_ERROR(tx.DeleteSecrets("token", name));
    return tx.PutSecret({Sha256Hex(token), "token", name, "", std::nullopt, clock_.Now()});
  }));
  return token;
}

Status AccountService::SetPassword(const std::string& name, const std::string& password) {
  if (password.size() < policy_.min_password_chars)
    return Status::Invalid("password: at least " + std::to_string(policy_.min_password_chars) + " characters");
  if (password.size() > 1024) return Status::Invalid("password: at most 1024 characters");
  InitSodium();
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return Status::Io("password hashing ran out of memory");
  return store_.Write([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(auto u, tx.GetUser(name));
    if (!u) return Status::NotFound("no account named '" + EscapeControls(name, false) + "' (psirt user list)");
    u->password_hash = hash;
    u->failed_logins = 0;
    u->locked_until.reset();
    // A new password signs the account out everywhere: its sessions and its token.
    PSIRT_RETURN_IF_ERROR(tx.DeleteSecrets("session", name));
    PSIRT_RETURN_IF_ERROR(tx.DeleteSecrets("token", name));
    return tx.PutUser(*u);
  });
}

bool AccountService::PasswordMatches(const std::optional<UserRecord>& u, const std::string& password) {
  InitSodium();
  if (!u || u->disabled || u->password_hash.empty()) {
    // As slow as a real check, so timing does not tell which accounts exist.
    static const std::string dummy = [] {
      char h[crypto_pwhash_STRBYTES];
      if (crypto_pwhash_str(h, "x", 1, crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return std::string();
      return std::string(h);
    }();
    if (!dummy.empty()) (void)!crypto_pwhash_str_verify(dummy.c_str(), password.data(), password.size());
    return false;
  }
  return crypto_pwhash_str_verify(u->password_hash.c_str(), password.data(), password.size()) == 0;
}

Status AccountService::MayChangeCredentials(const UserRecord& caller, bool by_session, const std::string& target,
                                            CredentialChange what, const std::string& current_password,
                                            const std::string& address) {
  if (caller.name != target) {
    if (caller.role == Role::kPsirt) return Status::Ok();
    return Status::Denied("only the PSIRT or the account itself may do this");
  }
  if (what == CredentialChange::kToken && !by_session) return Status::Ok();  // a token rotates itself
  PSIRT_ASSIGN_OR_RETURN(UserRecord self, Get(target));
  if (self.password_hash.empty() && !by_session) return Status::Ok();  // a first password, set with the token
  if (current_password.empty())
    return std::move(Status::Denied(std::string(what == CredentialChange::kToken ? "a new token" : "a new password") +
                                    " for your own account needs your current password (current_password)")
                         .Field("current_password"));
  Timestamp now = clock_.Now();
  if (throttle_)
    if (std::int64_t wait = throttle_->WaitSeconds(target, address, now); wait > 0)
      return Status::Denied("too many wrong passwords for this account from your address: wait " + std::to_string(wait) +
                            " seconds");
  if (!PasswordMatches(self, current_password)) {
    if (throttle_) throttle_->Failed(target, address, now);
    return std::move(Status::Denied("the current password is wrong").Field("current_password"));
  }
  if (throttle_) throttle_->Succeeded(target, address);
  return Status::Ok();
}

Result<UserRecord> AccountService::ByToken(const std::string& token) {
  std::optional<UserRecord> u;
  PSIRT_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(auto found, tx.FindSecretWithUser(Sha256Hex(token)));
    if (found && found->first.kind == "token") u = std::move(found->second);
    return Status::Ok();
  }));
  if (!u || u->disabled) return Status::Denied("invalid or revoked token");
  return *u;
}

Result<Session> AccountService::Login(const std::string& name, const std::string& password, const std::string& address) {
  Timestamp now = clock_.Now();
  // Throttled by name and address whether or not the account exists, and
  // before the password is looked at: the answer tells nothing.
  if (throttle_)
    if (std::int64_t wait = throttle_->WaitSeconds(name, address, now); wait > 0)
      return Status::Denied("too many failed sign-ins for this account from your address: wait " + std::to_string(wait) +
                            " seconds");
  std::optional<UserRecord> u;
  PSIRT_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    if (CheckAccountName(name).ok()) {
      PSIRT_ASSIGN_OR_RETURN(u, tx.GetUser(name));
    }
    return Status::Ok();
  }));
  if (!PasswordMatches(u, password)) {
    if (throttle_) throttle_->Failed(name, address, now);
    return Status::Denied(kDeniedLogin);
  }
  if (throttle_) throttle_->Succeeded(name, address);
  Session session;
  PSIRT_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(auto cur, tx.GetUser(name));
    if (!cur || cur->disabled) return Status::Denied(kDeniedLogin);
    session.token = NewSecret("s_");
    session.csrf = NewSecret("");
    session.user = *cur;
    session.expires_at = Timestamp::FromUnix(now.unix_seconds() + policy_.session_seconds);
    return tx.PutSecret({Sha256Hex(session.token), "session", name, session.csrf, session.expires_at, now});
  }));
  return session;
}

Result<Session> AccountService::BySession(const std::string& token) {
  Session session;
  bool found = false;
  Timestamp now = clock_.Now();
  PSIRT_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(auto row, tx.FindSecretWithUser(Sha256Hex(token)));
    if (!row) return Status::Ok();
    const auto& [s, u] = *row;
    if (s.kind != "session" || !s.expires_at || *s.expires_at <= now || u.disabled) return Status::Ok();
    session = {token, s.data, u, *s.expires_at};
    found = true;
    return Status::Ok();
  }));
  if (!found) return Status::Denied("not signed in (the session ended)");
  return session;
}

Status AccountService::Logout(const std::string& token) {
  return store_.Write([&](StoreTx& tx) { return tx.DeleteSecret(Sha256Hex(token)); });
}

Result<std::string> AccountService::CreateReporterLink(const std::string& advisory) {
  std::string token = NewSecret("r_");
  PSIRT_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) {
    return tx.PutSecret({Sha256Hex(token), "reporter", advisory, "", std::nullopt, clock_.Now()});
  }));
  return token;
}

Result<std::string> AccountService::ReporterLink(const std::string& token) {
  std::optional<std::string> advisory;
  PSIRT_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(auto s, tx.FindSecret(Sha256Hex(token)));
    if (s && s->kind == "reporter") advisory = s->subject;
    return Status::Ok();
  }));
  if (!advisory) return Status::NotFound("no such report link");
  return *advisory;
}

Result<std::string> AccountService::FormKey() {
  std::string out;
  PSIRT_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> key, tx.GetState("server.form_key"));
    if (!key) {
      key = NewSecret("");
      PSIRT_RETURN_IF_ERROR(tx.PutState("server.form_key", *key));
    }
    out = *key;
    return Status::Ok();
  }));
  return out;
}

nlohmann::json UserToJson(const UserRecord& u) {
  return {{"name", u.name},         {"role", RoleName(u.role)},
          {"github", u.github},     {"email", u.email},
          {"branches", u.branches}, {"disabled", u.disabled},
          {"web_login", !u.password_hash.empty()}, {"created_at", u.created_at.ToString()}};
}

}  // namespace psirt
