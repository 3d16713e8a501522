// module.yml values (see zephyr_module.h).
#include "core/zephyr_module.h"

namespace psirt {

std::string NormalizeVexStatus(const std::string& s) {
  if (s == "not_affected" || s == "known_not_affected") return "not_affected";
  if (s == "affected" || s == "known_affected") return "affected";
  if (s == "fixed" || s == "under_investigation") return s;
  return "";
}

}  // namespace psirt
