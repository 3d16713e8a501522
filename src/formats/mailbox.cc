// Mailbox framing without a MIME library: mbox ("mboxrd") entries out,
// messages of an mbox in, and where a header sits (for error messages).
// The MIME work itself is in email_message.cc / email_report.cc (GMime).
#include <cctype>
#include <cstdio>
#include <ctime>

#include "formats/email_message.h"
#include "base/strings.h"
#include "formats/email_report.h"

namespace psirt {

int EmailHeaderLine(std::string_view raw, std::string_view name, int first_line) {
  int line = first_line;
  size_t pos = 0;
  while (pos < raw.size()) {
    size_t end = raw.find('\n', pos);
    std::string_view l = raw.substr(pos, end == std::string_view::npos ? raw.size() - pos : end - pos);
    if (l.empty() || l == "\r") break;  // end of headers
    if (l.size() > name.size() && l[name.size()] == ':') {
      if (EqualsIgnoreCaseAscii(l.substr(0, name.size()), name)) return line;
    }
    if (end == std::string_view::npos) break;
    pos = end + 1;
    ++line;
  }
  return first_line;
}

std::vector<MailboxMessage> SplitMailbox(std::string_view raw) {
  std::vector<MailboxMessage> out;
  if (raw.substr(0, 5) != "From ") {
    out.push_back({std::string(raw), 1});
    return out;
  }
  int line = 1;
  bool prev_blank = true;
  size_t pos = 0;
  while (pos < raw.size()) {
    size_t nl = raw.find('\n', pos);
    std::string_view l = raw.substr(pos, nl == std::string_view::npos ? raw.size() - pos : nl - pos);
    if (prev_blank && l.substr(0, 5) == "From ") {
      // A new message starts on the next line; drop the blank line that separated it.
      if (!out.empty() && out.back().text.size() >= 2 && out.back().text.compare(out.back().text.size() - 2, 2, "\n\n") == 0)
        out.back().text.pop_back();
      out.push_back({"", line + 1});
    } else if (!out.empty()) {
      // mboxrd: ">From " lines were quoted with one more '>'.
      size_t gt = l.find_first_not_of('>');
      if (gt != std::string_view::npos && gt > 0 && l.substr(gt, 5) == "From ") l.remove_prefix(1);
      out.back().text.append(l);
      if (nl != std::string_view::npos) out.back().text += '\n';
    }
    std::string_view trimmed = l;
    while (!trimmed.empty() && (trimmed.back() == '\r')) trimmed.remove_suffix(1);
    prev_blank = trimmed.empty();
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
    ++line;
  }
  return out;
}

std::string MboxEntry(const std::string& message, const std::string& sender, Timestamp date) {
  // asctime-style date of the separator line, in English whatever the locale.
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t t = static_cast<std::time_t>(date.unix_seconds());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char when[64];
  std::snprintf(when, sizeof when, "%s %s %2d %02d:%02d:%02d %d", kDays[tm.tm_wday % 7], kMonths[tm.tm_mon % 12],
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, tm.tm_year + 1900);
  std::string out = "From " + (sender.empty() ? std::string("MAILER-DAEMON") : sender) + " " + when + "\n";
  size_t pos = 0;
  while (pos < message.size()) {
    size_t nl = message.find('\n', pos);
    std::string line = message.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = nl == std::string::npos ? message.size() : nl + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t gt = line.find_first_not_of('>');
    if (gt != std::string::npos && line.compare(gt, 5, "From ") == 0) line = ">" + line;
    out += line + "\n";
  }
  return out + "\n";
}

}  // namespace psirt
