// libFuzzer target: the page's wording read into facts - inline markup to
// plain text, fix link labels to branch and release, fix sentences to
// releases and branches - for any text: never a crash; every branch and
// release produced is one the release model names.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/config.h"
#include "core/versions.h"
#include "formats/advisory_rst.h"
#include "formats/rst_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::string plain = psirt::RstInlineToPlain(text);
  if (plain.size() > text.size() + 16 * (1 + text.size() / 2)) __builtin_trap();  // links add " (url)" at most
  psirt::ReleaseModel m;
  psirt::FixTarget t = psirt::ParseFixLabel(m, text);
  if (!t.branch.empty() && t.branch != m.main_branch && !psirt::CheckReleaseBranch(m, t.branch).ok()) __builtin_trap();
  if (!t.release.empty() && !psirt::CheckReleaseTag(m, t.release).ok()) __builtin_trap();
  psirt::FixStatement s = psirt::ParseFixStatement(m, text);
  for (const std::string& r : s.releases)
    if (!psirt::CheckReleaseTag(m, r).ok()) __builtin_trap();
  for (const std::string& b : s.branches)
    if (!psirt::CheckReleaseBranch(m, b).ok()) __builtin_trap();
  return 0;
}
