// libFuzzer target: a file of e-mail (one message or an mbox) splits into
// messages and each parses to a value or an error for any bytes, never a
// crash, hang or leak; an accepted report always has a one-line title
// within the limits psirt stores.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/text_rules.h"
#include "formats/email_report.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view raw(reinterpret_cast<const char*>(data), size);
  for (const psirt::MailboxMessage& m : psirt::SplitMailbox(raw)) {
    if (m.first_line < 1) __builtin_trap();
    auto r = psirt::ParseEmailReport(m.text, "fuzz.eml", m.first_line);
    if (!r.ok()) continue;
    if (r->subject.empty() || !psirt::CheckText(psirt::text::kTitle, r->subject).ok()) __builtin_trap();
  }
  return 0;
}
