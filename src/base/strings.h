// Small string helpers shared across layers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace psirt {

// `s` without leading and trailing whitespace.
std::string Trim(std::string s);
// The items joined with `sep`.
std::string Join(const std::vector<std::string>& v, const char* sep = ", ");
// `s` on one line: line breaks become spaces (published pages wrap titles).
std::string OneLine(std::string_view s);
// Whether `s` is well-formed UTF-8 (no overlongs, surrogates or values
// beyond U+10FFFF).
bool IsValidUtf8(std::string_view s);
// Offset of the first byte that is not part of a valid UTF-8 sequence, or
// npos when `s` is valid.
size_t FirstInvalidUtf8(std::string_view s);
// Number of code points in valid UTF-8 (what JSON schemas' maxLength counts);
// an invalid byte counts as one.
size_t Utf8Length(std::string_view s);
// `s` with every invalid UTF-8 sequence replaced by U+FFFD: for showing data
// that was stored before it was checked, never for storing.
std::string SanitizeUtf8(std::string_view s);
// `s` safe to print on a terminal: control characters (C0 other than tab
// and, when `keep_newlines`, line feed; DEL; C1) become \xNN or \u00NN, invalid
// UTF-8 bytes become \xNN, so text from a report can never move the cursor,
// ring the bell or change the terminal's state.
std::string EscapeControls(std::string_view s, bool keep_newlines = true);

// `s` with A-Z lowered (e-mail addresses, header names).
std::string ToLowerAscii(std::string_view s);
// Whether a and b are equal but for the case of ASCII letters.
bool EqualsIgnoreCaseAscii(std::string_view a, std::string_view b);
// RFC 3986 percent-encoding of everything but unreserved characters (a
// path segment or a query value).
std::string PercentEncode(std::string_view s);
// The first `max_chars` code points of valid UTF-8 `s` (all of it if shorter).
std::string TruncateUtf8(std::string_view s, size_t max_chars);
// CRLF and lone CR become LF.
std::string NormalizeLineBreaks(std::string_view s);
// The parts of `s` between `sep`s (empty parts kept): "a,,b" -> a, "", b.
std::vector<std::string_view> SplitViews(std::string_view s, char sep);
// A value as an error message quotes it: controls escaped, and cut after
// `max` bytes with the full size said ("abc... (131072 bytes)"), so a
// huge bad value never floods a message.
std::string Shown(std::string_view value, size_t max = 80);

}  // namespace psirt
