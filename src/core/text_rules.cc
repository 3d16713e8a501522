// Text rule checks.
#include "core/text_rules.h"

#include <cstdio>
#include <string>

#include "base/strings.h"

namespace psirt {

size_t BidiControlAt(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
  if (b(0) == 0xD8 && b(1) == 0x9C) return 2;  // U+061C ARABIC LETTER MARK
  if (b(0) != 0xE2) return 0;
  unsigned c1 = b(1), c2 = b(2);
  if (c1 == 0x80 && (c2 == 0x8E || c2 == 0x8F)) return 3;                // U+200E, U+200F
  if (c1 == 0x80 && c2 >= 0xAA && c2 <= 0xAE) return 3;                  // U+202A..U+202E
  if (c1 == 0x81 && c2 >= 0xA6 && c2 <= 0xA9) return 3;                  // U+2066..U+2069
  return 0;
}

std::string NeutralizeText(std::string_view in, bool multiline) {
  std::string value = IsValidUtf8(in) ? std::string(in) : SanitizeUtf8(in);
  std::string out;
  out.reserve(value.size());
  auto escaped = [&](unsigned cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "<U+%04X>", cp);
    out += buf;
  };
  for (size_t i = 0; i < value.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(value[i]);
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < value.size() && value[i + 1] == '\n') ++i;
      out += multiline ? '\n' : ' ';
      continue;
    }
    if (c == '\t') {
      out += multiline ? '\t' : ' ';
      continue;
    }
    if (c < 0x20 || c == 0x7F) {
      escaped(c);
      continue;
    }
    if (c == 0xC2 && i + 1 < value.size() && static_cast<unsigned char>(value[i + 1]) < 0xA0) {
      escaped(static_cast<unsigned char>(value[i + 1]));
      ++i;
      continue;
    }
    if (size_t n = BidiControlAt(value, i)) {
      unsigned cp = n == 2 ? 0x061C
                           : ((static_cast<unsigned char>(value[i]) & 0x0F) << 12) |
                                 ((static_cast<unsigned char>(value[i + 1]) & 0x3F) << 6) |
                                 (static_cast<unsigned char>(value[i + 2]) & 0x3F);
      escaped(cp);
      i += n - 1;
      continue;
    }
    out += static_cast<char>(c);
  }
  return out;
}

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
    if (BidiControlAt(value, i) != 0) {
      return Status::Invalid(field + ": bidirectional control character at byte " + std::to_string(i + 1) +
                             " (it can make text read differently from what it is)");
    }
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
