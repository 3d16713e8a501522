// Fuzz target: HTML form bodies - multipart/form-data (the boundary is the
// first line of the input) and URL-encoded pairs - with their limits.
#include <cstddef>
#include <cstdint>
#include <string>

#include "formats/form_data.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string in(reinterpret_cast<const char*>(data), size);
  size_t nl = in.find('\n');
  std::string first = in.substr(0, nl), body = nl == std::string::npos ? "" : in.substr(nl + 1);
  auto boundary = psirt::MultipartBoundary("multipart/form-data; boundary=" + first);
  if (boundary.ok()) {
    auto parts = psirt::ParseMultipart(body, *boundary);
    if (parts.ok())
      for (const psirt::FormField& f : *parts)
        if (!f.is_file && f.value.find('\r') != std::string::npos) __builtin_trap();  // text fields never keep CR
  }
  (void)psirt::MultipartBoundary(first);
  (void)psirt::ParseUrlEncoded(in);
  std::string out;
  (void)psirt::PercentDecode(in, true, out);
  return 0;
}
