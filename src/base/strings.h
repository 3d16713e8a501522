// Small string helpers shared across layers.
#pragma once

#include <string>
#include <vector>

namespace psirt {

// `s` without leading and trailing whitespace.
std::string Trim(std::string s);
// The items joined with `sep`.
std::string Join(const std::vector<std::string>& v, const char* sep = ", ");

}  // namespace psirt
