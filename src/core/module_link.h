// Module links: the rules that tie an advisory to a third-party module of
// the west manifest and keep that tie current - which module holds the
// affected files, where upstream's security contact is written, and what a
// scan says of a linked advisory (still pinned at a vulnerable revision,
// moved past the fix, or closed by a VEX decision). Pure.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/advisory.h"
#include "core/event_payloads.h"

namespace psirt {

// The manifest project whose path holds every one of `files` (paths
// relative to the west topdir; the longest project path wins); "" when no
// project or more than one holds them. `paths`: project name -> path.
std::string ModuleOfFiles(const std::vector<std::string>& files, const std::map<std::string, std::string>& paths);

// The security contact a SECURITY.md or security.txt (RFC 9116) names: the
// first `Contact: mailto:` line, else the first e-mail address in the text;
// "" when there is none.
std::string SecurityContactIn(std::string_view text);

// What one scan said of a linked advisory's module and vulnerability.
struct ModuleScanView {
  bool scanned = false;     // the module was among those scanned
  bool found = false;       // the vulnerability (or an alias) was found
  bool suppressed = false;  // found, and a VEX decision closes it
  std::string vex;          // the decision, in words ("not_affected: vulnerable_code_not_present (psirt, alice)")
  std::string pinned;       // the commit the manifest pins now
  std::string version;      // the module's version, when known
  std::vector<std::string> fixed;  // fix commits or versions the finding names
};

// The module event a scan calls for (status, pinned revision, resolution),
// or nothing when the link already says so or the scan cannot tell (the
// module was not scanned, or the advisory names no upstream vulnerability).
std::optional<ev::ModuleChanged> ModuleScanChange(const ModuleLink& l, const ModuleScanView& v);

}  // namespace psirt
