// Rows of the team server's tables: accounts, secrets (API tokens, web
// sessions, reporters' private links - only their hashes are stored),
// attachments of private reports, the intake's Message-ID index, job
// leases and job runs; the vulnerability database. Plain values; the
// Store reads and writes them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/time.h"
#include "core/need_to_know.h"

namespace psirt {

// A person with an account on the server.
struct UserRecord {
  std::string name;  // login name, unique
  Role role = Role::kReporter;
  std::string github;                 // GitHub / MAINTAINERS.yml handle
  std::string email;
  std::vector<std::string> branches;  // release branches they manage
  std::string password_hash;          // argon2id string ("" = no web login)
  bool disabled = false;
  int failed_logins = 0;              // consecutive failures
  std::optional<Timestamp> locked_until;
  Timestamp created_at;

  // The need-to-know viewer this account is (handle: GitHub handle, else
  // name). Roles decide what a handle may grant: a reporter is known by
  // their confirmed address only, never by a handle, so no reporter
  // account can pass for the maintainer or assignee of the same name.
  Viewer AsViewer() const {
    if (role == Role::kReporter) return {role, "", email, {}};
    return {role, github.empty() ? name : github, email, branches};
  }
};

// A secret handed out once and kept only as its SHA-256 hash.
struct SecretRecord {
  std::string hash;     // hex SHA-256 of the secret
  std::string kind;     // "token" (API), "session" (web), "reporter" (private link)
  std::string subject;  // user name, or advisory id for "reporter"
  std::string data;     // session: its CSRF token
  std::optional<Timestamp> expires_at;
  Timestamp created_at;
};

// A file attached to a private report (stored in the database).
struct AttachmentRecord {
  std::int64_t id = 0;
  std::string advisory;
  std::string name;
  std::string content_type;
  std::string data;  // empty in listings
  std::int64_t size = 0;
  Timestamp created_at;
};

// One run of a background job (sync, notify), shown on the dashboard.
struct JobRun {
  std::int64_t id = 0;
  std::string job;
  std::string instance;  // which server ran it
  Timestamp started_at;
  Timestamp finished_at;
  bool ok = false;
  std::string message;
};

// One record of the vulnerability database (`psirt vulndb import`): its id,
// where it came from ("osv" or "cve5"), its `modified` time as written,
// the record in psirt's own JSON (formats/vuln_record_json) and the keys
// it is found by: {"repo", normalised repository URL}, {"purl", package
// URL without version}, {"cpe", "vendor:product"}, {"commit", a GIT range's
// event SHA}, {"alias", another id}.
struct VulnRow {
  std::string id, source, modified, record;
  std::vector<std::pair<std::string, std::string>> keys;  // empty when read back
};

}  // namespace psirt
