// LoginThrottle: failed sign-ins slow down the next attempt on the same
// account from the same address, with delays that grow with each failure
// (OWASP's authentication guidance), instead of locking the account for
// everyone: an outsider guessing the PSIRT lead's password is slowed
// down, the lead signing in from their own address is not. Unknown
// accounts are throttled exactly like real ones, so the answer tells
// nothing. Memory is bounded. Pure (the caller passes the time);
// thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/time.h"

namespace psirt {

// Counts failed sign-ins per address and says when to refuse more.
class LoginThrottle {
 public:
  struct Policy {
    int free_failures = 3;             // failures before the first delay
    std::int64_t first_delay_s = 2;    // then 2 s, 4 s, 8 s, ...
    std::int64_t max_delay_s = 900;    // ... up to 15 minutes
    std::int64_t forget_after_s = 86400;  // a quiet key is forgotten after a day
    size_t max_keys = 100000;
  };
  LoginThrottle() = default;
  explicit LoginThrottle(Policy p) : policy_(p) {}

  // Seconds to wait before an attempt on `account` from `address` is
  // checked at all (0: now).
  std::int64_t WaitSeconds(std::string_view account, std::string_view address, Timestamp now);
  // Records the outcome of a checked attempt.
  void Failed(std::string_view account, std::string_view address, Timestamp now);
  void Succeeded(std::string_view account, std::string_view address);

  // The delay after `failures` consecutive failures.
  std::int64_t DelayAfter(int failures) const;

 private:
  struct Entry {
    int failures = 0;
    std::int64_t last = 0;  // unix seconds of the last failure
  };
  static std::string Key(std::string_view account, std::string_view address);
  Policy policy_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace psirt
