// Which address a request comes from. Behind a reverse proxy every
// connection comes from the proxy, so per-address limits (reports per
// hour, sign-in throttling) would throttle the whole world at once; only
// from the proxies listed in psirt.yml (server.trusted_proxies) are the
// Forwarded (RFC 7239) and X-Forwarded-For headers believed. From anyone
// else they are ignored: a client cannot choose its own address. Pure.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace psirt {

// The proxies whose X-Forwarded-For the server believes.
class TrustedProxies {
 public:
  TrustedProxies() = default;
  // Addresses or CIDR ranges: "10.0.0.5", "10.0.0.0/8", "::1", "fd00::/8".
  // Invalid names the entry and what was expected.
  static Result<TrustedProxies> Parse(const std::vector<std::string>& entries);

  bool empty() const { return ranges_.empty(); }
  // Whether `address` (a textual IPv4 or IPv6 address) is a trusted proxy.
  bool Trusted(std::string_view address) const;

  // The client of a connection from `peer`: the peer itself unless it is
  // a trusted proxy; then, walking the proxies' hops from the nearest
  // (Forwarded's for=, else X-Forwarded-For), the first address that is
  // not a trusted proxy. A hop that is not an address ("unknown", an
  // obfuscated name, garbage) ends the walk at the proxy that reported it.
  std::string ClientOf(std::string_view peer, std::string_view forwarded, std::string_view x_forwarded_for) const;

 private:
  struct Range {
    std::array<std::uint8_t, 16> net{};
    int bits = 0;
  };
  std::vector<Range> ranges_;
};

// "192.0.2.1" / "2001:db8::1" (IPv4-mapped IPv6 as IPv4) -> 16 bytes; false
// when it is not an address.
bool ParseIpAddress(std::string_view text, std::array<std::uint8_t, 16>& out);

}  // namespace psirt
