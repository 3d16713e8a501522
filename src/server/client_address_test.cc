// Trusted proxies: addresses and CIDR ranges, IPv4 and IPv6, and the
// client a chain of Forwarded / X-Forwarded-For hops names - believed only
// from a trusted peer, walking past trusted hops, never beyond garbage.
#include "server/client_address.h"

#include <gtest/gtest.h>

namespace psirt {
namespace {

TEST(TrustedProxies, AddressesAndRanges) {
  auto t = TrustedProxies::Parse({"10.0.0.0/8", "192.0.2.7", "fd00::/8", "::1"});
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_TRUE(t->Trusted("10.1.2.3"));
  EXPECT_FALSE(t->Trusted("11.0.0.1"));
  EXPECT_TRUE(t->Trusted("192.0.2.7"));
  EXPECT_FALSE(t->Trusted("192.0.2.8"));
  EXPECT_TRUE(t->Trusted("fd12:3456::1"));
  EXPECT_FALSE(t->Trusted("fe80::1"));
  EXPECT_TRUE(t->Trusted("::1"));
  EXPECT_TRUE(t->Trusted("::ffff:10.9.9.9")) << "IPv4-mapped IPv6 is the IPv4 address";
  EXPECT_FALSE(t->Trusted("not an address"));
  EXPECT_TRUE(TrustedProxies::Parse({"10.1.2.3/8"})->Trusted("10.200.0.1")) << "host bits ignored";
  EXPECT_TRUE(TrustedProxies::Parse({"0.0.0.0/0"})->Trusted("203.0.113.1"));
  for (const char* bad : {"10.0.0.0/33", "fd00::/129", "10.0.0/8", "proxy.example", "10.0.0.1/", "10.0.0.1/x", ""}) {
    auto r = TrustedProxies::Parse({bad});
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().field(), "server.trusted_proxies");
  }
}

TEST(TrustedProxies, TheClientOfAChainOfHops) {
  auto t = *TrustedProxies::Parse({"127.0.0.1", "10.0.0.0/8"});
  // An untrusted peer: its headers are ignored.
  EXPECT_EQ(t.ClientOf("203.0.113.9", "", "198.51.100.1"), "203.0.113.9");
  EXPECT_EQ(t.ClientOf("203.0.113.9", "for=198.51.100.1", ""), "203.0.113.9");
  // A trusted peer: the nearest hop that is not a trusted proxy.
  EXPECT_EQ(t.ClientOf("127.0.0.1", "", "198.51.100.1"), "198.51.100.1");
  EXPECT_EQ(t.ClientOf("127.0.0.1", "", "6.6.6.6, 198.51.100.1, 10.0.0.5"), "198.51.100.1")
      << "a client-supplied first hop cannot choose the address";
  EXPECT_EQ(t.ClientOf("127.0.0.1", "", " 198.51.100.1:4711 "), "198.51.100.1");
  EXPECT_EQ(t.ClientOf("127.0.0.1", "", "[2001:db8::1]:80"), "2001:db8::1");
  // Forwarded (RFC 7239) wins over X-Forwarded-For.
  EXPECT_EQ(t.ClientOf("127.0.0.1", "for=192.0.2.60;proto=http;by=203.0.113.43, for=\"[2001:db8:cafe::17]:4711\"", "1.1.1.1"),
            "2001:db8:cafe::17");
  EXPECT_EQ(t.ClientOf("127.0.0.1", "For=\"192.0.2.61\"", ""), "192.0.2.61");
  // Garbage or obfuscated hops: as far as a trusted proxy vouches.
  EXPECT_EQ(t.ClientOf("127.0.0.1", "", "unknown"), "127.0.0.1");
  EXPECT_EQ(t.ClientOf("127.0.0.1", "for=_hidden, for=10.0.0.9", ""), "10.0.0.9");
  EXPECT_EQ(t.ClientOf("127.0.0.1", "", ""), "127.0.0.1");
  // No trusted proxies: every header is ignored.
  EXPECT_EQ(TrustedProxies().ClientOf("127.0.0.1", "for=1.2.3.4", "1.2.3.4"), "127.0.0.1");
}

}  // namespace
}  // namespace psirt
