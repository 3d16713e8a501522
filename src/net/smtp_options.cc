// SMTP settings that need no network library: the credentials file and
// which hosts count as this machine (net/smtp_client.cc sends, over curl).
#include <arpa/inet.h>

#include <cctype>
#include <fstream>

#include "net/smtp_client.h"
#include "base/strings.h"

namespace psirt {

Result<std::pair<std::string, std::string>> ReadSmtpCredentials(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::Io(path + ": cannot read the SMTP credentials file");
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  size_t colon = line.find(':');
  if (colon == std::string::npos || colon == 0)
    return Status::Invalid(path + ":1: expected user:password");
  return std::make_pair(line.substr(0, colon), line.substr(colon + 1));
}

bool IsLoopbackHost(const std::string& host_in) {
  std::string host = host_in;
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  host = ToLowerAscii(host);
  if (host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1") return true;
  in_addr a{};
  if (::inet_pton(AF_INET, host.c_str(), &a) == 1) return (ntohl(a.s_addr) >> 24) == 127;
  return false;
}

}  // namespace psirt
