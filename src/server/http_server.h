// HttpServer: the HTTP/1.1 engine of psirt serve (Boost.Beast over Asio).
// Sockets are read by one event loop, so a client that is slow, idle or
// silent holds a socket, never a worker thread; workers only run the
// handler once a request is whole. What it guarantees, whoever connects:
//   - the whole request head arrives within a deadline (not per read);
//   - the handler admits or refuses a request from its head alone, before
//     any of its body is read (authentication, size limits);
//   - the body limit holds while reading, chunked or not (413 as soon as
//     the total passes it), within a deadline that grows with its size;
//   - connections are capped in all and per client address;
//   - Stop() finishes requests in flight within a bounded time and drops
//     idle, slow and half-read connections at once.
// It knows nothing of psirt: routes, accounts and pages are the handler's.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "base/status.h"
#include "server/http_message.h"

namespace psirt::http {

// What the server allows each client: sizes, times, connections.
struct ServerLimits {
  // From accept (TLS handshake included) to the end of the first request head.
  std::chrono::milliseconds head_timeout{10'000};
  // A kept-alive connection's wait for its next request head, whole.
  std::chrono::milliseconds keep_alive_timeout{5'000};
  // A body's deadline: this much, plus its size at the minimum rate.
  std::chrono::milliseconds body_timeout{20'000};
  // A response's deadline likewise.
  std::chrono::milliseconds write_timeout{20'000};
  size_t min_bytes_per_second = 32 << 10;
  // How long Stop() lets requests in flight finish.
  std::chrono::milliseconds stop_grace{10'000};
  size_t max_head_bytes = 16 << 10;
  int max_connections = 2048;
  int max_connections_per_address = 64;
};

// The handler's decision on a request whose head has been read.
struct Admission {
  bool answered = false;        // `answer` is the whole response; the body is never read
  Response answer;
  size_t body_limit = 0;        // bytes of body accepted (413 past them)
  std::shared_ptr<void> state;  // handed to Handle with the whole request
};

// What the engine calls. Admit and Handle run on worker threads and may
// block (database); Respond, ClientAddress and CapExempt run on the event
// loop and must not.
class HttpHandler {
 public:
  virtual ~HttpHandler() = default;
  virtual Admission Admit(Request& head) = 0;
  virtual void Handle(Request& req, Response& res, const std::shared_ptr<void>& state) = 0;
  // The last look at every response before it is written (headers every
  // answer carries; the access log), with the time since the head arrived.
  virtual void Respond(const Request& req, Response& res, double ms) {}
  // The client's address for `req` (a trusted proxy's X-Forwarded-For).
  virtual std::string ClientAddress(const Request& req) { return req.peer; }
  // Peers the per-address cap does not apply to (trusted proxies).
  virtual bool CapExempt(const std::string& peer) { return false; }
  // The engine's own refusals (400 malformed, 413 too large, 431 head too
  // large, 500): by default {"error": {"code", "message"}} as JSON.
  // `req` is what was read of the request (its path may be empty).
  virtual Response Refusal(const Request& req, int status, const std::string& code, const std::string& message);
};

// The engine's default refusal body.
Response JsonRefusal(int status, const std::string& code, const std::string& message);

// The HTTP engine: connections, limits, workers; calls one handler.
class HttpServer {
 public:
  struct Options {
    std::string host = "127.0.0.1";
    int port = 8080;  // 0: any free port
    std::string tls_cert, tls_key;  // both: HTTPS
    int workers = 16;
    ServerLimits limits;
  };
  // Invalid when the TLS files cannot be used.
  static Result<std::unique_ptr<HttpServer>> Create(Options options, HttpHandler& handler);
  ~HttpServer();

  // Binds the listening socket; returns the port.
  Result<int> Bind();
  // Serves until Stop(), then finishes or drops what is open (bounded by
  // stop_grace) and returns.
  Status Serve();
  // Asks Serve to return; thread-safe (not async-signal-safe).
  void Stop();
  // Open connections now (for tests and /healthz).
  int OpenConnections() const;

  struct Impl;  // the event loop, sessions and workers (http_server.cc)

 private:
  HttpServer() = default;
  std::unique_ptr<Impl> impl_;
};

}  // namespace psirt::http
