// Text rule checks.
#include "core/text_rules.h"

#include <cstdio>
#include <string>

#include "base/strings.h"

namespace psirt {

Status CheckText(const TextRule& rule, std::string_view value) {
  std::string field(rule.field);
  if (size_t at = FirstInvalidUtf8(value); at != std::string_view::npos) {
    return Status::Invalid(field + ": not valid UTF-8 (byte " + std::to_string(at + 1) +
                           "): expected UTF-8 text");
  }
  for (size_t i = 0; i < value.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(value[i]);
    bool c1 = c == 0xC2 && i + 1 < value.size() && static_cast<unsigned char>(value[i + 1]) < 0xA0;
    if (c == '\n' || c == '\r') {
      if (!rule.multiline || c == '\r')
        return Status::Invalid(field + ": " +
                               (rule.multiline ? std::string("carriage return (use line feeds)")
                                               : std::string("must be a single line")));
      continue;
    }
    if (c == '\t' && rule.multiline) continue;
    if (c < 0x20 || c == 0x7F || c1) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "%04X",
                    c1 ? static_cast<unsigned char>(value[i + 1]) : static_cast<unsigned>(c));
      return Status::Invalid(field + ": control character U+" + buf + " at byte " +
                             std::to_string(i + 1) + " (not allowed in text psirt stores)");
    }
  }
  if (rule.max_chars) {
    size_t n = Utf8Length(value);
    if (n > rule.max_chars)
      return Status::Invalid(field + ": " + std::to_string(n) + " characters, at most " +
                             std::to_string(rule.max_chars) + " allowed (what published records carry)");
  }
  return Status::Ok();
}

}  // namespace psirt
