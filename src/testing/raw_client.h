// A raw TCP client for tests of the server against hostile or broken
// clients: it connects from any loopback address (127.0.0.2 is "another
// machine" to the server's per-address rules), sends exactly the bytes it
// is given, as slowly as it likes, and reads whatever comes back.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace psirt::testing {

// A response read by RawConnection.
struct RawResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

// A raw TCP connection for hostile-client tests.
class RawConnection {
 public:
  // Connects to 127.0.0.1:`port` from `from`; !ok() when it cannot.
  RawConnection(int port, const std::string& from = "127.0.0.1");
  ~RawConnection();
  RawConnection(RawConnection&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool ok() const { return fd_ >= 0; }
  // Writes all of `bytes`; false when the peer closed or reset.
  bool Send(std::string_view bytes);
  // Reads one HTTP/1.1 response (head, then a Content-Length body) within
  // `timeout`; nullopt when none came whole.
  std::optional<RawResponse> ReadResponse(std::chrono::milliseconds timeout);
  // Whether the server closed the connection (EOF or reset) within `timeout`;
  // bytes it sent before are discarded.
  bool ClosedWithin(std::chrono::milliseconds timeout);
  void Close();

 private:
  int fd_ = -1;
  std::string buffered_;
};

// One request from `from` on a fresh connection; the response or nullopt.
std::optional<RawResponse> RawRequest(int port, const std::string& request, const std::string& from = "127.0.0.1",
                                      std::chrono::milliseconds timeout = std::chrono::seconds(5));

// The resident memory of this process, in bytes (/proc/self/status VmRSS).
size_t ResidentBytes();

}  // namespace psirt::testing
