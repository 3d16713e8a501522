// The HTTP engine: one Asio event loop reads and writes every socket
// (Beast's parser and serializer, deadlines on each phase), a pool of
// worker threads admits and handles whole requests.
#include "server/http_server.h"

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <atomic>
#include <limits>
#include <map>
#include <optional>
#include <unordered_map>

namespace psirt::http {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using Steady = std::chrono::steady_clock;
using std::chrono::milliseconds;

}  // namespace

// The engine's own refusals, in the same error shape as the handler's.
Response JsonRefusal(int status, const std::string& code, const std::string& message) {
  Response r;
  r.status = status;
  std::string escaped;
  for (char c : message) {
    if (c == '"' || c == '\\') escaped += '\\';
    escaped += c;
  }
  r.SetContent("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + escaped + "\"}}\n", "application/json");
  return r;
}

Response HttpHandler::Refusal(const Request&, int status, const std::string& code, const std::string& message) {
  return JsonRefusal(status, code, message);
}

namespace {

std::string PeerAddress(const tcp::endpoint& ep) {
  net::ip::address a = ep.address();
  if (a.is_v6() && a.to_v6().is_v4_mapped()) a = net::ip::make_address_v4(net::ip::v4_mapped, a.to_v6());
  return a.to_string();
}

// A parse error of the request (as opposed to a timeout or a client that
// went away): answered with 400 before the connection closes.
bool IsMalformed(const beast::error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
         ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message;
}

milliseconds AtRate(milliseconds base, size_t bytes, size_t rate) {
  return base + milliseconds(static_cast<std::int64_t>(bytes / std::max<size_t>(rate, 1) * 1000));
}

class SessionBase {
 public:
  virtual ~SessionBase() = default;
  // The server stops: drop the connection unless a request is in flight.
  virtual void OnStop() = 0;
  virtual void ForceClose() = 0;
};

}  // namespace

struct HttpServer::Impl {
  Options options;
  HttpHandler& handler;
  net::io_context ioc{1};
  std::optional<net::ssl::context> ssl;
  tcp::acceptor acceptor{ioc};
  net::steady_timer accept_pause{ioc};
  net::steady_timer grace{ioc};
  std::optional<net::executor_work_guard<net::io_context::executor_type>> guard;
  bool stopping = false;                     // event loop only
  std::atomic<bool> stop_requested{false};
  std::atomic<int> open{0};
  std::unordered_map<std::string, int> per_address;                 // event loop only
  std::map<std::uint64_t, std::weak_ptr<SessionBase>> sessions;     // event loop only
  std::uint64_t next_id = 0;
  std::string refused_raw;  // the 503 sent to connections over a cap
  net::thread_pool workers;  // last: joined before the rest goes

  Impl(Options o, HttpHandler& h)
      : options(std::move(o)), handler(h), workers(static_cast<size_t>(std::max(1, options.workers))) {}

  void Accept();
  void OnAccept(beast::error_code ec, tcp::socket socket);
  void Closed(std::uint64_t id, const std::string& peer);
  void BeginStop();
  void MaybeFinish();
  std::vector<std::shared_ptr<SessionBase>> Live() {
    std::vector<std::shared_ptr<SessionBase>> out;
    for (auto& [id, w] : sessions)
      if (auto s = w.lock()) out.push_back(std::move(s));
    return out;
  }
};

namespace {

using Impl = HttpServer::Impl;
using SslStream = beast::ssl_stream<beast::tcp_stream>;

template <class Stream>
class Session : public SessionBase, public std::enable_shared_from_this<Session<Stream>> {
  static constexpr bool kTls = std::is_same_v<Stream, SslStream>;
  enum class Phase { kHandshake, kHead, kAdmit, kBody, kHandle, kWrite, kLinger, kClosed };

 public:
  Session(Impl& srv, Stream stream, std::string peer, std::uint64_t id)
      : srv_(srv), stream_(std::move(stream)), peer_(std::move(peer)), id_(id) {}

  void Run() {
    Lowest().expires_after(srv_.options.limits.head_timeout);
    if constexpr (kTls) {
      phase_ = Phase::kHandshake;
      stream_.async_handshake(net::ssl::stream_base::server, [self = this->shared_from_this()](beast::error_code ec) {
        if (self->phase_ == Phase::kClosed) return;
        if (ec) return self->Close();
        self->ReadHead();
      });
    } else {
      ReadHead();
    }
  }

  void OnStop() override {
    if (phase_ == Phase::kHandshake || phase_ == Phase::kHead || phase_ == Phase::kBody || phase_ == Phase::kLinger)
      Close();
    else
      close_after_write_ = true;
  }
  void ForceClose() override { Close(); }

 private:
  beast::tcp_stream& Lowest() { return beast::get_lowest_layer(stream_); }

  void ReadHead() {
    phase_ = Phase::kHead;
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(srv_.options.limits.max_head_bytes));
    // The real limit is the handler's, set once the head is admitted.
    parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    req_.reset();
    state_.reset();
    // The first head's deadline started at accept (and covers TLS).
    if (!first_) Lowest().expires_after(srv_.options.limits.keep_alive_timeout);
    bhttp::async_read_header(stream_, buf_, *parser_, [self = this->shared_from_this()](beast::error_code ec, size_t) {
      self->OnHead(ec);
    });
  }

  void OnHead(beast::error_code ec) {
    if (phase_ == Phase::kClosed) return;
    started_ = Steady::now();
    if (ec) {
      if (ec == bhttp::error::header_limit)
        return Refuse(431, "too_large", "request head too large: at most " +
                                            std::to_string(srv_.options.limits.max_head_bytes) + " bytes");
      if (IsMalformed(ec)) return Refuse(400, "invalid", "malformed request: " + ec.message());
      return Close();  // end of stream, reset, or the deadline passed
    }
    const auto& h = parser_->get();
    req_ = std::make_shared<Request>();
    req_->method = std::string(h.method_string());
    req_->target = std::string(h.target());
    for (const auto& f : h) req_->headers.emplace(std::string(f.name_string()), std::string(f.value()));
    req_->peer = peer_;
    req_->tls = kTls;
    req_->client = srv_.handler.ClientAddress(*req_);
    if (Status st = ParseTarget(req_->target, req_->path, req_->query); !st.ok())
      return Refuse(400, "invalid", st.message());
    phase_ = Phase::kAdmit;
    Lowest().expires_never();
    // A request without a body is admitted and handled in one worker task
    // (one hand-over less); one with a body is admitted before any of it
    // is read.
    bool whole = parser_->is_done();
    net::post(srv_.workers, [self = this->shared_from_this(), whole] {
      Admission a;
      try {
        a = self->srv_.handler.Admit(*self->req_);
      } catch (...) {
        a.answered = true;
        a.answer = self->srv_.handler.Refusal(*self->req_, 500, "internal", "internal error");
      }
      if (whole && !a.answered) {
        Response res = self->Run(a.state);
        net::post(self->srv_.ioc, [self, res = std::move(res)]() mutable {
          if (self->phase_ == Phase::kClosed) return;
          self->phase_ = Phase::kHandle;
          self->Write(std::move(res), false);
        });
        return;
      }
      net::post(self->srv_.ioc, [self, a = std::move(a)]() mutable { self->OnAdmitted(std::move(a)); });
    });
  }

  // The handler on a worker thread; a throw is a 500.
  Response Run(const std::shared_ptr<void>& state) {
    Response res;
    try {
      srv_.handler.Handle(*req_, res, state);
    } catch (...) {
      res = srv_.handler.Refusal(*req_, 500, "internal", "internal error");
    }
    return res;
  }

  void OnAdmitted(Admission a) {
    if (phase_ == Phase::kClosed) return;
    if (a.answered) return Write(std::move(a.answer), false);
    state_ = std::move(a.state);
    if (parser_->is_done()) return Dispatch();  // no body
    // Stopping while this one was being admitted: its body has not come,
    // so nothing is in flight yet - dropped like any slow client.
    if (srv_.stopping) return Close();
    auto length = parser_->content_length();
    if (length && *length > a.body_limit) return RefuseBody(a.body_limit);
    parser_->body_limit(a.body_limit);
    phase_ = Phase::kBody;
    const ServerLimits& l = srv_.options.limits;
    Lowest().expires_after(AtRate(l.body_timeout, length ? *length : a.body_limit, l.min_bytes_per_second));
    if (beast::iequals(parser_->get()[bhttp::field::expect], "100-continue")) {
      continue_.emplace(bhttp::status::continue_, parser_->get().version());
      bhttp::async_write(stream_, *continue_, [self = this->shared_from_this(), limit = a.body_limit](beast::error_code ec, size_t) {
        if (self->phase_ == Phase::kClosed) return;
        if (ec) return self->Close();
        self->ReadBody(limit);
      });
      return;
    }
    ReadBody(a.body_limit);
  }

  void ReadBody(size_t limit) {
    bhttp::async_read(stream_, buf_, *parser_, [self = this->shared_from_this(), limit](beast::error_code ec, size_t) {
      if (self->phase_ == Phase::kClosed) return;
      if (ec == bhttp::error::body_limit) return self->RefuseBody(limit);
      if (ec && IsMalformed(ec)) return self->Refuse(400, "invalid", "malformed request body: " + ec.message());
      if (ec) return self->Close();  // the deadline passed, or the client went away
      self->req_->body = std::move(self->parser_->get().body());
      self->Dispatch();
    });
  }

  void Dispatch() {
    phase_ = Phase::kHandle;
    net::post(srv_.workers, [self = this->shared_from_this()] {
      Response res = self->Run(self->state_);
      net::post(self->srv_.ioc, [self, res = std::move(res)]() mutable { self->Write(std::move(res), false); });
    });
  }

  void RefuseBody(size_t limit) {
    Refuse(413, "too_large", limit == 0 ? "this request takes no body"
                                        : "request body too large: at most " + std::to_string(limit) + " bytes");
  }

  void Refuse(int status, const std::string& code, const std::string& message) {
    if (!req_) {
      req_ = std::make_shared<Request>();
      req_->peer = req_->client = peer_;
    }
    Write(srv_.handler.Refusal(*req_, status, code, message), true);
  }

  void Write(Response r, bool close) {
    if (phase_ == Phase::kClosed) return;
    bool body_unread = !parser_ || !parser_->is_done();
    bool keep = !close && !body_unread && !close_after_write_ && !srv_.stopping && parser_->get().keep_alive();
    srv_.handler.Respond(*req_, r, std::chrono::duration<double, std::milli>(Steady::now() - started_).count());
    res_.emplace();
    res_->version(parser_ && parser_->is_header_done() ? parser_->get().version() : 11);
    res_->result(static_cast<unsigned>(r.status));
    for (auto& [k, v] : r.headers) res_->insert(k, v);
    res_->body() = std::move(r.body);
    res_->keep_alive(keep);
    res_->prepare_payload();
    if (req_->method == "HEAD") res_->body().clear();  // Content-Length stays
    phase_ = Phase::kWrite;
    const ServerLimits& l = srv_.options.limits;
    Lowest().expires_after(AtRate(l.write_timeout, res_->body().size(), l.min_bytes_per_second));
    bhttp::async_write(stream_, *res_, [self = this->shared_from_this(), keep, body_unread](beast::error_code ec, size_t) {
      if (self->phase_ == Phase::kClosed) return;
      if (ec) return self->Close();
      self->res_.reset();
      if (keep && !self->close_after_write_) {
        self->first_ = false;
        return self->ReadHead();
      }
      self->Shutdown(body_unread);
    });
  }

  // Ends the connection after a response. When the client may still be
  // sending a body nobody reads, reads and discards it for a bounded time
  // and amount (5 s, 16 MiB; a socket, never a worker), so a client that
  // writes its whole body before it reads sees the answer, not a reset.
  void Shutdown(bool linger) {
    beast::error_code e;
    if (linger) {
      phase_ = Phase::kLinger;
      Lowest().socket().shutdown(tcp::socket::shutdown_send, e);
      Lowest().expires_after(std::chrono::seconds(5));
      return Drain();
    }
    if constexpr (kTls) {
      phase_ = Phase::kLinger;
      Lowest().expires_after(std::chrono::seconds(1));
      stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) { self->Close(); });
    } else {
      Lowest().socket().shutdown(tcp::socket::shutdown_send, e);
      Close();
    }
  }

  void Drain() {
    Lowest().async_read_some(net::buffer(scratch_), [self = this->shared_from_this()](beast::error_code ec, size_t n) {
      if (self->phase_ == Phase::kClosed) return;
      self->drained_ += n;
      if (ec || self->drained_ > (16u << 20)) return self->Close();
      self->Drain();
    });
  }

  void Close() {
    if (phase_ == Phase::kClosed) return;
    phase_ = Phase::kClosed;
    beast::error_code e;
    Lowest().socket().shutdown(tcp::socket::shutdown_both, e);
    Lowest().close();
    srv_.Closed(id_, peer_);
  }

  Impl& srv_;
  Stream stream_;
  std::string peer_;
  std::uint64_t id_;
  Phase phase_ = Phase::kHead;
  bool first_ = true;
  bool close_after_write_ = false;
  beast::flat_buffer buf_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::optional<bhttp::response<bhttp::empty_body>> continue_;
  std::optional<bhttp::response<bhttp::string_body>> res_;
  std::shared_ptr<Request> req_;
  std::shared_ptr<void> state_;
  Steady::time_point started_ = Steady::now();
  size_t drained_ = 0;
  char scratch_[16 << 10];
};

}  // namespace

void HttpServer::Impl::Accept() {
  acceptor.async_accept(ioc, [this](beast::error_code ec, tcp::socket socket) { OnAccept(ec, std::move(socket)); });
}

void HttpServer::Impl::OnAccept(beast::error_code ec, tcp::socket socket) {
  if (stopping) return;
  if (ec) {
    if (ec == net::error::operation_aborted) return;
    // Out of descriptors or memory: wait a little instead of spinning.
    accept_pause.expires_after(milliseconds(50));
    accept_pause.async_wait([this](beast::error_code e) {
      if (!e && !stopping) Accept();
    });
    return;
  }
  beast::error_code e;
  tcp::endpoint ep = socket.remote_endpoint(e);
  if (e) return Accept();
  std::string peer = PeerAddress(ep);
  socket.set_option(tcp::no_delay(true), e);
  bool over = open.load() >= options.limits.max_connections ||
              (!handler.CapExempt(peer) && per_address[peer] >= options.limits.max_connections_per_address);
  if (over) {
    // A short answer if the socket buffer takes it, then closed: never waited on.
    socket.non_blocking(true, e);
    socket.write_some(net::buffer(refused_raw), e);
    socket.close(e);
    if (per_address[peer] == 0) per_address.erase(peer);
    return Accept();
  }
  std::uint64_t id = next_id++;
  ++per_address[peer];
  ++open;
  std::shared_ptr<SessionBase> s;
  if (ssl) {
    auto t = std::make_shared<Session<SslStream>>(*this, SslStream(beast::tcp_stream(std::move(socket)), *ssl), peer, id);
    sessions[id] = t;
    t->Run();
  } else {
    auto t = std::make_shared<Session<beast::tcp_stream>>(*this, beast::tcp_stream(std::move(socket)), peer, id);
    sessions[id] = t;
    t->Run();
  }
  Accept();
}

void HttpServer::Impl::Closed(std::uint64_t id, const std::string& peer) {
  sessions.erase(id);
  if (auto it = per_address.find(peer); it != per_address.end() && --it->second <= 0) per_address.erase(it);
  --open;
  MaybeFinish();
}

void HttpServer::Impl::BeginStop() {
  if (stopping) return;
  stopping = true;
  beast::error_code e;
  acceptor.close(e);
  accept_pause.cancel();
  for (auto& s : Live()) s->OnStop();
  grace.expires_after(options.limits.stop_grace);
  grace.async_wait([this](beast::error_code ec) {
    if (ec) return;
    for (auto& s : Live()) s->ForceClose();
  });
  MaybeFinish();
}

void HttpServer::Impl::MaybeFinish() {
  if (!stopping || !sessions.empty()) return;
  grace.cancel();
  guard.reset();
}

Result<std::unique_ptr<HttpServer>> HttpServer::Create(Options options, HttpHandler& handler) {
  std::unique_ptr<HttpServer> s(new HttpServer());
  s->impl_ = std::make_unique<Impl>(std::move(options), handler);
  Impl& impl = *s->impl_;
  const Options& o = impl.options;
  if (!o.tls_cert.empty() || !o.tls_key.empty()) {
    if (o.tls_cert.empty() || o.tls_key.empty()) return Status::Usage("--tls-cert and --tls-key go together");
    impl.ssl.emplace(net::ssl::context::tls_server);
    impl.ssl->set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                          net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1 | net::ssl::context::no_tlsv1_1);
    beast::error_code ec;
    impl.ssl->use_certificate_chain_file(o.tls_cert, ec);
    if (!ec) impl.ssl->use_private_key_file(o.tls_key, net::ssl::context::pem, ec);
    if (ec || SSL_CTX_check_private_key(impl.ssl->native_handle()) != 1)
      return Status::Invalid("cannot use the TLS certificate " + o.tls_cert + " and key " + o.tls_key +
                             " (expected PEM files that match)");
  }
  Response r = JsonRefusal(503, "unavailable", "too many connections: try again shortly");
  impl.refused_raw = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: 1\r\n"
                     "Connection: close\r\nContent-Length: " + std::to_string(r.body.size()) + "\r\n\r\n" + r.body;
  return s;
}

HttpServer::~HttpServer() {
  if (!impl_) return;
  impl_->workers.stop();
  impl_->workers.join();
}

Result<int> HttpServer::Bind() {
  Impl& impl = *impl_;
  beast::error_code ec;
  tcp::resolver resolver(impl.ioc);
  auto found = resolver.resolve(impl.options.host, std::to_string(impl.options.port),
                                tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || found.empty())
    return Status::Io("cannot listen on " + impl.options.host + ":" + std::to_string(impl.options.port) +
                      " (not an address of this machine)");
  tcp::endpoint ep = found.begin()->endpoint();
  impl.acceptor.open(ep.protocol(), ec);
  if (!ec) impl.acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) impl.acceptor.bind(ep, ec);
  if (!ec) impl.acceptor.listen(1024, ec);
  if (ec)
    return Status::Io("cannot listen on " + impl.options.host + ":" + std::to_string(impl.options.port) + " (" +
                      ec.message() + ")");
  return static_cast<int>(impl.acceptor.local_endpoint().port());
}

Status HttpServer::Serve() {
  Impl& impl = *impl_;
  if (impl.stop_requested) return Status::Ok();
  // Work pending while workers hold requests; released when the stop completes.
  impl.guard.emplace(impl.ioc.get_executor());
  net::post(impl.ioc, [&impl] {
    if (!impl.stopping) impl.Accept();
  });
  impl.ioc.run();
  impl.workers.join();
  return Status::Ok();
}

void HttpServer::Stop() {
  impl_->stop_requested = true;
  net::post(impl_->ioc, [impl = impl_.get()] { impl->BeginStop(); });
}

int HttpServer::OpenConnections() const { return impl_->open.load(); }

}  // namespace psirt::http
