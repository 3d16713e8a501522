// The entry point of psirt-mail.so: the table of the real MIME and SMTP
// functions (see mail_api.h). Nothing else of the module is exported.
#include "mail/mail_api.h"

extern "C" __attribute__((visibility("default"))) const psirt::MailApi* psirt_mail_api() {
  static const psirt::MailApi api = {psirt::kMailApiAbi, &psirt::BuildEmail, &psirt::EmailAddress,
                                     &psirt::ParseEmailReport, &psirt::SendSmtp,
                                     &psirt::SendHttp};
  return &api;
}
