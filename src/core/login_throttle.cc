// Growing delays for failed sign-ins, per account and address.
#include "core/login_throttle.h"
#include "base/strings.h"

#include <algorithm>
#include <cctype>

namespace psirt {

std::string LoginThrottle::Key(std::string_view account, std::string_view address) {
  std::string k = ToLowerAscii(account);
  k += '\x1f';
  k += address;
  return k;
}

std::int64_t LoginThrottle::DelayAfter(int failures) const {
  if (failures < policy_.free_failures) return 0;
  int doublings = std::min(failures - policy_.free_failures, 40);
  std::int64_t d = policy_.first_delay_s;
  for (int i = 0; i < doublings && d < policy_.max_delay_s; ++i) d *= 2;
  return std::min(d, policy_.max_delay_s);
}

std::int64_t LoginThrottle::WaitSeconds(std::string_view account, std::string_view address, Timestamp now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(Key(account, address));
  if (it == entries_.end()) return 0;
  std::int64_t until = it->second.last + DelayAfter(it->second.failures);
  return std::max<std::int64_t>(0, until - now.unix_seconds());
}

void LoginThrottle::Failed(std::string_view account, std::string_view address, Timestamp now) {
  std::lock_guard<std::mutex> lock(mu_);
  std::int64_t t = now.unix_seconds();
  if (entries_.size() >= policy_.max_keys) {
    // Forget quiet keys first; under a flood of names, start over.
    std::erase_if(entries_, [&](const auto& e) { return t - e.second.last > policy_.forget_after_s; });
    if (entries_.size() >= policy_.max_keys) entries_.clear();
  }
  Entry& e = entries_[Key(account, address)];
  if (e.failures > 0 && t - e.last > policy_.forget_after_s) e.failures = 0;
  ++e.failures;
  e.last = t;
}

void LoginThrottle::Succeeded(std::string_view account, std::string_view address) {
  std::lock_guard<std::mutex> lock(mu_);
  entries_.erase(Key(account, address));
}

}  // namespace psirt
