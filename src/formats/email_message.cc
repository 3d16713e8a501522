// Outgoing e-mail with GMime 3.
#include "formats/email_message.h"

#include "formats/gmime_support.h"

#include "base/strings.h"

#include <memory>

namespace psirt {
namespace {

bool Has8Bit(const std::string& s) {
  for (unsigned char c : s)
    if (c >= 0x80) return true;
  return false;
}

}  // namespace

Result<std::string> EmailAddress(const std::string& mailbox) {
  InitGmime();
  GPtr<InternetAddressList> list(internet_address_list_parse(nullptr, mailbox.c_str()));
  if (!list || internet_address_list_length(list.get()) != 1)
    return Status::Invalid("bad e-mail address '" + mailbox + "': expected \"Name <user@host>\" or user@host");
  InternetAddress* a = internet_address_list_get_address(list.get(), 0);
  if (!INTERNET_ADDRESS_IS_MAILBOX(a))
    return Status::Invalid("bad e-mail address '" + mailbox + "': a group is not a mailbox");
  std::string addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a));
  if (addr.find('@') == std::string::npos || addr.front() == '@' || addr.back() == '@')
    return Status::Invalid("bad e-mail address '" + mailbox + "': expected user@host");
  return addr;
}

Result<std::string> BuildEmail(const OutgoingEmail& m) {
  InitGmime();
  GPtr<GMimeMessage> msg(g_mime_message_new(TRUE));
  auto add = [&](GMimeAddressType type, const std::string& box) -> Status {
    PSIRT_RETURN_IF_ERROR(EmailAddress(box).status());
    GPtr<InternetAddressList> list(internet_address_list_parse(nullptr, box.c_str()));
    internet_address_list_append(g_mime_message_get_addresses(msg.get(), type), list.get());
    return Status::Ok();
  };
  PSIRT_RETURN_IF_ERROR(add(GMIME_ADDRESS_TYPE_FROM, m.from));
  if (m.to.empty()) return Status::Invalid("a message needs at least one recipient");
  for (const Person& t : m.to) {
    const std::string& addr = t.email;
    size_t at = addr.find('@');
    if (at == std::string::npos || at == 0 || at + 1 == addr.size() ||
        addr.find_first_of(" <>,;:\"()[]\\\r\n") != std::string::npos || !IsValidUtf8(addr))
      return Status::Invalid("bad e-mail address '" + addr + "' for " + (t.name.empty() ? addr : t.name) +
                             ": expected user@host");
    if (!IsValidUtf8(t.name) || t.name.find_first_of("\r\n") != std::string::npos)
      return Status::Invalid("bad display name for " + addr);
    // Built, not parsed: the name is any text, GMime quotes or encodes it.
    GPtr<InternetAddress> box(internet_address_mailbox_new(t.name.c_str(), addr.c_str()));
    internet_address_list_add(g_mime_message_get_addresses(msg.get(), GMIME_ADDRESS_TYPE_TO), box.get());
  }
  g_mime_message_set_subject(msg.get(), m.subject.c_str(), "utf-8");
  GDateTime* dt = g_date_time_new_from_unix_utc(m.date.unix_seconds());
  g_mime_message_set_date(msg.get(), dt);
  g_date_time_unref(dt);
  g_mime_message_set_message_id(msg.get(), m.message_id.c_str());

  GPtr<GMimeTextPart> part(g_mime_text_part_new_with_subtype("plain"));
  // The body's UTF-8 bytes as they are (set_text would pick and convert to
  // a charset of its own choosing).
  GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(m.body.data(), m.body.size()));
  GPtr<GMimeDataWrapper> content(g_mime_data_wrapper_new_with_stream(stream.get(), GMIME_CONTENT_ENCODING_DEFAULT));
  g_mime_part_set_content(GMIME_PART(part.get()), content.get());
  g_mime_object_set_content_type_parameter(GMIME_OBJECT(part.get()), "charset", "utf-8");
  g_mime_part_set_content_encoding(GMIME_PART(part.get()), Has8Bit(m.body)
                                                               ? GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE
                                                               : GMIME_CONTENT_ENCODING_7BIT);
  g_mime_message_set_mime_part(msg.get(), GMIME_OBJECT(part.get()));

  GMimeFormatOptions* opts = g_mime_format_options_clone(nullptr);
  g_mime_format_options_set_newline_format(opts, GMIME_NEWLINE_FORMAT_DOS);
  char* text = g_mime_object_to_string(GMIME_OBJECT(msg.get()), opts);
  g_mime_format_options_free(opts);
  std::string out = text ? text : "";
  g_free(text);
  return out;
}

}  // namespace psirt
