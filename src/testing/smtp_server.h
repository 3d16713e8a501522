// A small SMTP server for tests, on 127.0.0.1 and a free port: speaks
// enough ESMTP for a real client (libcurl) - EHLO, optional AUTH PLAIN,
// MAIL, RCPT, DATA, RSET, NOOP, QUIT - and keeps what arrived.
#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace psirt::testing {

// A local SMTP server that records what it receives.
class SmtpTestServer {
 public:
  struct Received {
    std::string from;
    std::vector<std::string> rcpts;
    std::string data;  // the message as transmitted (CRLF, dot-unstuffed)
    std::string user;  // who authenticated ("" when nobody did)
  };

  // With `user` set, the server advertises AUTH PLAIN and requires it.
  // `bind` is the IPv4 address to listen on (a non-loopback one for tests
  // of what psirt refuses to send in clear text over a network).
  explicit SmtpTestServer(std::string user = "", std::string password = "", std::string bind = "127.0.0.1");
  ~SmtpTestServer();

  int port() const { return port_; }
  std::string url() const { return "smtp://" + bind_ + ":" + std::to_string(port_); }
  std::vector<Received> messages() const;
  std::vector<std::string> transcript() const;  // commands the client sent (AUTH redacted)

 private:
  void Serve();
  void Session(int fd);

  std::string user_, password_, bind_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  mutable std::mutex mu_;
  std::vector<Received> messages_;
  std::vector<std::string> transcript_;
};

// An IPv4 address of this machine that is not loopback, or "" when it has none.
std::string NonLoopbackAddress();

}  // namespace psirt::testing
