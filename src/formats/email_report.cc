// E-mail parsing with GMime 3 (MIME structure, decoding, charset conversion).
#include "formats/email_report.h"

#include "base/strings.h"
#include "core/text_rules.h"

#include "formats/gmime_support.h"

#include <algorithm>
#include <cctype>

namespace psirt {
namespace {

// Removes leading "[list]" tags that mailing lists prepend to subjects.
std::string StripListTags(std::string s) {
  s = Trim(std::move(s));
  while (!s.empty() && s[0] == '[') {
    size_t close = s.find(']');
    if (close == std::string::npos) break;
    s = Trim(s.substr(close + 1));
  }
  return s;
}

std::string StripHtml(const std::string& html) {
  std::string out;
  bool in_tag = false;
  for (char c : html) {
    if (c == '<') in_tag = true;
    else if (c == '>') in_tag = false;
    else if (!in_tag) out += c;
  }
  return out;
}

struct BodySearch {
  std::string plain;
  std::string html;
};

void VisitPart(GMimeObject* /*parent*/, GMimeObject* part, gpointer data) {
  auto* search = static_cast<BodySearch*>(data);
  if (!GMIME_IS_TEXT_PART(part)) return;
  if (g_mime_part_is_attachment(GMIME_PART(part))) return;
  GMimeContentType* ct = g_mime_object_get_content_type(part);
  bool plain = g_mime_content_type_is_type(ct, "text", "plain");
  bool html = g_mime_content_type_is_type(ct, "text", "html");
  if ((plain && !search->plain.empty()) || (html && !search->html.empty()) || (!plain && !html))
    return;
  // Decoded and converted to UTF-8 through a stream with its length, so a
  // NUL byte in the text does not end it (g_mime_text_part_get_text would).
  GMimeDataWrapper* content = g_mime_part_get_content(GMIME_PART(part));
  if (!content) return;
  GPtr<GMimeStream> mem(g_mime_stream_mem_new());
  GPtr<GMimeStream> filtered(g_mime_stream_filter_new(mem.get()));
  const char* charset = g_mime_object_get_content_type_parameter(part, "charset");
  if (charset && g_ascii_strcasecmp(charset, "utf-8") != 0 && g_ascii_strcasecmp(charset, "us-ascii") != 0) {
    if (GMimeFilter* f = g_mime_filter_charset_new(charset, "UTF-8")) {
      g_mime_stream_filter_add(GMIME_STREAM_FILTER(filtered.get()), f);
      g_object_unref(f);
    }
  }
  g_mime_data_wrapper_write_to_stream(content, filtered.get());
  g_mime_stream_flush(filtered.get());
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem.get()));
  std::string raw(bytes ? reinterpret_cast<const char*>(bytes->data) : "", bytes ? bytes->len : 0);
  (plain ? search->plain : search->html) = NormalizeLineBreaks(raw);
}

}  // namespace

Result<EmailReport> ParseEmailReport(std::string_view raw, const std::string& filename, int first_line) {
  InitGmime();
  if (raw.substr(0, 5) == "From ") {  // mbox separator line
    size_t nl = raw.find('\n');
    raw = nl == std::string_view::npos ? std::string_view() : raw.substr(nl + 1);
    ++first_line;
  }
  auto fail = [&](std::string msg, int line) {
    return std::move(Status::Invalid(std::move(msg)).At(filename, line));
  };
  if (raw.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return fail("empty message: expected an RFC 5322 e-mail message", first_line);
  {
    // A NUL byte in the header section would silently end a header value.
    size_t end = raw.find("\n\n");
    if (size_t crlf = raw.find("\r\n\r\n"); crlf < end) end = crlf;
    size_t nul = raw.substr(0, end).find('\0');
    if (nul != std::string_view::npos)
      return fail("a NUL byte in the message's headers (expected text)",
                  first_line + static_cast<int>(std::count(raw.begin(), raw.begin() + static_cast<std::ptrdiff_t>(nul), '\n')));
  }

  GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
  GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  GPtr<GMimeMessage> msg(g_mime_parser_construct_message(parser.get(), nullptr));
  if (!msg) return fail("not an RFC 5322 e-mail message: no header section", first_line);

  GMimeObject* obj = GMIME_OBJECT(msg.get());
  EmailReport r;

  const char* from_raw = g_mime_object_get_header(obj, "From");
  if (!from_raw)
    return fail("no From header: expected an RFC 5322 e-mail message with From, Subject and Date",
                first_line);
  InternetAddressList* from = g_mime_message_get_from(msg.get());
  InternetAddress* addr = from && internet_address_list_length(from) > 0
                              ? internet_address_list_get_address(from, 0)
                              : nullptr;
  if (!addr || !INTERNET_ADDRESS_IS_MAILBOX(addr))
    return fail("From header '" + std::string(from_raw) + "' has no e-mail address",
                EmailHeaderLine(raw, "From", first_line));
  const char* name = internet_address_get_name(addr);
  const char* email = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(addr));
  r.from.name = name ? Trim(name) : "";
  r.from.email = email ? Trim(email) : "";
  if (r.from.email.find('@') == std::string::npos)
    return fail("From header '" + std::string(from_raw) + "' has no valid e-mail address",
                EmailHeaderLine(raw, "From", first_line));

  const char* subject = g_mime_message_get_subject(msg.get());
  if (!subject) return fail("no Subject header: the subject becomes the advisory title", first_line);
  // Folded headers keep their whitespace (tabs): one space each, the title is one line.
  std::string unfolded;
  for (char c : std::string(subject)) {
    bool ws = c == '\t' || c == '\r' || c == '\n' || c == ' ';
    if (ws && (unfolded.empty() || unfolded.back() == ' ')) continue;
    unfolded += ws ? ' ' : c;
  }
  // A report is never refused for its characters: control and
  // bidirectional characters are kept, escaped (core/text_rules.h).
  r.subject = Trim(NeutralizeText(StripListTags(unfolded), false));
  if (r.subject.empty())
    return fail("empty Subject header: the subject becomes the advisory title",
                EmailHeaderLine(raw, "Subject", first_line));
  std::string full_subject;  // kept in the body when the title has to be shorter
  if (Utf8Length(r.subject) > text::kTitle.max_chars) {
    full_subject = r.subject;
    r.subject = TruncateUtf8(r.subject, text::kTitle.max_chars - 4) + " ...";
  }
  r.from.name = TruncateUtf8(Trim(NeutralizeText(r.from.name, false)), 256);

  const char* date_raw = g_mime_object_get_header(obj, "Date");
  if (!date_raw) return fail("no Date header: the date becomes the reported-on date", first_line);
  GDateTime* date = g_mime_message_get_date(msg.get());
  if (!date)
    return fail("Date header '" + std::string(date_raw) + "' is not an RFC 5322 date",
                EmailHeaderLine(raw, "Date", first_line));
  r.date = Timestamp::FromUnix(g_date_time_to_unix(date));

  const char* mid = g_mime_message_get_message_id(msg.get());
  r.message_id = mid ? mid : "";
  // The thread: In-Reply-To first, then References (newest last).
  for (const char* header : {"In-Reply-To", "References"}) {
    const char* text = g_mime_object_get_header(obj, header);
    if (!text) continue;
    GMimeReferences* refs = g_mime_references_parse(nullptr, text);
    if (!refs) continue;
    for (int i = 0; i < g_mime_references_length(refs); ++i) {
      std::string id = g_mime_references_get_message_id(refs, i);
      if (!id.empty() && std::find(r.thread.begin(), r.thread.end(), id) == r.thread.end()) r.thread.push_back(id);
    }
    g_mime_references_free(refs);
  }

  BodySearch search;
  GMimeObject* body = g_mime_message_get_mime_part(msg.get());
  if (body && GMIME_IS_MULTIPART(body))
    g_mime_multipart_foreach(GMIME_MULTIPART(body), VisitPart, &search);
  else if (body)
    VisitPart(nullptr, body, &search);
  if (!search.plain.empty())
    r.body = Trim(NeutralizeText(search.plain, true));
  else if (!search.html.empty())
    r.body = Trim(NeutralizeText(StripHtml(search.html), true));
  else
    return fail("no text/plain or text/html part: nothing to use as the description", first_line);
  if (!full_subject.empty()) r.body = "Subject: " + full_subject + "\n\n" + r.body;
  return r;
}

}  // namespace psirt
