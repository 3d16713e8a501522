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

}  // namespace psirt
