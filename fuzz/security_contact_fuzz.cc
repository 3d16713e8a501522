// libFuzzer target: the security contact read from a module clone's
// SECURITY.md or security.txt (any bytes). What it returns is one address
// found in the text's first 64 KiB - a local part, '@', a dotted domain -
// and reading never takes more than linear time (the fuzzer's timeout).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/module_link.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string address = psirt::SecurityContactIn(text);
  if (address.empty()) return 0;
  size_t at = address.find('@');
  if (at == std::string::npos || at == 0 || address.find('.', at) == std::string::npos) __builtin_trap();
  if (text.substr(0, 64 * 1024).find(address) == std::string_view::npos) __builtin_trap();
  return 0;
}
