// The server against hostile clients, on a real server and real sockets:
// slow, idle and silent connections, heads that trickle in a byte at a
// time, bodies that never come, floods of connections from one address,
// huge and chunked uploads without credentials, forged forwarding
// headers. Whatever they do, everyone else is answered at once, memory
// stays bounded, and nothing waits for them.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "testing/raw_client.h"
#include "testing/test_server.h"

namespace psirt {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using testing::RawConnection;
using testing::RawRequest;
using testing::TestServer;
using testing::TestServerOptions;

TestServerOptions Quick() {
  TestServerOptions o;
  o.threads = 4;
  o.limits.head_timeout = 2s;
  o.limits.keep_alive_timeout = 1s;
  o.limits.body_timeout = 2s;
  o.psirt_yml = "server:\n  connections_per_address: 32\n";  // psirt.yml's cap
  return o;
}

const std::string kHealth = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

// The slowest of `n` /healthz answers to a well-behaved client, in ms.
double SlowestHealthz(int port, int n) {
  double worst = 0;
  for (int i = 0; i < n; ++i) {
    auto t = std::chrono::steady_clock::now();
    auto r = RawRequest(port, kHealth, "127.0.0.1", 5s);
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
    EXPECT_TRUE(r && r->status == 200) << "healthz " << i;
    worst = std::max(worst, ms);
  }
  return worst;
}

TEST(HostileClientsTest, TwoHundredSlowOrIdleConnectionsHoldNoWorker) {
  TestServer s(Quick());
  std::vector<RawConnection> bad;
  // From another address: 50 idle, 50 with half a head, 50 that send a
  // whole head and never the body, 50 that trickle a head byte by byte.
  for (int i = 0; i < 200; ++i) {
    bad.emplace_back(s.port(), "127.0.0.2");
    if (i % 4 == 1) bad.back().Send("GET /healthz HTTP/1.1\r\nHost:");
    if (i % 4 == 2)
      bad.back().Send("POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n");
  }
  std::atomic<bool> stop{false};
  std::thread trickle([&] {
    for (int step = 0; !stop && step < 100; ++step) {
      for (size_t i = 3; i < bad.size(); i += 4) bad[i].Send("G");
      std::this_thread::sleep_for(100ms);
    }
  });
  // Everyone else: answered at once, again and again.
  double worst = SlowestHealthz(s.port(), 20);
  EXPECT_LT(worst, 1000) << "slowest healthz while 200 hostile connections are open: " << worst << " ms";
  // At most 32 of them are let in (per address); the others are turned
  // away at once, and the rest are dropped by the deadlines.
  EXPECT_LE(s.server().OpenConnections(), 33);
  int closed = 0;
  for (RawConnection& c : bad) closed += c.ClosedWithin(4s);
  stop = true;
  trickle.join();
  EXPECT_EQ(closed, 200) << "every slow, silent or trickling connection ends";
  EXPECT_LT(SlowestHealthz(s.port(), 5), 1000);
}

TEST(HostileClientsTest, TheWholeHeadHasADeadlineNotEachRead) {
  TestServer s(Quick());
  RawConnection c(s.port(), "127.0.0.2");
  ASSERT_TRUE(c.ok());
  auto start = std::chrono::steady_clock::now();
  // One byte every 300 ms: each read is quick, the head never ends.
  std::string head = "GET /healthz HTTP/1.1\r\nHost: example.org\r\nX-Slow: " + std::string(100, 'a');
  bool dropped = false;
  for (char ch : head) {
    if (!c.Send(std::string(1, ch))) break;
    if (c.ClosedWithin(300ms)) {
      dropped = true;
      break;
    }
  }
  double s_taken = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_TRUE(dropped);
  EXPECT_GT(s_taken, 1.5);
  EXPECT_LT(s_taken, 3.5) << "dropped at the 2 s head deadline, though it kept sending";
}

TEST(HostileClientsTest, ABodyThatNeverComesIsDropped) {
  TestServer s(Quick());
  RawConnection c(s.port(), "127.0.0.2");
  c.Send("POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"ti");
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(c.ClosedWithin(5s));
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 3.5);
}

TEST(HostileClientsTest, AFloodOfConnectionsFromOneAddressLeavesOthersServed) {
  TestServer s(Quick());
  std::vector<RawConnection> flood;
  int refused = 0;
  for (int i = 0; i < 300; ++i) {
    flood.emplace_back(s.port(), "127.0.0.2");
    if (!flood.back().ok()) continue;
  }
  // Those over the per-address cap get a 503 and are closed at once.
  for (size_t i = 0; i < flood.size(); ++i) {
    auto r = flood[i].ReadResponse(50ms);
    if (r && r->status == 503) {
      ++refused;
      EXPECT_EQ(json::parse(r->body)["error"]["code"], "unavailable");
    }
  }
  EXPECT_GE(refused, 260) << "300 connections, 32 let in";
  EXPECT_LT(SlowestHealthz(s.port(), 10), 1000);
}

TEST(HostileClientsTest, AuthenticationComesBeforeTheBody) {
  TestServer s(Quick());
  std::string note = "/api/v1/advisories/" + s.Id("bt") + "/notes";
  // A chunked body that never comes: the 401 comes anyway, from the head.
  for (std::string auth : {"", "Authorization: Bearer psirt_forged\r\n"}) {
    RawConnection c(s.port(), "127.0.0.2");
    c.Send("POST " + note + " HTTP/1.1\r\nHost: x\r\n" + auth +
           "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
    auto r = c.ReadResponse(1s);
    ASSERT_TRUE(r) << "answered without the body (" << auth << ")";
    EXPECT_EQ(r->status, 401);
    EXPECT_EQ(r->headers["connection"], "close");
  }
  // Expect: 100-continue is answered with the refusal, never "continue".
  RawConnection c(s.port());
  c.Send("POST " + note + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 17\r\n"
         "Expect: 100-continue\r\n\r\n");
  auto r = c.ReadResponse(1s);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  // ...and with credentials, 100 Continue, then the answer.
  RawConnection ok(s.port());
  ok.Send("POST " + note + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + s.Token("psirt") +
          "\r\nContent-Type: application/json\r\nContent-Length: 17\r\nExpect: 100-continue\r\n\r\n");
  auto cont = ok.ReadResponse(1s);
  ASSERT_TRUE(cont);
  EXPECT_EQ(cont->status, 100);
  ok.Send(R"({"text":"after"})" "\n");
  auto done = ok.ReadResponse(2s);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->status, 200) << done->body;
}

TEST(HostileClientsTest, AnAnonymousChunkedUploadIsCutAtTheLimitWhileReading) {
  TestServer s(Quick());
  size_t limit = s.server().context().ReportBodyLimit();
  size_t rss_before = testing::ResidentBytes();
  RawConnection c(s.port(), "127.0.0.2");
  c.Send("POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
  std::string chunk(64 << 10, 'A');
  char size_line[32];
  std::snprintf(size_line, sizeof size_line, "%zx\r\n", chunk.size());
  std::string framed = size_line + chunk + "\r\n";
  size_t sent = 0;
  // Up to 256 MiB, or until the server stops taking it.
  while (sent < (256u << 20) && c.Send(framed)) sent += chunk.size();
  auto r = c.ReadResponse(2s);
  EXPECT_LT(sent, limit + (40u << 20)) << "the server stopped reading soon after " << limit << " bytes";
  if (r) {  // a client that reads while it sends sees the 413
    EXPECT_EQ(r->status, 413);
    EXPECT_EQ(json::parse(r->body)["error"]["code"], "too_large");
  }
  size_t rss_after = testing::ResidentBytes();
  EXPECT_LT(rss_after, rss_before + (64u << 20)) << "memory grew by " << ((rss_after - rss_before) >> 20) << " MiB";
  // A declared length past the limit is refused before any of it is read.
  auto big = RawRequest(s.port(),
                        "POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        "Content-Length: 1073741824\r\n\r\n",
                        "127.0.0.3", 1s);
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  EXPECT_LT(SlowestHealthz(s.port(), 3), 1000);
  auto list = json::parse(s.Client().Get("/api/v1/advisories?state=New", {{"Authorization", "Bearer " + s.Token("psirt")}})->body);
  EXPECT_EQ(list["total"], 0) << "nothing was recorded";
}

TEST(HostileClientsTest, TheAttachmentLimitIsWhatItSaysOnBothPaths) {
  TestServerOptions o = Quick();
  o.psirt_yml += "  attachment_kb: 64\n";
  TestServer s(o);
  httplib::Client c = s.Client();
  auto api = [&](size_t bytes) {
    std::string data(bytes, 'x'), b64;
    static const char* t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (size_t i = 0; i < data.size(); i += 3) {
      unsigned v = static_cast<unsigned char>(data[i]) << 16 | (i + 1 < data.size() ? static_cast<unsigned char>(data[i + 1]) << 8 : 0) |
                   (i + 2 < data.size() ? static_cast<unsigned char>(data[i + 2]) : 0);
      b64 += t[v >> 18 & 63];
      b64 += t[v >> 12 & 63];
      b64 += i + 1 < data.size() ? t[v >> 6 & 63] : '=';
      b64 += i + 2 < data.size() ? t[v & 63] : '=';
    }
    json r = {{"title", "poc"}, {"description", "see file"}, {"reporter_name", "R"}, {"reporter_email", "r@lab.example"},
              {"attachment", {{"name", "poc.bin"}, {"data_base64", b64}}}};
    return c.Post("/api/v1/reports", r.dump(), "application/json");
  };
  auto exact = api(64 * 1024);
  EXPECT_EQ(exact->status, 201) << "exactly attachment_kb through the API: " << exact->body;
  auto over = api(64 * 1024 + 1);
  EXPECT_EQ(over->status, 400) << over->body;
  EXPECT_EQ(json::parse(over->body)["error"]["field"], "attachment");
  // The form: the same limit, and a refusal is the form again.
  auto page = c.Get("/report");
  std::string cookie = page->get_header_value("Set-Cookie");
  cookie = cookie.substr(0, cookie.find(';'));
  std::string csrf = page->body.substr(page->body.find("name=\"csrf\" value=\"") + 19);
  csrf = csrf.substr(0, csrf.find('"'));
  auto form = [&](size_t bytes) {
    httplib::MultipartFormDataItems items = {{"csrf", csrf, "", ""},
                                             {"title", "Kept title", "", ""},
                                             {"description", "kept\r\ndescription", "", ""},
                                             {"reporter_name", "R", "", ""},
                                             {"reporter_email", "r@lab.example", "", ""},
                                             {"attachment", std::string(bytes, 'y'), "poc.bin", "application/octet-stream"}};
    return c.Post("/report", {{"Cookie", cookie}}, items);
  };
  EXPECT_EQ(form(64 * 1024)->status, 201) << "exactly attachment_kb through the form";
  auto refused = form(80 * 1024);
  EXPECT_EQ(refused->status, 400);
  EXPECT_NE(refused->get_header_value("Content-Type").find("text/html"), std::string::npos);
  EXPECT_NE(refused->body.find("id=\"report-form\""), std::string::npos) << "the form again, not JSON";
  EXPECT_NE(refused->body.find("value=\"Kept title\""), std::string::npos);
  EXPECT_NE(refused->body.find(">kept\ndescription</textarea>"), std::string::npos);
  EXPECT_NE(refused->body.find("attachment too large: at most 64 KiB"), std::string::npos);
  // Far past any limit: a page saying so, never a JSON document.
  auto huge = form(4 << 20);
  ASSERT_TRUE(huge);
  EXPECT_EQ(huge->status, 413);
  EXPECT_NE(huge->get_header_value("Content-Type").find("text/html"), std::string::npos);
}

TEST(HostileClientsTest, ForwardedAddressesAreBelievedOnlyFromTrustedProxies) {
  TestServerOptions o = Quick();
  o.psirt_yml += "  reports_per_hour: 2\n  trusted_proxies: [\"127.0.0.1\"]\n";
  TestServer s(o);
  auto report = [&](const std::string& from, const std::string& header) {
    std::string body = R"({"title":"t","description":"d","reporter_name":"R","reporter_email":"r@lab.example"})";
    auto r = RawRequest(s.port(),
                        "POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n" + header +
                            "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body,
                        from);
    return r ? r->status : -1;
  };
  // Behind the trusted proxy (127.0.0.1): each client has its own limit.
  EXPECT_EQ(report("127.0.0.1", "X-Forwarded-For: 203.0.113.5\r\n"), 201);
  EXPECT_EQ(report("127.0.0.1", "X-Forwarded-For: 203.0.113.5\r\n"), 201);
  EXPECT_EQ(report("127.0.0.1", "X-Forwarded-For: 203.0.113.5\r\n"), 429);
  EXPECT_EQ(report("127.0.0.1", "Forwarded: for=\"[2001:db8::7]:4711\";proto=https\r\n"), 201);
  EXPECT_EQ(report("127.0.0.1", "X-Forwarded-For: 198.51.100.9, 203.0.113.6\r\n"), 201) << "the nearest untrusted hop";
  // From anyone else the header is ignored: it cannot choose its address.
  EXPECT_EQ(report("127.0.0.2", "X-Forwarded-For: 198.51.100.1\r\n"), 201);
  EXPECT_EQ(report("127.0.0.2", "X-Forwarded-For: 198.51.100.2\r\n"), 201);
  EXPECT_EQ(report("127.0.0.2", "X-Forwarded-For: 198.51.100.3\r\n"), 429);
  std::string log = s.AccessLog();
  EXPECT_NE(log.find("\"client\":\"203.0.113.5\""), std::string::npos);
  EXPECT_NE(log.find("\"client\":\"2001:db8::7\""), std::string::npos);
  EXPECT_EQ(log.find("198.51.100.1"), std::string::npos);
}

TEST(HostileClientsTest, SecretsNeverReachTheLogHoweverThePathIsSpelled) {
  TestServer s(Quick());
  httplib::Client c = s.Client();
  json report = {{"title", "t"}, {"description", "d"}, {"reporter_name", "R"}, {"reporter_email", "r@lab.example"}};
  std::string token = json::parse(c.Post("/api/v1/reports", report.dump(), "application/json")->body)["token"];
  for (std::string path : {"/r/" + token, "//r/" + token, "/./r/" + token, "/R/" + token, "/r/" + token + "/x",
                           "/%72/" + token, "/api/v1/reports/" + token + "/comments", "/x/" + token}) {
    auto r = RawRequest(s.port(), "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    ASSERT_TRUE(r) << path;
  }
  std::string log = s.AccessLog();
  EXPECT_EQ(log.find(token), std::string::npos) << log;
  EXPECT_EQ(log.find(token.substr(2, 20)), std::string::npos);
}

TEST(HostileClientsTest, MalformedRequestsGetOneCleanAnswerEach) {
  TestServer s(Quick());
  struct Case {
    const char* name;
    std::string request;
    int status;
  };
  std::vector<Case> cases = {
      {"not http", "HELLO\r\n\r\n", 400},
      {"bad version", "GET / HTTP/9.9\r\n\r\n", 400},
      {"head too large", "GET / HTTP/1.1\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n", 431},
      {"two lengths", "POST /api/v1/reports HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello", 400},
      {"length and chunked", "POST /api/v1/reports HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400},
      {"bad chunk", "POST /api/v1/reports HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n", 400},
      {"not canonical", "GET /api/v1/advisories/../../psirt.db HTTP/1.1\r\n\r\n", 400},
      {"NUL in path", "GET /api/v1/%00 HTTP/1.1\r\n\r\n", 400},
      {"unknown method", "BREW /advisories HTTP/1.1\r\n\r\n", 405},
  };
  for (const Case& k : cases) {
    auto r = RawRequest(s.port(), k.request, "127.0.0.2", 2s);
    ASSERT_TRUE(r) << k.name;
    EXPECT_EQ(r->status, k.status) << k.name << ": " << r->body;
    json e = json::parse(r->body, nullptr, false);
    EXPECT_TRUE(e.is_object() && e.contains("error")) << k.name << ": one error shape: " << r->body;
  }
  // A browser's page path gets a page saying what was wrong.
  auto page = RawRequest(s.port(), "GET /advisories/./x HTTP/1.1\r\n\r\n", "127.0.0.2", 2s);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 400);
  EXPECT_NE(page->body.find("class=\"error\""), std::string::npos) << page->body;
  EXPECT_LT(SlowestHealthz(s.port(), 3), 1000);
}

}  // namespace
}  // namespace psirt
