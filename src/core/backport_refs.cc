// Message scanning for cherry-pick trailers and upstream lines.
#include "core/backport_refs.h"
#include "base/strings.h"

#include <cctype>

namespace psirt {
namespace {

// Reads a hex SHA of 7..40 digits at the start of `s`.
std::string Hex(std::string_view s) {
  size_t n = 0;
  while (n < s.size() && n < 40 && std::isxdigit(static_cast<unsigned char>(s[n]))) ++n;
  if (n < 7 || (n < s.size() && std::isxdigit(static_cast<unsigned char>(s[n])))) return "";
  std::string out(s.substr(0, n));
  out = ToLowerAscii(out);
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '[')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == ']'))
    s.remove_suffix(1);
  return s;
}

}  // namespace

std::string_view BackportMethodName(BackportMethod m) {
  switch (m) {
    case BackportMethod::kAncestor: return "ancestor";
    case BackportMethod::kTrailer: return "trailer";
    case BackportMethod::kUpstreamLine: return "upstream-line";
    case BackportMethod::kPatchId: return "patch-id";
  }
  return "?";
}

std::vector<BackportRef> ParseBackportRefs(std::string_view msg) {
  std::vector<BackportRef> out;
  size_t pos = 0;
  while (pos <= msg.size()) {
    size_t nl = msg.find('\n', pos);
    std::string_view line = Trim(msg.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos));
    constexpr std::string_view kTrailer = "(cherry picked from commit ";
    constexpr std::string_view kCommit = "commit ";
    constexpr std::string_view kUpstreamCommit = "Upstream commit ";
    if (line.substr(0, kTrailer.size()) == kTrailer) {
      std::string sha = Hex(line.substr(kTrailer.size()));
      if (!sha.empty() && line.substr(kTrailer.size() + sha.size(), 1) == ")")
        out.push_back({sha, BackportMethod::kTrailer});
    } else if (line.substr(0, kCommit.size()) == kCommit) {
      // "commit <sha> upstream." (Linux stable)
      std::string sha = Hex(line.substr(kCommit.size()));
      std::string_view rest = line.substr(kCommit.size() + sha.size());
      if (!sha.empty() && rest.substr(0, 9) == " upstream")
        out.push_back({sha, BackportMethod::kUpstreamLine});
    } else if (line.substr(0, kUpstreamCommit.size()) == kUpstreamCommit) {
      // "[ Upstream commit <sha> ]"
      std::string sha = Hex(line.substr(kUpstreamCommit.size()));
      if (!sha.empty()) out.push_back({sha, BackportMethod::kUpstreamLine});
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return out;
}

}  // namespace psirt
