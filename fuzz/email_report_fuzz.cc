// libFuzzer target: ParseEmailReport must return a value or an error for any
// bytes, never crash, hang or leak.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "formats/email_report.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view raw(reinterpret_cast<const char*>(data), size);
  auto r = psirt::ParseEmailReport(raw, "fuzz.eml");
  if (r.ok() && r->subject.empty()) __builtin_trap();  // a report always has a title
  return 0;
}
