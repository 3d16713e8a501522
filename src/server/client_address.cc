// Trusted proxies and the client address they report.
#include "server/client_address.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>

#include "base/strings.h"

namespace psirt {
namespace {

std::string_view Strip(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A hop as proxies write it: "1.2.3.4", "1.2.3.4:5678", "[2001:db8::1]:80",
// "2001:db8::1", possibly quoted (Forwarded).
std::string_view HopAddress(std::string_view hop) {
  hop = Strip(hop);
  if (hop.size() >= 2 && hop.front() == '"' && hop.back() == '"') hop = hop.substr(1, hop.size() - 2);
  if (!hop.empty() && hop.front() == '[') {
    size_t close = hop.find(']');
    return close == std::string_view::npos ? std::string_view() : hop.substr(1, close - 1);
  }
  size_t colon = hop.find(':');
  if (colon != std::string_view::npos && hop.find(':', colon + 1) == std::string_view::npos)
    return hop.substr(0, colon);  // IPv4 with a port
  return hop;
}

// The hops of the headers, nearest client first, as the proxies appended them.
std::vector<std::string_view> Hops(std::string_view forwarded, std::string_view xff) {
  if (Strip(forwarded).empty()) return SplitViews(xff, ',');
  std::vector<std::string_view> out;
  for (std::string_view element : SplitViews(forwarded, ',')) {
    std::string_view found;  // an element without for= is a hop we know nothing of
    for (std::string_view pair : SplitViews(element, ';')) {
      pair = Strip(pair);
      size_t eq = pair.find('=');
      if (eq != std::string_view::npos && ToLowerAscii(Strip(pair.substr(0, eq))) == "for") found = pair.substr(eq + 1);
    }
    out.push_back(found);
  }
  return out;
}

}  // namespace

bool ParseIpAddress(std::string_view text, std::array<std::uint8_t, 16>& out) {
  if (text.empty() || text.size() > 45) return false;
  std::string s(text);
  unsigned char buf[16];
  if (inet_pton(AF_INET, s.c_str(), buf) == 1) {
    out.fill(0);
    out[10] = out[11] = 0xff;
    std::memcpy(out.data() + 12, buf, 4);
    return true;
  }
  if (inet_pton(AF_INET6, s.c_str(), buf) == 1) {
    std::memcpy(out.data(), buf, 16);
    return true;
  }
  return false;
}

Result<TrustedProxies> TrustedProxies::Parse(const std::vector<std::string>& entries) {
  TrustedProxies t;
  for (const std::string& e : entries) {
    auto bad = [&] {
      return std::move(Status::Invalid("'" + EscapeControls(e.substr(0, 64), false) +
                                       "': expected an IP address or a CIDR range (10.0.0.0/8, fd00::/8)")
                           .Field("server.trusted_proxies"));
    };
    size_t slash = e.find('/');
    Range r;
    std::string addr = e.substr(0, slash);
    if (!ParseIpAddress(addr, r.net)) return bad();
    bool v4 = addr.find(':') == std::string::npos;
    int max = v4 ? 32 : 128;
    int bits = max;
    if (slash != std::string::npos) {
      std::string n = e.substr(slash + 1);
      if (n.empty() || n.size() > 3 || n.find_first_not_of("0123456789") != std::string::npos) return bad();
      bits = std::stoi(n);
      if (bits > max) return bad();
    }
    r.bits = v4 ? bits + 96 : bits;
    // Host bits cleared, so "10.1.2.3/8" means 10.0.0.0/8.
    for (int i = 0; i < 16; ++i) {
      int keep = std::clamp(r.bits - i * 8, 0, 8);
      r.net[i] &= static_cast<std::uint8_t>(keep == 0 ? 0 : 0xff << (8 - keep));
    }
    t.ranges_.push_back(r);
  }
  return t;
}

bool TrustedProxies::Trusted(std::string_view address) const {
  std::array<std::uint8_t, 16> a;
  if (ranges_.empty() || !ParseIpAddress(address, a)) return false;
  for (const Range& r : ranges_) {
    bool match = true;
    for (int i = 0; i < 16 && match; ++i) {
      int keep = std::clamp(r.bits - i * 8, 0, 8);
      std::uint8_t mask = static_cast<std::uint8_t>(keep == 0 ? 0 : 0xff << (8 - keep));
      match = (a[i] & mask) == r.net[i];
    }
    if (match) return true;
  }
  return false;
}

std::string TrustedProxies::ClientOf(std::string_view peer, std::string_view forwarded, std::string_view xff) const {
  if (!Trusted(peer)) return std::string(peer);
  std::vector<std::string_view> hops = Hops(forwarded, xff);
  std::string client(peer);
  for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
    std::string_view addr = HopAddress(*it);
    std::array<std::uint8_t, 16> parsed;
    if (!ParseIpAddress(addr, parsed)) break;  // the proxy that wrote it is as far as we can trust
    client = std::string(addr);
    if (!Trusted(addr)) break;
  }
  return client;
}

}  // namespace psirt
