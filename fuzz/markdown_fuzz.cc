// libFuzzer target: MarkdownToSafeHtml renders any bytes, and what it
// renders never carries a script or iframe element or a javascript: link
// or image URL (text is escaped, so these can only come from markup that
// safe mode let through; the page's safety does not rest on the CSP alone).
#include <cstddef>
#include <cstdint>
#include <string>

#include "formats/markdown.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string html = psirt::MarkdownToSafeHtml(std::string_view(reinterpret_cast<const char*>(data), size));
  for (char& c : html) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  for (const char* bad : {"<script", "<iframe", "href=\"javascript:", "src=\"javascript:"})
    if (html.find(bad) != std::string::npos) __builtin_trap();
  return 0;
}
