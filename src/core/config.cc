// Small rules over the workspace configuration.
#include "core/config.h"

namespace psirt {

bool CnaInfo::OwnsCveYear(int year) const {
  for (const std::string& y : own_cve_years) {
    size_t dash = y.find('-');
    int from = std::atoi(y.substr(0, dash).c_str());
    int to = dash == std::string::npos ? from : std::atoi(y.substr(dash + 1).c_str());
    if (year >= from && year <= to) return true;
  }
  return false;
}

Result<std::string> CveServicesBaseUrl(const std::string& api_url) {
  if (api_url == "production") return std::string(kCveServicesProduction);
  if (api_url == "test") return std::string(kCveServicesTest);
  auto starts = [&](const char* p) { return api_url.rfind(p, 0) == 0; };
  // http only where nothing crosses a network: a stand-in on this machine.
  bool loopback = starts("http://127.0.0.1:") || starts("http://127.0.0.1/") || starts("http://localhost:") ||
                  starts("http://localhost/") || starts("http://[::1]");
  if ((starts("https://") && api_url.size() > 8) || loopback) {
    std::string url = api_url;
    while (url.back() == '/') url.pop_back();
    return url;
  }
  return Status::Usage("expected production, test or an https:// URL, got '" + api_url + "'");
}

}  // namespace psirt
