// The psirt binary's side of psirt-mail.so: the MIME and SMTP functions
// declared in formats/ and net/, forwarded to the module, which is loaded
// (once, thread-safely) the first time one of them is called. The module
// is looked for as base/module_loader.h says.
#include "base/module_loader.h"
#include "mail/mail_api.h"

namespace psirt {
namespace {

LazyModule<MailApi>& Mail() {
  static LazyModule<MailApi> module(kMailModuleFile, kMailModuleEntry, "e-mail support", kMailApiAbi);
  return module;
}

Status Missing() { return Status::Internal(Mail().error()); }

}  // namespace

Result<std::string> BuildEmail(const OutgoingEmail& m) {
  if (!Mail().api()) return Missing();
  return Mail().api()->build_email(m);
}

Result<std::string> EmailAddress(const std::string& mailbox) {
  if (!Mail().api()) return Missing();
  return Mail().api()->email_address(mailbox);
}

Result<EmailReport> ParseEmailReport(std::string_view raw, const std::string& filename, int first_line) {
  if (!Mail().api()) return Missing();
  return Mail().api()->parse_email_report(raw, filename, first_line);
}

Status SendSmtp(const SmtpOptions& o, const std::string& envelope_from,
                const std::vector<std::string>& envelope_to, const std::string& message) {
  if (!Mail().api()) return Missing();
  return Mail().api()->send_smtp(o, envelope_from, envelope_to, message);
}

Result<HttpResponse> SendHttp(const HttpRequest& request) {
  if (!Mail().api()) return Missing();
  return Mail().api()->send_http(request);
}

}  // namespace psirt
