// Form bodies: URL-encoded pairs and multipart/form-data parts.
#include "formats/form_data.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "base/strings.h"

namespace psirt {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool EqualsFolded(std::string_view a, std::string_view b) {
  return EqualsIgnoreCaseAscii(a, b);
}

std::string_view TrimView(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

Status Malformed(const std::string& what) { return std::move(Status::Invalid("malformed form data: " + what).Field("body")); }

// Parameters of a header value: `type; a=b; c="d e"`. Returns the type
// and the (lower-cased name, value) pairs; quoted strings are taken as
// browsers write them (no backslash escapes).
bool HeaderParams(std::string_view value, std::string& type, std::vector<std::pair<std::string, std::string>>& params) {
  size_t semi = value.find(';');
  type = ToLowerAscii(TrimView(value.substr(0, semi)));
  size_t pos = semi == std::string_view::npos ? value.size() : semi + 1;
  while (pos < value.size()) {
    while (pos < value.size() && (value[pos] == ' ' || value[pos] == '\t' || value[pos] == ';')) ++pos;
    if (pos >= value.size()) break;
    size_t eq = value.find('=', pos);
    if (eq == std::string_view::npos) return false;
    std::string name = ToLowerAscii(TrimView(value.substr(pos, eq - pos)));
    if (name.empty()) return false;
    pos = eq + 1;
    while (pos < value.size() && (value[pos] == ' ' || value[pos] == '\t')) ++pos;
    std::string v;
    if (pos < value.size() && value[pos] == '"') {
      size_t close = value.find('"', pos + 1);
      if (close == std::string_view::npos) return false;
      v = std::string(value.substr(pos + 1, close - pos - 1));
      pos = close + 1;
    } else {
      size_t end = value.find(';', pos);
      if (end == std::string_view::npos) end = value.size();
      v = std::string(TrimView(value.substr(pos, end - pos)));
      pos = end;
    }
    params.emplace_back(std::move(name), std::move(v));
  }
  return true;
}

// The HTML standard's escaping of names and file names in form-data
// headers: '"' as %22, CR as %0D, LF as %0A.
std::string UnescapeFormName(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      std::string_view code = s.substr(i + 1, 2);
      if (EqualsFolded(code, "22")) { out += '"'; i += 2; continue; }
      if (EqualsFolded(code, "0d")) { out += '\r'; i += 2; continue; }
      if (EqualsFolded(code, "0a")) { out += '\n'; i += 2; continue; }
    }
    out += s[i];
  }
  return out;
}

// RFC 5987 ext-value: charset'lang'%-encoded (UTF-8 only).
std::optional<std::string> ExtValue(std::string_view v) {
  size_t q1 = v.find('\'');
  if (q1 == std::string_view::npos) return std::nullopt;
  size_t q2 = v.find('\'', q1 + 1);
  if (q2 == std::string_view::npos || !EqualsFolded(v.substr(0, q1), "utf-8")) return std::nullopt;
  std::string out;
  if (!PercentDecode(v.substr(q2 + 1), false, out)) return std::nullopt;
  return out;
}

}  // namespace

bool PercentDecode(std::string_view in, bool plus_is_space, std::string& out) {
  out.clear();
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int hi = HexValue(in[i + 1]), lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return true;
}

Result<std::vector<FormField>> ParseUrlEncoded(std::string_view text, const FormLimits& limits) {
  std::vector<FormField> out;
  for (std::string_view pair : SplitViews(text, '&')) {
    if (pair.empty()) continue;
    if (out.size() >= limits.max_fields)
      return Malformed("more than " + std::to_string(limits.max_fields) + " fields");
    size_t eq = pair.find('=');
    FormField f;
    if (!PercentDecode(pair.substr(0, eq), true, f.name))
      return Malformed("bad %-escape in a field name");
    if (eq != std::string_view::npos && !PercentDecode(pair.substr(eq + 1), true, f.value))
      return Malformed("bad %-escape in the value of '" + EscapeControls(f.name.substr(0, 64), false) + "'");
    f.value = NormalizeLineBreaks(f.value);
    out.push_back(std::move(f));
  }
  return out;
}

Result<std::string> MultipartBoundary(std::string_view content_type) {
  std::string type;
  std::vector<std::pair<std::string, std::string>> params;
  if (!HeaderParams(content_type, type, params) || type != "multipart/form-data")
    return Malformed("expected Content-Type: multipart/form-data; boundary=...");
  for (const auto& [k, v] : params) {
    if (k != "boundary") continue;
    if (v.empty() || v.size() > 70) return Malformed("the boundary must have 1 to 70 characters");
    if (v.back() == ' ') return Malformed("the boundary must not end in a space");
    for (char c : v)
      if (!std::isalnum(static_cast<unsigned char>(c)) && std::string_view("'()+_,-./:=? ").find(c) == std::string_view::npos)
        return Malformed("the boundary has a character RFC 2046 does not allow");
    return v;
  }
  return Malformed("multipart/form-data without a boundary");
}

Result<std::vector<FormField>> ParseMultipart(std::string_view body, std::string_view boundary, const FormLimits& limits) {
  const std::string delim = "--" + std::string(boundary);
  const std::string next = "\r\n" + delim;
  size_t pos;
  if (body.substr(0, delim.size()) == delim) {
    pos = delim.size();
  } else {
    size_t at = body.find(next);  // after a preamble
    if (at == std::string_view::npos) return Malformed("no part starts with the boundary");
    pos = at + next.size();
  }
  std::vector<FormField> out;
  for (;;) {
    if (body.substr(pos, 2) == "--") return out;  // the closing delimiter; the epilogue is ignored
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;  // transport padding
    if (body.substr(pos, 2) != "\r\n") return Malformed("expected a line break after the boundary");
    pos += 2;
    if (out.size() >= limits.max_fields) return Malformed("more than " + std::to_string(limits.max_fields) + " parts");
    // The part's header lines, up to an empty line.
    size_t head_end;
    if (body.substr(pos, 2) == "\r\n") {
      head_end = pos;
    } else {
      head_end = body.find("\r\n\r\n", pos);
      if (head_end == std::string_view::npos || head_end - pos > limits.max_part_head_bytes)
        return Malformed("a part's headers do not end (or pass " + std::to_string(limits.max_part_head_bytes) + " bytes)");
      head_end += 2;
    }
    FormField f;
    bool named = false;
    std::string_view head = body.substr(pos, head_end - pos);
    while (!head.empty()) {
      size_t eol = head.find("\r\n");
      std::string_view line = head.substr(0, eol);
      head = eol == std::string_view::npos ? std::string_view() : head.substr(eol + 2);
      size_t colon = line.find(':');
      if (colon == std::string_view::npos) return Malformed("a part header without ':'");
      std::string_view name = TrimView(line.substr(0, colon)), value = TrimView(line.substr(colon + 1));
      if (EqualsFolded(name, "content-disposition")) {
        std::string type;
        std::vector<std::pair<std::string, std::string>> params;
        if (!HeaderParams(value, type, params) || type != "form-data")
          return Malformed("expected Content-Disposition: form-data; name=\"...\"");
        std::optional<std::string> ext_filename;
        for (const auto& [k, v] : params) {
          if (k == "name") {
            f.name = UnescapeFormName(v);
            named = true;
          } else if (k == "filename") {
            f.is_file = true;
            f.filename = UnescapeFormName(v);
          } else if (k == "filename*") {
            f.is_file = true;
            ext_filename = ExtValue(v);
            if (!ext_filename) return Malformed("filename* is not a UTF-8 ext-value");
          }
        }
        if (ext_filename) f.filename = *ext_filename;
      } else if (EqualsFolded(name, "content-type")) {
        f.content_type = std::string(value);
      }
    }
    if (!named) return Malformed("a part without Content-Disposition: form-data; name=\"...\"");
    size_t content = head_end + 2;
    size_t end = body.find(next, content);
    if (end == std::string_view::npos) return Malformed("the last part is not closed by the boundary");
    std::string_view value = body.substr(content, end - content);
    f.value = f.is_file ? std::string(value) : NormalizeLineBreaks(value);
    out.push_back(std::move(f));
    pos = end + next.size();
  }
}

}  // namespace psirt
