// psirt serve: the HTTP server, its request wrapper (principal, database
// connection, errors, access log), graceful stop and the job scheduler.
#include "server/server.h"

#include <fstream>

#include <httplib.h>
#include <netinet/tcp.h>

#include <chrono>
#include <filesystem>

#include "base/strings.h"
#include "formats/psirt_json.h"
#include "server/jobs.h"

namespace psirt {
namespace {

thread_local std::chrono::steady_clock::time_point t_request_start;
thread_local std::string t_request_user;

}  // namespace

ServerContext::ServerContext(Workspace ws, ServerOptions o, const Clock& c)
    : workspace(std::move(ws)),
      options(std::move(o)),
      clock(c),
      filter([policy = workspace.config.policy](const AdvisorySummary& s) {
        return SummaryToJson(s, ComputeDeadlines(policy, s.reported_on, s.embargo_override))
            .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      }),
      reports(workspace.config.server.reports_per_hour, std::chrono::hours(1)),
      logins(20, std::chrono::minutes(10)) {}

void ServerContext::Log(const nlohmann::json& line) {
  if (!options.access_log) return;
  std::lock_guard<std::mutex> lock(log_mu);
  *options.access_log << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n" << std::flush;
}

Result<std::vector<AttachmentRecord>> Call::Attachments(const std::string& advisory) {
  std::vector<AttachmentRecord> files;
  PSIRT_RETURN_IF_ERROR(store->Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(files, tx.ListAttachments(advisory));
    return Status::Ok();
  }));
  return files;
}

Result<std::vector<JobRun>> Call::JobRuns() {
  std::vector<JobRun> runs;
  PSIRT_RETURN_IF_ERROR(store->Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(runs, tx.ListJobRuns(50));
    return Status::Ok();
  }));
  return runs;
}

AdvisoryService Call::Advisories() {
  AdvisoryService svc(*store, ctx.config(), ctx.clock);
  Workspace* ws = &ctx.workspace;
  svc.set_owners([ws] { return ws->Owners(); });
  svc.set_guard(AccessFilter::GuardFor(who.viewer));
  return svc;
}

AccountService Call::Accounts() {
  AccountPolicy policy;
  policy.session_seconds = std::int64_t{ctx.config().server.session_hours} * 3600;
  return AccountService(*store, ctx.clock, policy);
}

Result<std::unique_ptr<GithubSession>> Call::Github(bool guarded) {
  AdvisoryService adv = guarded ? Advisories() : AdvisoryService(*store, ctx.config(), ctx.clock);
  return ctx.Github(*store, std::move(adv));
}

Result<std::unique_ptr<GithubSession>> ServerContext::Github(Store& store, AdvisoryService advisories) {
  return OpenGithub(store, config(), std::move(advisories), "", workspace.GithubTokenFile(),
                    options.github_transport ? options.github_transport : HttpTransport(&SendHttp));
}

Result<Team> Call::TeamNow() {
  Team team = ctx.config().team;
  PSIRT_ASSIGN_OR_RETURN(std::vector<UserRecord> users, Accounts().List());
  auto add = [](std::vector<std::string>& v, const std::string& x) {
    if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
  };
  for (const UserRecord& u : users) {
    if (u.disabled) continue;
    std::string handle = u.AsViewer().handle;
    if (u.role == Role::kPsirt) add(team.psirt, handle);
    if (u.role == Role::kReleaseManager)
      for (const std::string& b : u.branches) add(team.release_managers[b], handle);
  }
  return team;
}

Result<std::unique_ptr<Server>> Server::Create(const std::string& root, ServerOptions options, const Clock& clock) {
  PSIRT_ASSIGN_OR_RETURN(Workspace ws, OpenWorkspace(root));
  if (!options.database.empty()) {
    if (!IsPostgresUrl(options.database)) return Status::Usage("--database: expected a postgresql:// URL");
    ws.config.database = options.database;
    PSIRT_ASSIGN_OR_RETURN(ws.store, OpenPostgresStore(options.database));
    PSIRT_RETURN_IF_ERROR(ReprojectIfNeeded(*ws.store));
  }
  PSIRT_RETURN_IF_ERROR(ws.Owners().status());  // MAINTAINERS.yml loaded once, before any thread
  std::string db = ws.DatabaseLocation();
  std::unique_ptr<Server> s(new Server());
  s->ctx_ = std::make_unique<ServerContext>(std::move(ws), std::move(options), clock);
  s->ctx_->pool = std::make_unique<StorePool>([db] { return OpenStore(db); });
  {
    const GithubInfo& gh = s->ctx_->config().github;
    std::string secret;
    if (!gh.webhook_secret_file.empty()) {
      std::string path = s->ctx_->workspace.Resolve(gh.webhook_secret_file);
      std::ifstream in(path);
      if (!in) return Status::Io(path + ": cannot read the GitHub webhook secret (github.webhook_secret_file)");
      std::getline(in, secret);
      secret = Trim(secret);
      if (secret.size() < 16) return Status::Invalid(path + ": the GitHub webhook secret is shorter than 16 characters");
    } else if (const char* env = std::getenv("PSIRT_GITHUB_WEBHOOK_SECRET")) {
      secret = Trim(env);
    }
    s->ctx_->github_secret = secret;
  }
  const ServerOptions& o = s->ctx_->options;
  if (!o.tls_cert.empty() || !o.tls_key.empty()) {
    if (o.tls_cert.empty() || o.tls_key.empty()) return Status::Usage("--tls-cert and --tls-key go together");
    auto ssl = std::make_unique<httplib::SSLServer>(o.tls_cert.c_str(), o.tls_key.c_str());
    if (!ssl->is_valid())
      return Status::Invalid("cannot use the TLS certificate " + o.tls_cert + " and key " + o.tls_key +
                             " (expected PEM files that match)");
    s->http_ = std::move(ssl);
    s->ctx_->tls = true;
  } else {
    s->http_ = std::make_unique<httplib::Server>();
  }
  s->Routes();
  return s;
}

Server::~Server() { Stop(); if (jobs_.joinable()) jobs_.join(); }

void Server::Routes() {
  httplib::Server& http = *http_;
  ServerContext& ctx = *ctx_;
  int threads = std::max(1, ctx.options.threads);
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  // Attachments are the largest bodies; JSON endpoints check their own limit.
  http.set_payload_max_length(static_cast<size_t>(ctx.config().server.attachment_kb) * 1024 + (64 << 10));
  http.set_read_timeout(30, 0);
  http.set_write_timeout(30, 0);
  http.set_keep_alive_max_count(1000);
  // Answers go out at once: without TCP_NODELAY a response written as
  // headers then body waits for the client's delayed ACK (~40 ms). Linux
  // hands the listening socket's options to every accepted connection.
  http.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, reinterpret_cast<const char*>(&yes), sizeof yes);
    setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, reinterpret_cast<const char*>(&yes), sizeof yes);
  });

  http.set_pre_routing_handler([](const httplib::Request&, httplib::Response& res) {
    t_request_start = std::chrono::steady_clock::now();
    t_request_user.clear();
    http::SecurityHeaders(res);
    return httplib::Server::HandlerResponse::Unhandled;
  });
  http.set_logger([&ctx](const httplib::Request& req, const httplib::Response& res) {
    if (!ctx.options.access_log) return;
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t_request_start).count();
    // Method, path (secrets redacted, no query), status, time, user: never
    // headers, cookies, tokens or bodies.
    ctx.Log({{"time", ctx.clock.Now().ToString()},
             {"method", EscapeControls(req.method.substr(0, 16), false)},
             {"path", http::RedactPath(req.path.substr(0, 512))},
             {"status", res.status},
             {"ms", std::round(ms * 100) / 100},
             {"user", t_request_user}});
  });
  http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    http::SendError(res, Status::Internal("unexpected error"), false);
  });
  http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;  // a handler answered
    Status st = res.status == 404   ? Status::NotFound("no such page")
                : res.status == 413 ? Status::Invalid("request body too large")
                : res.status == 400 ? Status::Invalid("bad request")
                                    : Status::Invalid("request not handled");
    int code = res.status;
    http::SendError(res, st, false);
    res.status = code;
  });

  Wrap wrap = [&ctx](const httplib::Request& req, httplib::Response& res, const CallHandler& fn) {
    auto store = ctx.pool->Acquire();
    if (!store.ok()) {
      http::SendError(res, store.status(), false);
      return;
    }
    Call call{ctx, req, res, std::move(*store), {}};
    // Who is asking: an API token, else a web session, else nobody.
    std::string auth = req.get_header_value("Authorization");
    if (!auth.empty()) {
      if (auth.rfind("Bearer ", 0) != 0) {
        call.Fail(Status::Denied("Authorization: expected 'Bearer TOKEN'"));
        return;
      }
      auto user = call.Accounts().ByToken(Trim(auth.substr(7)));
      if (!user.ok()) {
        call.Fail(user.status());
        return;
      }
      call.who.user = *user;
    } else if (std::string cookie = http::Cookie(req, kSessionCookie); !cookie.empty()) {
      auto session = call.Accounts().BySession(cookie);
      if (session.ok()) {
        call.who.user = session->user;
        call.who.csrf = session->csrf;
        call.who.session = true;
      }
    }
    if (call.who.user) {
      call.who.viewer = call.who.user->AsViewer();
      call.who.actor = call.who.user->name;
      t_request_user = call.who.user->name;
    }
    fn(call);
  };

  http.Get("/healthz", [&ctx](const httplib::Request&, httplib::Response& res) {
    auto store = ctx.pool->Acquire();
    Status st = store.ok() ? (*store)->Read([](StoreTx& tx) { return tx.ChangeCounter().status(); }) : store.status();
    if (!st.ok()) {
      http::SendJson(res, {{"status", "unavailable"}}, 503);
      return;
    }
    http::SendJson(res, {{"status", "ok"}});
  });
  RegisterGithubRoutes(http, ctx, wrap);  // before the API's catch-all for unknown endpoints
  RegisterApiRoutes(http, ctx, wrap);
  RegisterWebRoutes(http, ctx, wrap);
}

Result<int> Server::Bind() {
  ServerOptions& o = ctx_->options;
  int port = o.port == 0 ? http_->bind_to_any_port(o.host) : (http_->bind_to_port(o.host, o.port) ? o.port : -1);
  if (port < 0)
    return Status::Io("cannot listen on " + o.host + ":" + std::to_string(o.port) +
                      " (address in use, or not an address of this machine)");
  if (o.instance.empty()) o.instance = o.host + ":" + std::to_string(port);
  // The list cache is filled before anyone is told the server is up, not
  // by the first requests.
  PSIRT_ASSIGN_OR_RETURN(StorePool::Lease store, ctx_->pool->Acquire());
  PSIRT_RETURN_IF_ERROR(ctx_->filter.Visible(*store, Viewer{}).status());
  return port;
}

Status Server::Serve() {
  StartJobs();
  bool ok = http_->listen_after_bind();  // returns after Stop(), once the pool has drained
  bool asked;  // whether Stop() ended it
  {
    std::lock_guard<std::mutex> lock(jobs_mu_);
    asked = stopping_;
    stopping_ = true;
  }
  jobs_cv_.notify_all();
  if (jobs_.joinable()) jobs_.join();
  if (!ok && !asked) return Status::Io("the server stopped unexpectedly");
  return Status::Ok();
}

void Server::Stop() {
  {
    std::lock_guard<std::mutex> lock(jobs_mu_);
    stopping_ = true;
  }
  jobs_cv_.notify_all();
  if (http_) http_->stop();
}

void Server::StartJobs() {
  using Clock = std::chrono::steady_clock;
  struct Scheduled {
    const char* job;
    std::chrono::minutes every;
    Clock::time_point next;
  };
  const ServerInfo& s = ctx_->config().server;
  std::vector<Scheduled> jobs;
  for (auto [job, minutes] : {std::pair{"sync", s.sync_minutes}, {"notify", s.notify_minutes}, {"intake", s.intake_minutes},
                              {"github", ctx_->config().github.pull_minutes}})
    if (minutes > 0) jobs.push_back({job, std::chrono::minutes(minutes), Clock::now()});
  if (!ctx_->options.run_jobs || jobs.empty()) return;
  jobs_ = std::thread([this, jobs = std::move(jobs)]() mutable {
    std::unique_lock<std::mutex> lock(jobs_mu_);
    while (!stopping_) {
      Clock::time_point wake = Clock::time_point::max();
      for (Scheduled& j : jobs) {
        if (Clock::now() >= j.next) {
          j.next = Clock::now() + j.every;
          lock.unlock();
          auto r = RunJob(*ctx_, j.job);
          if (!r.ok()) ctx_->Log({{"job", j.job}, {"error", r.status().ToString()}});
          lock.lock();
          if (stopping_) return;
        }
        wake = std::min(wake, j.next);
      }
      jobs_cv_.wait_until(lock, wake, [this] { return stopping_; });
    }
  });
}

}  // namespace psirt
