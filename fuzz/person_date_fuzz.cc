// libFuzzer target: the small text parsers (dates, timestamps, people,
// identifiers) never crash, and what they accept formats back identically.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/time.h"
#include "core/advisory.h"
#include "core/identifiers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view s(reinterpret_cast<const char*>(data), size);
  if (auto d = psirt::Date::Parse(s); d.ok() && d->ToString() != s) __builtin_trap();
  if (auto t = psirt::Timestamp::Parse(s); t.ok() && t->ToString() != s) {
    // 60 seconds is accepted (leap second) and normalised; anything else must round-trip.
    if (s.size() != 20 || s.substr(17, 2) != "60") __builtin_trap();
  }
  (void)psirt::ParsePerson(s);
  (void)psirt::ParseAdvisoryId(s);
  (void)psirt::CheckCveId(s);
  (void)psirt::CheckGhsaId(s);
  (void)psirt::NormalizeSha(s);
  (void)psirt::NormalizeCreditType(s);
  return 0;
}
