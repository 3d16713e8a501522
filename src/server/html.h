// HTML building blocks of the dashboard: escaping (every text from the
// database or the request goes through Esc), the page frame with its
// navigation, and the stylesheet and script served from the binary.
#pragma once

#include <string>
#include <string_view>

namespace psirt::html {

// Text safe in element content and in double-quoted attributes.
std::string Esc(std::string_view s);

// What every page's frame shows: title, user, role, CSRF token.
struct Frame {
  std::string title;
  std::string user;   // "" when nobody is signed in
  std::string role;
  std::string csrf;   // for the sign-out form
};
// A whole page: head, navigation, `body`.
std::string Page(const Frame& f, const std::string& body);

// A hidden CSRF field.
std::string CsrfField(const std::string& token);

extern const char* const kStylesheet;
extern const char* const kScript;

}  // namespace psirt::html
