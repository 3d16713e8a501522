// The adapters with heavy libraries - MIME (GMime), SMTP and HTTP(S)
// (libcurl: the GitHub client's transport too) - as one table of functions,
// built into the loadable module psirt-mail.so (named for its first use,
// mail; it also carries the HTTP client). Those libraries and what
// they pull in (glib, gio, gpgme, krb5, ldap, TLS stacks: ~40 shared
// objects) took two thirds of psirt's start-up time; the binary loads them
// only when a command reads or sends mail or calls an HTTP API. Tests and fuzzers link the
// adapters directly; the psirt binary reaches them through mail_loader.cc.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "formats/email_message.h"
#include "formats/email_report.h"
#include "net/http_client.h"
#include "net/smtp_client.h"

namespace psirt {

// The functions the mail module exports (GMime, libcurl), loaded on demand.
struct MailApi {
  // Changes whenever a signature below changes: a module from another
  // build is refused rather than called with the wrong layout.
  int abi;
  Result<std::string> (*build_email)(const OutgoingEmail& m);
  Result<std::string> (*email_address)(const std::string& mailbox);
  Result<EmailReport> (*parse_email_report)(std::string_view raw, const std::string& filename, int first_line);
  Status (*send_smtp)(const SmtpOptions& o, const std::string& envelope_from,
                      const std::vector<std::string>& envelope_to, const std::string& message);
  // HTTP (libcurl) for the GitHub client: the same start-up reasons.
  Result<HttpResponse> (*send_http)(const HttpRequest& request);
};

inline constexpr int kMailApiAbi = 3;
// The module's file name and its one exported function.
inline constexpr const char* kMailModuleFile = "psirt-mail.so";
inline constexpr const char* kMailModuleEntry = "psirt_mail_api";
// The mail module's entry point.
using MailModuleEntry = const MailApi* (*)();

}  // namespace psirt
