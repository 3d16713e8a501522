// Vulnerability record helpers (see vuln_record.h).
#include "core/vuln_record.h"

#include <algorithm>
#include <cctype>

namespace psirt {

std::vector<std::string> VulnRange::Values(RangeEvent::Kind kind) const {
  std::vector<std::string> out;
  for (const RangeEvent& e : events)
    if (e.kind == kind) out.push_back(e.value);
  return out;
}

std::string NormalizeRepoUrl(const std::string& url) {
  std::string s = url;
  if (size_t scheme = s.find("://"); scheme != std::string::npos) {
    s = s.substr(scheme + 3);
  } else if (size_t at = s.find('@'); at != std::string::npos && s.find(':', at) != std::string::npos &&
                                        s.find('/') > s.find(':', at)) {
    s = s.substr(0, s.find(':', at)) + "/" + s.substr(s.find(':', at) + 1);  // scp-like git@host:path
  }
  size_t slash = s.find('/');
  std::string host = s.substr(0, slash), path = slash == std::string::npos ? "" : s.substr(slash);
  if (size_t at = host.rfind('@'); at != std::string::npos) host = host.substr(at + 1);
  std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return std::tolower(c); });
  while (!path.empty() && path.back() == '/') path.pop_back();
  if (path.size() >= 4 && path.compare(path.size() - 4, 4, ".git") == 0) path.resize(path.size() - 4);
  while (!path.empty() && path.back() == '/') path.pop_back();
  if (host.size() > 4 && host.compare(host.size() - 4, 4, ":443") == 0) host.resize(host.size() - 4);
  if (host == "www.github.com") host = "github.com";
  if (host == "github.com" || host == "gitlab.com" || host == "bitbucket.org")
    std::transform(path.begin(), path.end(), path.begin(), [](unsigned char c) { return std::tolower(c); });
  return host + path;
}

}  // namespace psirt
