// E-mail reports: reads one RFC 5322 message as mailing lists deliver it
// (MIME, transfer encodings, RFC 2047 words, folded headers, any charset)
// into the fields of a vulnerability report. Pure: text in, values out.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "core/advisory.h"

namespace psirt {

// A report read from an e-mail: title, body, sender, date, Message-ID.
struct EmailReport {
  std::string subject;     // decoded, list tags like "[vulnerabilities]" removed
  std::string body;        // text/plain part preferred, UTF-8, LF line ends
  Person from;             // decoded display name and address
  Timestamp date;          // Date header, in UTC
  std::string message_id;  // without angle brackets, may be empty
  // Message-IDs this one answers (In-Reply-To, then References), without
  // angle brackets: a reply joins the advisory of its thread.
  std::vector<std::string> thread;
};

// Parses `raw` (one message, optionally with an mbox "From " line first).
// Errors name `filename`, the line of the offending header and what is wrong
// (lines counted from `first_line`, for a message inside a mailbox).
Result<EmailReport> ParseEmailReport(std::string_view raw, const std::string& filename, int first_line = 1);

// The messages of a file: one message, or every message of an mbox
// (separated by "From " lines; mboxrd ">From " quoting undone). Each with
// the line its text starts on. Never merges two messages into one.
struct MailboxMessage {
  std::string text;
  int first_line = 1;
};
std::vector<MailboxMessage> SplitMailbox(std::string_view raw);

// The 1-based line of header `name` in a message's header block (from
// `first_line`), for error messages.
int EmailHeaderLine(std::string_view raw, std::string_view name, int first_line);

}  // namespace psirt
