// RST inline markup removal.
#include "formats/rst_text.h"

#include <cctype>

namespace psirt {
namespace {

bool Boundary(std::string_view s, size_t i) {  // before i: start, space or punctuation
  if (i == 0) return true;
  unsigned char c = static_cast<unsigned char>(s[i - 1]);
  return std::isspace(c) || (std::ispunct(c) && c != '\\');
}
bool EndBoundary(std::string_view s, size_t i) {  // at i: end, space or punctuation
  if (i >= s.size()) return true;
  unsigned char c = static_cast<unsigned char>(s[i]);
  return std::isspace(c) || std::ispunct(c);
}

// `text <url>`_ -> "text (url)"; `text`_ -> "text".
std::string LinkText(std::string_view inner) {
  size_t lt = inner.rfind('<');
  if (lt != std::string_view::npos && !inner.empty() && inner.back() == '>') {
    std::string text(inner.substr(0, lt));
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
    std::string url(inner.substr(lt + 1, inner.size() - lt - 2));
    return text.empty() ? url : text + " (" + url + ")";
  }
  return std::string(inner);
}

}  // namespace

std::string RstInlineToPlain(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    char c = s[i];
    if (c == '\\' && i + 1 < s.size()) {  // escape: the next character as is
      if (s[i + 1] != ' ') out += s[i + 1];
      i += 2;
      continue;
    }
    // :role:`text`
    if (c == ':' && Boundary(s, i)) {
      size_t j = i + 1;
      while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '-' || s[j] == '_')) ++j;
      if (j > i + 1 && j + 1 < s.size() && s[j] == ':' && s[j + 1] == '`') {
        size_t close = s.find('`', j + 2);
        if (close != std::string_view::npos) {
          std::string_view role = s.substr(i + 1, j - i - 1);
          std::string text = LinkText(s.substr(j + 2, close - j - 2));
          out += role == "cve" ? "CVE-" + text : text;
          i = close + 1;
          continue;
        }
      }
    }
    // ``literal``
    if (c == '`' && i + 1 < s.size() && s[i + 1] == '`' && Boundary(s, i)) {
      size_t close = s.find("``", i + 2);
      if (close != std::string_view::npos && EndBoundary(s, close + 2)) {
        out.append(s.substr(i + 2, close - i - 2));
        i = close + 2;
        continue;
      }
    }
    // `text <url>`_ , `text`__ , `interpreted`
    if (c == '`' && Boundary(s, i)) {
      size_t close = s.find('`', i + 1);
      if (close != std::string_view::npos) {
        size_t end = close + 1;
        while (end < s.size() && s[end] == '_' && end < close + 3) ++end;
        if (EndBoundary(s, end)) {
          out += LinkText(s.substr(i + 1, close - i - 1));
          i = end;
          continue;
        }
      }
    }
    // **strong**, *emphasis*
    if (c == '*' && Boundary(s, i)) {
      size_t n = i + 1 < s.size() && s[i + 1] == '*' ? 2 : 1;
      std::string_view mark = s.substr(i, n);
      if (i + n < s.size() && !std::isspace(static_cast<unsigned char>(s[i + n]))) {
        size_t close = s.find(mark, i + n);
        if (close != std::string_view::npos && close > i + n &&
            !std::isspace(static_cast<unsigned char>(s[close - 1])) && EndBoundary(s, close + n)) {
          out.append(s.substr(i + n, close - i - n));
          i = close + n;
          continue;
        }
      }
    }
    out += c;
    ++i;
  }
  return out;
}

}  // namespace psirt
