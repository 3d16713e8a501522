// Text rules: what a text field may hold before psirt stores it - valid
// UTF-8, no control characters (line breaks only in multi-line fields) and
// at most the length the published formats carry (the CVE 5 schema's
// maxLength, counted in characters). Pure; every intake path (CLI, imports,
// e-mail, later the server) checks with these same rules.
#pragma once

#include <cstddef>
#include <string_view>

#include "base/status.h"

namespace psirt {

// One rule stored text must follow (length, characters), with its field name.
struct TextRule {
  std::string_view field;  // named in errors: "title", "--as", ...
  bool multiline = false;  // line feeds (and tabs) allowed
  size_t max_chars = 0;    // in Unicode code points; 0: no limit
};

namespace text {
// CVE 5: cnaPublishedContainer.title.
inline constexpr TextRule kTitle{"title", false, 256};
// CVE 5: descriptions[].value.
inline constexpr TextRule kDescription{"description", true, 4096};
// Not published; bounded so one note cannot bloat every read.
inline constexpr TextRule kNote{"note", true, 65536};
// Reasons end up in CVE 5 timeline values.
inline constexpr TextRule kReason{"reason", true, 4096};
// People and handles: credits (CVE 5 credits[].value), assignees, actors.
inline constexpr TextRule kName{"name", false, 256};
// CVE 5: credits[].value (a credit may name several people or a team).
inline constexpr TextRule kCredit{"credit", false, 4096};
inline constexpr TextRule kActor{"actor", false, 256};
inline constexpr TextRule kSubsystem{"subsystem", false, 256};
// CVE 5: programFiles items.
inline constexpr TextRule kFile{"file", false, 1024};
// CVE 5: uriType.
inline constexpr TextRule kUrl{"url", false, 2048};
}  // namespace text

// Ok, or Invalid naming the field and what is wrong (invalid UTF-8 at byte
// N, a control character U+00NN or a bidirectional control such as
// U+202E, a line break in a one-line field, too long).
Status CheckText(const TextRule& rule, std::string_view value);

// What is kept of text psirt must never lose for its content (a
// reporter's mail or form, an imported page): CRLF and CR become LF
// (a space in one-line text), invalid UTF-8 becomes U+FFFD, and every
// other control or bidirectional control character is written out as
// "<U+XXXX>" so it is kept visibly, never silently cut. The result passes
// CheckText's character rules.
std::string NeutralizeText(std::string_view value, bool multiline);

// Whether the code point at `s[i]` (UTF-8) is a bidirectional control
// (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069); its length.
size_t BidiControlAt(std::string_view s, size_t i);

}  // namespace psirt
