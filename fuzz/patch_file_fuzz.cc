// libFuzzer target: any bytes read as a patch file give patches or one
// error, never a crash, hang or leak; every accepted patch's diff starts at
// a "diff --git" line, names the paths it changes, and read again on its
// own (as a plain diff) is the same diff with the same paths; libgit2 reads
// it or refuses it cleanly.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "app/patch_file.h"
#include "git/patch_apply.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view raw(reinterpret_cast<const char*>(data), size);
  auto r = psirt::ParsePatchFile(raw, "fuzz.patch");
  if (!r.ok()) {
    if (r.status().message().empty()) __builtin_trap();
    return 0;
  }
  for (const psirt::ParsedPatch& p : *r) {
    if (p.diff.rfind("diff --git ", 0) != 0 || p.files.empty()) __builtin_trap();
    auto again = psirt::ParsePatchFile(p.diff, "again.patch");
    if (!again.ok() || again->size() != 1 || (*again)[0].diff != p.diff || (*again)[0].files != p.files) __builtin_trap();
    (void)psirt::git::PatchApplier::PatchIdOf(p.diff);
  }
  return 0;
}
