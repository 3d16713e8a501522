// HTTP answer helpers shared by every HttpTransport (see http_client.h);
// libcurl itself is only in http_client.cc (the network module).
#include "base/strings.h"
#include "net/http_client.h"

namespace psirt {

std::string HttpResponse::Header(std::string_view name) const {
  std::string want = ToLowerAscii(name);
  std::string out;
  for (const auto& [k, v] : headers)
    if (k == want) out = v;
  return out;
}

std::string UrlHost(std::string_view url) {
  size_t start = url.find("://");
  start = start == std::string_view::npos ? 0 : start + 3;
  size_t end = url.find_first_of("/?#", start);
  std::string_view host = url.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
  if (size_t at = host.rfind('@'); at != std::string_view::npos) host = host.substr(at + 1);
  return std::string(host);
}

}  // namespace psirt
