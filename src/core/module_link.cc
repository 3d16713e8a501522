// Module link rules.
#include "core/module_link.h"

#include <cctype>
#include <cstring>

#include "base/strings.h"

namespace psirt {

std::string ModuleOfFiles(const std::vector<std::string>& files, const std::map<std::string, std::string>& paths) {
  std::string found;
  for (const std::string& file : files) {
    std::string best, best_path;
    for (const auto& [name, path] : paths) {
      if (path.empty() || path.size() <= best_path.size()) continue;
      if (file.size() > path.size() && file.compare(0, path.size(), path) == 0 && file[path.size()] == '/') {
        best = name;
        best_path = path;
      }
    }
    if (best.empty() || (!found.empty() && best != found)) return "";
    found = best;
  }
  return found;
}

namespace {

bool LocalChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || std::strchr("._%+-", c); }
bool DomainChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-'; }

// The address around the '@' at `at`, or "" when it is none: a local part,
// and a domain with a dot and a top-level label of two letters or more.
std::string AddressAt(std::string_view text, size_t at) {
  size_t b = at;
  while (b > 0 && LocalChar(text[b - 1])) --b;
  size_t e = at + 1;
  while (e < text.size() && DomainChar(text[e])) ++e;
  while (e > at + 1 && (text[e - 1] == '.' || text[e - 1] == '-')) --e;
  std::string_view local = text.substr(b, at - b), domain = text.substr(at + 1, e - at - 1);
  size_t dot = domain.rfind('.');
  if (local.empty() || dot == std::string_view::npos || dot == 0 || domain.size() - dot - 1 < 2) return "";
  for (char c : domain.substr(dot + 1))
    if (!std::isalpha(static_cast<unsigned char>(c))) return "";
  return std::string(text.substr(b, e - b));
}

bool StartsNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  return true;
}

std::string_view TrimBlanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string SecurityContactIn(std::string_view text) {
  // A contact is in the first lines of such a file; one linear pass each.
  text = text.substr(0, 64 * 1024);
  for (size_t pos = 0; pos < text.size();) {
    size_t nl = text.find('\n', pos);
    std::string_view line = TrimBlanks(text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos));
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    if (!StartsNoCase(line, "contact:")) continue;
    line = TrimBlanks(line.substr(8));
    if (!StartsNoCase(line, "mailto:")) continue;
    line = line.substr(7);
    size_t at = line.find('@');
    if (at != std::string_view::npos) {
      std::string address = AddressAt(line, at);
      if (!address.empty()) return address;
    }
  }
  for (size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
    std::string address = AddressAt(text, at);
    if (!address.empty()) return address;
  }
  return "";
}

std::optional<ev::ModuleChanged> ModuleScanChange(const ModuleLink& l, const ModuleScanView& v) {
  if (!l.linked() || l.vuln.empty() || !v.scanned) return std::nullopt;
  ev::ModuleChanged c;
  if (v.found && !v.suppressed) {
    if (l.status == "vulnerable" && l.pinned == v.pinned && l.fixed_upstream == v.fixed) return std::nullopt;
    c.status = "vulnerable";
    c.pinned = v.pinned;
    c.fixed_upstream = v.fixed;
    if (!l.resolution.empty()) c.resolution = "";
    return c;
  }
  std::string short_pin = v.pinned.size() == 40 ? v.pinned.substr(0, 12) : v.pinned;
  std::string resolution =
      v.found ? "VEX " + v.vex
              : "the manifest pins " + (v.version.empty() ? short_pin : v.version + " (" + short_pin + ")") +
                    ", which the scan no longer finds vulnerable";
  if (l.status == "resolved" && l.pinned == v.pinned && l.resolution == resolution) return std::nullopt;
  c.status = "resolved";
  c.pinned = v.pinned;
  c.resolution = resolution;
  return c;
}

}  // namespace psirt
