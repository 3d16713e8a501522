// JSON string escaping.
#include "formats/json_writer.h"

#include "base/strings.h"

namespace psirt {

void AppendJsonString(std::string& out, std::string_view s) {
  static const char* kHex = "0123456789abcdef";
  // Invalid UTF-8 (a path read from stdin, say) would make the document
  // invalid JSON: such bytes become U+FFFD.
  std::string sanitized;
  if (!IsValidUtf8(s)) {
    sanitized = SanitizeUtf8(s);
    s = sanitized;
  }
  out += '"';
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (u < 0x20) {
          out += "\\u00";
          out += kHex[u >> 4];
          out += kHex[u & 15];
        } else {
          out += c;  // UTF-8 passes through
        }
    }
  }
  out += '"';
}

void AppendJsonStrings(std::string& out, std::span<const std::string> v) {
  out += '[';
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out += ',';
    AppendJsonString(out, v[i]);
  }
  out += ']';
}

}  // namespace psirt
