// E-mail reports: reads one RFC 5322 message as mailing lists deliver it
// (MIME, transfer encodings, RFC 2047 words, folded headers, any charset)
// into the fields of a vulnerability report. Pure: text in, values out.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "base/time.h"
#include "core/advisory.h"

namespace psirt {

struct EmailReport {
  std::string subject;     // decoded, list tags like "[vulnerabilities]" removed
  std::string body;        // text/plain part preferred, UTF-8, LF line ends
  Person from;             // decoded display name and address
  Timestamp date;          // Date header, in UTC
  std::string message_id;  // without angle brackets, may be empty
};

// Parses `raw` (one message, optionally with an mbox "From " line first).
// Errors name `filename`, the line of the offending header and what is wrong.
Result<EmailReport> ParseEmailReport(std::string_view raw, const std::string& filename);

}  // namespace psirt
