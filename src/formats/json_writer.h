// Minimal streaming JSON writing for hot output paths (batch modes), where
// building a DOM per record would dominate. Strings are escaped per RFC 8259.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace psirt {

// Appends `s` as a JSON string literal (with quotes).
void AppendJsonString(std::string& out, std::string_view s);
// Appends a JSON array of strings.
void AppendJsonStrings(std::string& out, std::span<const std::string> v);

}  // namespace psirt
