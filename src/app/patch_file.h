// Patch files: `git format-patch` output (one patch per file, or a whole
// series as an mbox) and plain `git diff` output, read into patches - the
// mail's subject and author, the commit it came from, the diff itself and
// the paths it changes. Every hunk is counted against its header, so a
// truncated file is refused (with its file and line) rather than stored
// half. Binary patches are refused. Pure (text in, values out), but in app/
// rather than formats/: mail headers are decoded by the e-mail reader of the
// mail adapter (GMime), which the formats library must not pull in.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace psirt {

// One patch of a file.
struct ParsedPatch {
  std::string subject;      // "[PATCH n/m]" removed; the file's name for a plain diff
  std::string author;       // "Name <address>" ("" for a plain diff)
  std::string date;         // the Date header as written ("" for a plain diff)
  std::string from_commit;  // the "From <sha> ..." line's commit ("" when absent)
  std::string message;      // the commit message's body (before "---")
  std::string diff;         // from the first "diff --git" to the end of the last hunk, LF line ends
  std::vector<std::string> files;  // the paths it changes (the new name of a rename, the old of a deletion)
  int line = 1;             // where the patch starts in the file
};

// Reads every patch of `text` (named `filename` in errors). Errors: no
// patch at all, a malformed or truncated diff, a binary patch.
Result<std::vector<ParsedPatch>> ParsePatchFile(std::string_view text, const std::string& filename);

}  // namespace psirt
