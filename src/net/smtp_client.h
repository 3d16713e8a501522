// SMTP submission with libcurl: one message to its recipients, STARTTLS
// when the server offers it (required with smtps:// or `require_tls`),
// optional credentials (never logged or put in errors).
#pragma once

#include <string>
#include <vector>

#include "base/status.h"

namespace psirt {

// Where and how to send mail: server, TLS, credentials.
struct SmtpOptions {
  std::string url;  // smtp://host:port or smtps://host:port
  std::string username;
  std::string password;
  bool require_tls = false;
  long timeout_seconds = 30;
};

// Reads "user:password" (first line) from a credentials file; errors name
// the file, never its content.
Result<std::pair<std::string, std::string>> ReadSmtpCredentials(const std::string& path);

// Whether `host` (a name or an address) never leaves this machine:
// localhost, 127.0.0.0/8, ::1. Only there may credentials travel unencrypted.
bool IsLoopbackHost(const std::string& host);

// Sends `message` (RFC 5322 text, CRLF line ends). Credentials are never
// sent in clear text: with a username, STARTTLS is required unless the
// server is on this machine (loopback); credentials inside the URL are
// refused. Errors say what the server or connection answered, never a
// password.
Status SendSmtp(const SmtpOptions& o, const std::string& envelope_from,
                const std::vector<std::string>& envelope_to, const std::string& message);

}  // namespace psirt
