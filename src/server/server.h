// The team server (psirt serve): one process serving the JSON REST API
// under /api/v1/, the web dashboard, private intake and /healthz from a
// workspace, over the same application services the CLI calls. Sockets
// are read by an event-driven engine (server/http_server.h); each route
// declares who may call it and what body it takes, and both are checked
// from the request head before any body is read. Handlers run on worker
// threads with one database connection each; the access filter
// (server/access_filter.h) stands in front of every advisory.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <thread>

#include "app/account_service.h"
#include "app/job_ledger.h"
#include "app/advisory_service.h"
#include "app/github_service.h"
#include "app/notify_service.h"
#include "app/workspace.h"
#include "core/agenda.h"
#include "core/login_throttle.h"
#include "base/status.h"
#include "base/time.h"
#include "server/access_filter.h"
#include "server/client_address.h"
#include "server/http_message.h"
#include "server/http_server.h"
#include "server/http_util.h"
#include "server/store_pool.h"

namespace psirt {

// The web session's cookie.
inline constexpr const char* kSessionCookie = "psirt_session";
// The header an API write made with a web session carries its CSRF token in.
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";

// How `psirt serve` runs: address, TLS, threads, limits, jobs.
struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (Server::Bind returns it)
  std::string tls_cert, tls_key;  // both set: HTTPS
  std::string database;           // a postgresql:// URL instead of the workspace's database
  int threads = 16;  // worker threads: they run handlers, never wait on a client
  http::ServerLimits limits;           // deadlines and connection caps
  std::ostream* access_log = nullptr;  // one JSON line per request; nullptr: none
  bool run_jobs = true;                // the scheduler of psirt.yml's server jobs
  std::string instance;                // names this server in job runs (default host:port)
  NotifyOptions notify;                // how the notify job delivers (mbox or SMTP)
  HttpTransport github_transport;      // GitHub's API (default: SendHttp, libcurl)
};

// Who is asking: an account (API token or web session), a reporter
// holding a private link, or nobody.
struct Principal {
  std::optional<UserRecord> user;
  Viewer viewer;       // anonymous unless signed in
  std::string actor;   // recorded on events ("" for anonymous)
  std::string csrf;    // the web session's CSRF token
  bool session = false;  // signed in by the session cookie (not a token)
  bool signed_in() const { return user.has_value(); }
};

// Who may call a route: checked from the head, before the body is read.
enum class Access {
  kAnyone,    // anonymous too (the handler applies need-to-know)
  kSignedIn,  // an account
  kPsirt,     // a PSIRT member
};
// What body a route takes, which sets how much of it is read.
enum class BodyKind {
  kNone,     // none at all (GET)
  kJson,     // a JSON object (at most 1 MiB)
  kForm,     // a URL-encoded form (at most 1 MiB)
  kReport,   // a private report with its attachment (JSON or multipart form)
  kImport,   // documents to import (at most 32 MiB)
  kWebhook,  // a GitHub delivery (at most 25 MiB, GitHub's own limit)
};

// Shared by every request (thread-safe).
struct ServerContext {
  Workspace workspace;  // configuration, MAINTAINERS.yml; its store serves the jobs
  ServerOptions options;
  const Clock& clock;
  std::unique_ptr<StorePool> pool;
  AccessFilter filter;
  TrustedProxies proxies;     // server.trusted_proxies
  http::RateLimiter reports;  // private reports per address
  http::RateLimiter logins;   // sign-in attempts per address
  LoginThrottle throttle;     // failed sign-ins per account and address
  std::atomic<bool> tls{false};
  std::mutex log_mu;
  std::string form_key;  // signs the pre-sign-in CSRF tokens (kept in the database)
  // GitHub webhooks' shared secret (psirt.yml github.webhook_secret_file,
  // else PSIRT_GITHUB_WEBHOOK_SECRET); empty: /hooks/github is off.
  std::string github_secret;

  ServerContext(Workspace ws, ServerOptions o, const Clock& c);
  // Writes one line to the access log (requests and job failures), whole.
  void Log(const nlohmann::json& line);
  // GitHub sync over `store` with the server's token and transport.
  Result<std::unique_ptr<GithubSession>> Github(Store& store, AdvisoryService advisories);
  const WorkspaceConfig& config() const { return workspace.config; }
  // The largest report body: the attachment as base64 or as a form part,
  // plus the text fields.
  size_t ReportBodyLimit() const;
};

// One request's scope: its connection, its principal, ready services.
struct Call {
  ServerContext& ctx;
  const http::Request& req;
  http::Response& res;
  StorePool::Lease store;
  Principal who;

  AdvisoryService Advisories();  // guarded by the access filter
  AccountService Accounts();
  JobLedger Jobs();  // the scheduled jobs' leases and runs
  // The advisory `ref` names as this caller is shown it, in one read
  // (app/advisory_reader.h); HiddenAdvisory() when it is not to be seen.
  Result<AdvisoryForCaller> ReadAdvisory(const std::string& ref);
  // The same for its insiders only (its need-to-know list: what embargoed
  // fix series and their results require); HiddenAdvisory() for others.
  Result<AdvisoryForCaller> ReadAsInsider(const std::string& ref);
  // One attachment with its data, for an insider of its advisory.
  Result<AttachmentRecord> ReadAttachment(const std::string& ref, std::int64_t id);
  // GitHub sync over this request's connection; `guarded`: its advisory
  // service is the caller's (need-to-know applies), else the system's.
  Result<std::unique_ptr<GithubSession>> Github(bool guarded);
  void Fail(const Status& st) { http::SendError(res, st, who.signed_in()); }
  // The i-th capture of the route's pattern.
  const std::string& Arg(size_t i) const { return req.matches.at(i); }
};

// What a route runs for one request.
using CallHandler = std::function<void(Call&)>;

// A route: method, a pattern matched against the whole decoded path
// (RE2 syntax, captures become Call::Arg), who may call it, its body.
struct Route {
  std::string method;
  std::string pattern;
  Access access = Access::kAnyone;
  BodyKind body = BodyKind::kNone;
  CallHandler handler;
};

// The route table: the first route whose method and pattern match wins.
class Routes {
 public:
  Routes();
  ~Routes();
  void Add(Route r);
  // The route for a method and path, with its captures ([0] the path).
  const Route* Match(const std::string& method, const std::string& path, std::vector<std::string>& captures) const;

 private:
  struct Compiled;
  std::vector<std::unique_ptr<Compiled>> routes_;
};

// The team server: routes, jobs and the HTTP engine.
class Server {
 public:
  // Opens the workspace at `root` for serving.
  static Result<std::unique_ptr<Server>> Create(const std::string& root, ServerOptions options, const Clock& clock);
  ~Server();

  // Binds the listening socket; returns the port.
  Result<int> Bind();
  // Serves until Stop(); requests in flight finish (within the stop grace)
  // before it returns.
  Status Serve();
  // Asks Serve to return (thread- but not signal-safe).
  void Stop();
  ServerContext& context() { return *ctx_; }
  int OpenConnections() const { return http_->OpenConnections(); }

 private:
  class Handler;
  Server() = default;
  void StartJobs();

  std::unique_ptr<ServerContext> ctx_;
  std::unique_ptr<Routes> routes_;
  std::unique_ptr<Handler> handler_;
  std::unique_ptr<http::HttpServer> http_;
  std::thread jobs_;
  std::mutex jobs_mu_;
  bool stopping_ = false;
  std::condition_variable jobs_cv_;
};

// One page of the advisories the caller may see, filtered by the request's
// ?state=, ?open=1 and ?q= (pointers into the snapshot they hold), and how
// many match in all.
struct VisibleRows {
  std::shared_ptr<const Listing> snapshot;
  std::vector<const ListedAdvisory*> rows;  // the page
  size_t total = 0;
};
Result<VisibleRows> Filtered(Call& c, size_t offset, size_t limit);

// The agenda of the open advisories the caller may see, and how many those are.
struct VisibleAgenda {
  std::vector<Task> tasks;
  size_t open = 0;
};
Result<VisibleAgenda> AgendaFor(Call& c, Date as_of);

// Any "not found" about an advisory is answered like a hidden one.
Status Hide(const Status& st);

// Route registration (server/api_routes.cc, server/web_pages.cc,
// server/github_routes.cc).
void RegisterApiRoutes(Routes& routes);
void RegisterWebRoutes(Routes& routes);
void RegisterGithubRoutes(Routes& routes);

}  // namespace psirt
