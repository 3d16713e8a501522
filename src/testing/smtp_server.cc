// Test SMTP server.
#include "testing/smtp_server.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>

namespace psirt::testing {
namespace {

std::string Base64Decode(const std::string& in) {
  static const std::string kChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int val = 0, bits = -8;
  for (char c : in) {
    size_t p = kChars.find(c);
    if (p == std::string::npos) continue;
    val = (val << 6) + static_cast<int>(p);
    bits += 6;
    if (bits >= 0) {
      out += static_cast<char>((val >> bits) & 0xFF);
      bits -= 8;
    }
  }
  return out;
}

class Conn {
 public:
  explicit Conn(int fd) : fd_(fd) {}
  void Send(const std::string& s) { (void)!::write(fd_, s.data(), s.size()); }
  // One line without CRLF; false at end of stream.
  bool Line(std::string& out) {
    for (;;) {
      size_t nl = buf_.find("\r\n");
      if (nl != std::string::npos) {
        out = buf_.substr(0, nl);
        buf_.erase(0, nl + 2);
        return true;
      }
      char tmp[4096];
      ssize_t n = ::read(fd_, tmp, sizeof tmp);
      if (n <= 0) return false;
      buf_.append(tmp, static_cast<size_t>(n));
    }
  }

 private:
  int fd_;
  std::string buf_;
};

std::string Arg(const std::string& line) {
  size_t lt = line.find('<'), gt = line.rfind('>');
  return lt == std::string::npos || gt == std::string::npos ? "" : line.substr(lt + 1, gt - lt - 1);
}

bool Starts(const std::string& line, const char* cmd) { return strncasecmp(line.c_str(), cmd, std::strlen(cmd)) == 0; }

}  // namespace

std::string NonLoopbackAddress() {
  ifaddrs* list = nullptr;
  if (::getifaddrs(&list) != 0) return "";
  std::string out;
  for (ifaddrs* i = list; i && out.empty(); i = i->ifa_next) {
    if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET) continue;
    auto* a = reinterpret_cast<sockaddr_in*>(i->ifa_addr);
    if ((ntohl(a->sin_addr.s_addr) >> 24) == 127) continue;
    char buf[INET_ADDRSTRLEN];
    if (::inet_ntop(AF_INET, &a->sin_addr, buf, sizeof buf)) out = buf;
  }
  ::freeifaddrs(list);
  return out;
}

SmtpTestServer::SmtpTestServer(std::string user, std::string password, std::string bind)
    : user_(std::move(user)), password_(std::move(password)), bind_(std::move(bind)) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  ::inet_pton(AF_INET, bind_.c_str(), &addr.sin_addr);
  addr.sin_port = 0;
  ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  ::listen(listen_fd_, 8);
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { Serve(); });
}

SmtpTestServer::~SmtpTestServer() {
  stop_ = true;
  thread_.join();
  ::close(listen_fd_);
}

std::vector<SmtpTestServer::Received> SmtpTestServer::messages() const {
  std::lock_guard<std::mutex> lock(mu_);
  return messages_;
}

std::vector<std::string> SmtpTestServer::transcript() const {
  std::lock_guard<std::mutex> lock(mu_);
  return transcript_;
}

void SmtpTestServer::Serve() {
  while (!stop_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    Session(fd);
    ::close(fd);
  }
}

void SmtpTestServer::Session(int fd) {
  Conn c(fd);
  c.Send("220 127.0.0.1 psirt test ESMTP\r\n");
  Received cur;
  std::string authed;
  std::string line;
  while (c.Line(line)) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      transcript_.push_back(Starts(line, "AUTH") ? "AUTH ..." : line);
    }
    if (Starts(line, "EHLO")) {
      c.Send(user_.empty() ? "250-127.0.0.1\r\n250 8BITMIME\r\n" : "250-127.0.0.1\r\n250-AUTH PLAIN\r\n250 8BITMIME\r\n");
    } else if (Starts(line, "HELO")) {
      c.Send("250 127.0.0.1\r\n");
    } else if (Starts(line, "AUTH PLAIN")) {
      std::string b64 = line.size() > 11 ? line.substr(11) : "";
      if (b64.empty()) {
        c.Send("334 \r\n");
        if (!c.Line(b64)) return;
      }
      std::string d = Base64Decode(b64);  // authzid \0 user \0 password
      size_t a = d.find('\0'), b = d.find('\0', a + 1);
      std::string u = a == std::string::npos || b == std::string::npos ? "" : d.substr(a + 1, b - a - 1);
      std::string pw = b == std::string::npos ? "" : d.substr(b + 1);
      if (!user_.empty() && u == user_ && pw == password_) {
        authed = u;
        c.Send("235 2.7.0 Authentication successful\r\n");
      } else {
        c.Send("535 5.7.8 Authentication credentials invalid\r\n");
      }
    } else if (Starts(line, "MAIL FROM:")) {
      if (!user_.empty() && authed.empty()) {
        c.Send("530 5.7.0 Authentication required\r\n");
        continue;
      }
      cur = Received{Arg(line), {}, "", authed};
      c.Send("250 OK\r\n");
    } else if (Starts(line, "RCPT TO:")) {
      cur.rcpts.push_back(Arg(line));
      c.Send("250 OK\r\n");
    } else if (Starts(line, "DATA")) {
      c.Send("354 End data with <CR><LF>.<CR><LF>\r\n");
      std::string d;
      while (c.Line(d) && d != ".") cur.data += (d.rfind("..", 0) == 0 ? d.substr(1) : d) + "\r\n";
      {
        std::lock_guard<std::mutex> lock(mu_);
        messages_.push_back(cur);
      }
      c.Send("250 OK queued\r\n");
    } else if (Starts(line, "RSET") || Starts(line, "NOOP")) {
      c.Send("250 OK\r\n");
    } else if (Starts(line, "QUIT")) {
      c.Send("221 Bye\r\n");
      return;
    } else {
      c.Send("502 Command not implemented\r\n");
    }
  }
}

}  // namespace psirt::testing
