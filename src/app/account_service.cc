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

const char* kDeniedLogin = "wrong account name or password (or the account is locked: try again later)";

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
    PSIRT_RETURN_IF_ERROR(tx.DeleteSecrets("session", name));  // a new password ends old sessions
    return tx.PutUser(*u);
  });
}

Result<UserRecord> AccountService::ByToken(const std::string& token) {
  std::optional<UserRecord> u;
  PSIRT_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(auto s, tx.FindSecret(Sha256Hex(token)));
    if (!s || s->kind != "token") return Status::Ok();
    PSIRT_ASSIGN_OR_RETURN(u, tx.GetUser(s->subject));
    return Status::Ok();
  }));
  if (!u || u->disabled) return Status::Denied("invalid or revoked token");
  return *u;
}

Result<Session> AccountService::Login(const std::string& name, const std::string& password) {
  InitSodium();
  Timestamp now = clock_.Now();
  std::optional<UserRecord> u;
  PSIRT_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    if (CheckAccountName(name).ok()) {
      PSIRT_ASSIGN_OR_RETURN(u, tx.GetUser(name));
    }
    return Status::Ok();
  }));
  bool usable = u && !u->disabled && !u->password_hash.empty() && !(u->locked_until && *u->locked_until > now);
  if (!usable) {
    // As slow as a real check, so timing does not tell which accounts exist.
    static const std::string dummy = [] {
      char h[crypto_pwhash_STRBYTES];
      if (crypto_pwhash_str(h, "x", 1, crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return std::string();
      return std::string(h);
    }();
    if (!dummy.empty()) (void)!crypto_pwhash_str_verify(dummy.c_str(), password.data(), password.size());
    return Status::Denied(kDeniedLogin);
  }
  bool good = crypto_pwhash_str_verify(u->password_hash.c_str(), password.data(), password.size()) == 0;
  Session session;
  PSIRT_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(auto cur, tx.GetUser(name));
    if (!cur) return Status::Denied(kDeniedLogin);
    if (!good) {
      cur->failed_logins++;
      if (cur->failed_logins >= policy_.max_failed_logins) {
        cur->locked_until = Timestamp::FromUnix(now.unix_seconds() + policy_.lockout_seconds);
        cur->failed_logins = 0;
      }
      return tx.PutUser(*cur);
    }
    cur->failed_logins = 0;
    cur->locked_until.reset();
    PSIRT_RETURN_IF_ERROR(tx.PutUser(*cur));
    session.token = NewSecret("s_");
    session.csrf = NewSecret("");
    session.user = *cur;
    session.expires_at = Timestamp::FromUnix(now.unix_seconds() + policy_.session_seconds);
    return tx.PutSecret({Sha256Hex(session.token), "session", name, session.csrf, session.expires_at, now});
  }));
  if (!good) return Status::Denied(kDeniedLogin);
  return session;
}

Result<Session> AccountService::BySession(const std::string& token) {
  Session session;
  bool found = false;
  Timestamp now = clock_.Now();
  PSIRT_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(auto s, tx.FindSecret(Sha256Hex(token)));
    if (!s || s->kind != "session" || !s->expires_at || *s->expires_at <= now) return Status::Ok();
    PSIRT_ASSIGN_OR_RETURN(auto u, tx.GetUser(s->subject));
    if (!u || u->disabled) return Status::Ok();
    session = {token, s->data, *u, *s->expires_at};
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

}  // namespace psirt
