// Outgoing e-mail: RFC 5322 messages built with GMime (address lists,
// RFC 2047-encoded UTF-8 headers, Date, Message-ID, a UTF-8 text/plain body
// in quoted-printable), and mbox ("mboxrd") framing. Pure.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "core/advisory.h"

namespace psirt {

// An e-mail to send: headers and a text body.
struct OutgoingEmail {
  std::string from;             // "Name <addr>" or "addr"
  std::vector<Person> to;       // any display name ("ACME Corp: PSIRT" too), an address
  std::string subject;          // UTF-8
  std::string body;             // UTF-8, LF line ends
  Timestamp date;
  std::string message_id;       // without angle brackets
};

// The message text (CRLF line ends, as sent over SMTP). Display names are
// quoted or encoded by GMime as RFC 5322 needs, whatever they contain.
// Errors name the address that is not an address.
Result<std::string> BuildEmail(const OutgoingEmail& m);

// The bare address of "Name <addr>" (or of "addr").
Result<std::string> EmailAddress(const std::string& mailbox);

// One mbox entry: the "From " separator line, the message with LF line ends
// and lines starting ">*From " quoted with one more '>', and a blank line.
std::string MboxEntry(const std::string& message, const std::string& sender, Timestamp date);

}  // namespace psirt
