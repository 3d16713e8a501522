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

}  // namespace psirt
