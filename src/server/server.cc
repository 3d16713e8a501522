// psirt serve: the route table, the request handler the engine calls
// (admission from the head: route, principal, declared access, CSRF, body
// limit; then the handler with its body), the access log, graceful stop
// and the job scheduler.
#include "server/server.h"

#include "app/store_health.h"
#include "base/secret_source.h"

#include <re2/re2.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>

#include "base/strings.h"
#include "formats/psirt_json.h"
#include "server/jobs.h"
#include "server/web_pages.h"
#include "store/write_queue.h"
#include "app/audience_service.h"

namespace psirt {

// --- the route table -------------------------------------------------------

struct Routes::Compiled {
  Route route;
  std::unique_ptr<RE2> re;
};

Routes::Routes() = default;
Routes::~Routes() = default;

void Routes::Add(Route r) {
  auto c = std::make_unique<Compiled>();
  c->re = std::make_unique<RE2>(r.pattern);
  if (!c->re->ok()) throw std::logic_error("bad route pattern " + r.pattern);  // a bug, found by any test
  c->route = std::move(r);
  routes_.push_back(std::move(c));
}

const Route* Routes::Match(const std::string& method, const std::string& path, std::vector<std::string>& captures) const {
  for (const auto& c : routes_) {
    if (c->route.method != method) continue;
    int n = c->re->NumberOfCapturingGroups();
    std::vector<std::string> caps(static_cast<size_t>(n));
    std::vector<RE2::Arg> args;
    args.reserve(caps.size());
    for (std::string& cap : caps) args.emplace_back(&cap);
    std::vector<const RE2::Arg*> ptrs;
    for (RE2::Arg& a : args) ptrs.push_back(&a);
    if (!RE2::FullMatchN(path, *c->re, ptrs.data(), n)) continue;
    captures.clear();
    captures.push_back(path);
    for (std::string& s : caps) captures.push_back(std::move(s));
    return &c->route;
  }
  return nullptr;
}

// --- shared context and the per-request call -------------------------------

ServerContext::ServerContext(Workspace ws, ServerOptions o, const Clock& c)
    : workspace(std::move(ws)),
      options(std::move(o)),
      clock(c),
      filter([policy = workspace.config.policy](const AdvisorySummary& s) {
        return SummaryToJson(s, DeadlinesOf(policy, s))
            .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      }),
      reports(workspace.config.server.reports_per_hour, std::chrono::hours(1)),
      logins(30, std::chrono::minutes(10)) {}

void ServerContext::Log(const nlohmann::json& line) {
  if (!options.access_log) return;
  std::lock_guard<std::mutex> lock(log_mu);
  *options.access_log << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n" << std::flush;
}

size_t ServerContext::ReportBodyLimit() const {
  size_t file = static_cast<size_t>(config().server.attachment_kb) * 1024;
  // base64 (with line breaks every 76 characters if the client wraps it),
  // or the raw bytes of a form part; plus up to 1 MiB of text fields.
  size_t base64 = (file + 2) / 3 * 4;
  return base64 + base64 / 38 + (1 << 20);
}

Result<AdvisoryForCaller> Call::ReadAsInsider(const std::string& ref) {
  PSIRT_ASSIGN_OR_RETURN(AdvisoryForCaller r, ReadAdvisory(ref));
  if (r.sight != Sight::kInsider) return HiddenAdvisory();
  return r;
}

Result<AdvisoryForCaller> Call::ReadAdvisory(const std::string& ref) {
  PSIRT_ASSIGN_OR_RETURN(AdvisoryReader::Admit admit, ctx.filter.Admission(*store, who.viewer));
  auto r = AdvisoryReader(*store, ctx.config()).Read(ref, who.viewer, admit);
  if (!r.ok()) return Hide(r.status());
  return r;
}

Result<AttachmentRecord> Call::ReadAttachment(const std::string& ref, std::int64_t id) {
  PSIRT_ASSIGN_OR_RETURN(AdvisoryReader::Admit admit, ctx.filter.Admission(*store, who.viewer));
  auto r = AdvisoryReader(*store, ctx.config()).Attachment(ref, id, who.viewer, admit);
  // A hidden or missing advisory answers like any other; a missing
  // attachment of a visible one says so.
  if (!r.ok() && r.status().field() != "attachment") return Hide(r.status());
  return r;
}

AdvisoryService Call::Advisories() {
  AdvisoryService svc(*store, ctx.config(), ctx.clock);
  Workspace* ws = &ctx.workspace;
  svc.set_owners([ws] { return ws->Owners(); });
  svc.set_guard(AccessFilter::GuardFor(who.viewer));
  return svc;
}

JobLedger Call::Jobs() { return JobLedger(*store, ctx.clock, ctx.options.instance); }

AccountService Call::Accounts() {
  AccountPolicy policy;
  policy.session_seconds = std::int64_t{ctx.config().server.session_hours} * 3600;
  AccountService accounts(*store, ctx.clock, policy);
  accounts.set_throttle(&ctx.throttle);
  return accounts;
}

Result<std::unique_ptr<GithubSession>> Call::Github(bool guarded) {
  AdvisoryService adv = guarded ? Advisories() : AdvisoryService(*store, ctx.config(), ctx.clock);
  return ctx.Github(*store, std::move(adv));
}

Result<std::unique_ptr<GithubSession>> ServerContext::Github(Store& store, AdvisoryService advisories) {
  return OpenGithub(store, config(), std::move(advisories), "", workspace.GithubTokenFile(),
                    options.github_transport ? options.github_transport : HttpTransport(&SendHttp));
}


// --- the handler the engine calls ------------------------------------------

namespace {

// What admission found out from the head, handed to the handler.
struct Admitted {
  const Route* route = nullptr;
  Principal who;
  bool api = true;
};

bool IsApiPath(const std::string& path) {
  return path.rfind("/api/", 0) == 0 || path == "/api" || path.rfind("/hooks/", 0) == 0 || path == "/healthz";
}

size_t BodyLimit(const ServerContext& ctx, BodyKind kind) {
  switch (kind) {
    case BodyKind::kNone: return 0;
    case BodyKind::kJson:
    case BodyKind::kForm: return 1 << 20;
    case BodyKind::kReport: return ctx.ReportBodyLimit();
    case BodyKind::kImport: return 32 << 20;
    case BodyKind::kWebhook: return 25 << 20;
  }
  return 0;
}

}  // namespace

class Server::Handler : public http::HttpHandler {
 public:
  Handler(ServerContext& ctx, const Routes& routes) : ctx_(ctx), routes_(routes) {}

  http::Admission Admit(http::Request& req) override {
    http::Admission a;
    auto state = std::make_shared<Admitted>();
    state->api = IsApiPath(req.path);
    std::string method = req.method == "HEAD" ? "GET" : req.method;
    state->route = routes_.Match(method, req.path, req.matches);
    auto refuse = [&](const Status& st) {
      a.answered = true;
      if (state->api) http::SendError(a.answer, st, state->who.signed_in());
      else RenderWebError(ctx_, state->who, st, a.answer);
      return a;
    };
    if (!state->route) {
      a.answered = true;
      http::SendErrorCode(a.answer, 405, "invalid", "method " + Shown(req.method, 16) + " not allowed here");
      return a;
    }
    if (state->route->access == Access::kAnyone && state->route->body == BodyKind::kNone && !state->route->handler) {
      a.state = state;  // a static file: no principal needed
      return a;
    }
    // Who is asking: an API token, else a web session, else nobody.
    auto lease = ctx_.pool->Acquire();
    if (!lease.ok()) return refuse(lease.status());
    AccountService accounts(**lease, ctx_.clock);
    Principal& who = state->who;
    std::string auth = req.Header("Authorization");
    if (!auth.empty()) {
      if (auth.rfind("Bearer ", 0) != 0) return refuse(Status::Denied("Authorization: expected 'Bearer TOKEN'"));
      auto user = accounts.ByToken(Trim(auth.substr(7)));
      if (!user.ok()) return refuse(user.status());
      who.user = *user;
    } else if (std::string cookie = req.Cookie(kSessionCookie); !cookie.empty()) {
      auto session = accounts.BySession(cookie);
      if (session.ok()) {
        who.user = session->user;
        who.csrf = session->csrf;
        who.session = true;
      } else if (session.status().code() == Status::Code::kIo) {
        return refuse(session.status());
      }
    }
    if (who.user) {
      who.viewer = who.user->AsViewer();
      who.actor = who.user->name;
      req.log_user = who.user->name;
    }
    // The route's declared access, from the head alone.
    const Route& route = *state->route;
    if (route.access != Access::kAnyone && !who.signed_in()) {
      if (!state->api) {
        a.answered = true;
        a.answer.status = 303;
        a.answer.SetHeader("Location", "/login");
        return a;
      }
      return refuse(Status::Denied("sign in first (Authorization: Bearer TOKEN)"));
    }
    if (route.access == Access::kPsirt && who.viewer.role != Role::kPsirt)
      return refuse(state->api ? Status::Denied("only the PSIRT may do this") : Status::NotFound("no such page"));
    // An API write made with a browser's session carries its CSRF token
    // in a header; API clients use tokens.
    if (state->api && method != "GET" && who.session) {
      std::string sent = req.Header(kCsrfHeader);
      if (sent.empty() || !SecretsEqual(sent, who.csrf))
        return refuse(Status::Denied(std::string("an API write signed in by a session cookie needs the ") + kCsrfHeader +
                                     " header (or use an API token: Authorization: Bearer TOKEN)"));
    }
    a.body_limit = BodyLimit(ctx_, route.body);
    a.state = state;
    return a;
  }

  void Handle(http::Request& req, http::Response& res, const std::shared_ptr<void>& state) override {
    const Admitted& ad = *std::static_pointer_cast<Admitted>(state);
    const Route& route = *ad.route;
    if (!route.handler) return StaticFile(req, res);
    if (route.body == BodyKind::kForm || route.body == BodyKind::kReport) {
      if (Status st = req.ReadForm(); !st.ok()) {
        if (ad.api) return http::SendError(res, st, ad.who.signed_in());
        return RenderWebError(ctx_, ad.who, st, res);
      }
    }
    auto lease = ctx_.pool->Acquire();
    if (!lease.ok()) {
      if (ad.api) return http::SendError(res, lease.status(), ad.who.signed_in());
      return RenderWebError(ctx_, ad.who, lease.status(), res);
    }
    Call call{ctx_, req, res, std::move(*lease), ad.who};
    route.handler(call);
  }

  void Respond(const http::Request& req, http::Response& res, double ms) override {
    http::SecurityHeaders(res);
    if (!ctx_.options.access_log) return;
    // Method, path (secrets redacted, no query), status, time, user,
    // client: never headers, cookies, tokens or bodies.
    std::string_view target = req.target;
    ctx_.Log({{"time", ctx_.clock.Now().ToString()},
              {"method", EscapeControls(req.method.substr(0, 16), false)},
              {"path", http::RedactPath(target.substr(0, target.find('?')))},
              {"status", res.status},
              {"ms", std::round(ms * 100) / 100},
              {"user", req.log_user},
              {"client", req.client}});
  }

  std::string ClientAddress(const http::Request& req) override {
    return ctx_.proxies.ClientOf(req.peer, req.Header("Forwarded"), req.Header("X-Forwarded-For"));
  }
  bool CapExempt(const std::string& peer) override { return ctx_.proxies.Trusted(peer); }
  // A browser's request refused by the engine (too large, malformed) gets
  // a page, not a JSON document in place of the form it came from.
  http::Response Refusal(const http::Request& req, int status, const std::string& code, const std::string& message) override {
    if (req.path.empty() || IsApiPath(req.path)) return http::JsonRefusal(status, code, message);
    http::Response res;
    std::string hint = status == 413 ? "<p>Go back: what you typed is still in the form. Choose a smaller file, or send the "
                                       "large one later by answering on your report's private page.</p>"
                                     : "<p><a href=\"/\">Back to the start</a></p>";
    res.status = status;
    res.SetContent(html::Page(html::Frame{"Refused", "", "", ""},
                              "<h1>Refused</h1><p class=\"error\" role=\"alert\">" + html::Esc(message) + "</p>" + hint),
                   "text/html; charset=utf-8");
    return res;
  }

 private:
  void StaticFile(const http::Request& req, http::Response& res) {
    res.SetHeader("Cache-Control", "public, max-age=3600");
    if (req.path == "/static/psirt.css") res.SetContent(html::kStylesheet, "text/css; charset=utf-8");
    else res.SetContent(html::kScript, "text/javascript; charset=utf-8");
  }

  ServerContext& ctx_;
  const Routes& routes_;
};

// --- the server ------------------------------------------------------------

Result<std::unique_ptr<Server>> Server::Create(const std::string& root, ServerOptions options, const Clock& clock) {
  // A client that goes away mid-answer is an error on that connection,
  // never a signal that ends the process.
  std::signal(SIGPIPE, SIG_IGN);
  PSIRT_ASSIGN_OR_RETURN(Workspace ws, OpenWorkspace(root));
  if (!options.database.empty()) {
    if (!IsPostgresUrl(options.database)) return Status::Usage("--database: expected a postgresql:// URL");
    ws.config.database = options.database;
    PSIRT_ASSIGN_OR_RETURN(ws.store, OpenPostgresStore(options.database));
    PSIRT_RETURN_IF_ERROR(ReprojectIfNeeded(*ws.store));
  }
  PSIRT_RETURN_IF_ERROR(ws.Owners().status());  // MAINTAINERS.yml loaded once, before any thread
  PSIRT_ASSIGN_OR_RETURN(TrustedProxies proxies, TrustedProxies::Parse(ws.config.server.trusted_proxies));
  std::string db = ws.DatabaseLocation();
  std::unique_ptr<Server> s(new Server());
  s->ctx_ = std::make_unique<ServerContext>(std::move(ws), std::move(options), clock);
  ServerContext& ctx = *s->ctx_;
  ctx.proxies = std::move(proxies);
  if (IsPostgresUrl(db)) {
    // The schema is current (the workspace's store migrated it above). The
    // list cache looks at the change counter only after a notification or
    // a write of this process.
    PSIRT_ASSIGN_OR_RETURN(std::unique_ptr<ChangeWatch> made, WatchChanges(db));
    std::shared_ptr<ChangeWatch> watch = std::move(made);
    ctx.filter.set_watch(watch);
    ctx.pool = std::make_unique<StorePool>([db, watch]() -> Result<std::unique_ptr<Store>> {
      PSIRT_ASSIGN_OR_RETURN(std::unique_ptr<Store> s, OpenStore(db, OpenMode::kExisting));
      return WatchedStore(std::move(s), watch);
    });
  } else {
    // SQLite: reads on a connection per worker, writes through one queue.
    PSIRT_ASSIGN_OR_RETURN(std::unique_ptr<Store> writer, OpenStore(db));
    auto queue = std::make_shared<WriteQueue>(std::move(writer));
    ctx.pool = std::make_unique<StorePool>([db, queue]() -> Result<std::unique_ptr<Store>> {
      PSIRT_ASSIGN_OR_RETURN(std::unique_ptr<Store> reader, OpenStore(db));
      return QueuedStore(std::move(reader), queue);
    });
  }
  // A connection per worker (and one for the jobs) before anyone is served,
  // each with the statements of a request already run once (PostgreSQL
  // prepares them and its backend fills its caches then, not under load).
  PSIRT_RETURN_IF_ERROR(ctx.pool->Fill(static_cast<size_t>(std::max(1, ctx.options.threads)) + 1, WarmUpRequestReads));
  {
    const GithubInfo& gh = ctx.config().github;
    SecretSource source{gh.webhook_secret_file.empty() ? "" : ctx.workspace.Resolve(gh.webhook_secret_file),
                        "PSIRT_GITHUB_WEBHOOK_SECRET", "the GitHub webhook secret", "github.webhook_secret_file", 16};
    PSIRT_ASSIGN_OR_RETURN(ctx.github_secret, ReadSecret(source));
  }
  s->routes_ = std::make_unique<Routes>();
  Routes& routes = *s->routes_;
  routes.Add({"GET", "/healthz", Access::kAnyone, BodyKind::kNone, [](Call& c) {
                if (!StoreAnswers(*c.store).ok()) return http::SendJson(c.res, {{"status", "unavailable"}}, 503);
                http::SendJson(c.res, {{"status", "ok"}});
              }});
  routes.Add({"GET", "/static/psirt\\.(css|js)", Access::kAnyone, BodyKind::kNone, nullptr});
  RegisterGithubRoutes(routes);  // before the API's catch-all for unknown endpoints
  RegisterApiRoutes(routes);
  RegisterWebRoutes(routes);
  s->handler_ = std::make_unique<Handler>(ctx, routes);
  const ServerOptions& o = ctx.options;
  http::HttpServer::Options ho;
  ho.host = o.host;
  ho.port = o.port;
  ho.tls_cert = o.tls_cert;
  ho.tls_key = o.tls_key;
  ho.workers = o.threads;
  ho.limits = o.limits;
  ho.limits.max_connections_per_address = ctx.workspace.config.server.connections_per_address;
  PSIRT_ASSIGN_OR_RETURN(s->http_, http::HttpServer::Create(ho, *s->handler_));
  ctx.tls = !o.tls_cert.empty();
  return s;
}

Server::~Server() {
  Stop();
  if (jobs_.joinable()) jobs_.join();
}

Result<int> Server::Bind() {
  PSIRT_ASSIGN_OR_RETURN(int port, http_->Bind());
  ServerOptions& o = ctx_->options;
  if (o.instance.empty()) o.instance = o.host + ":" + std::to_string(port);
  PSIRT_ASSIGN_OR_RETURN(StorePool::Lease store, ctx_->pool->Acquire());
  // The key the pre-sign-in CSRF tokens are signed with: one per
  // database, so every instance of a team server accepts them.
  PSIRT_ASSIGN_OR_RETURN(ctx_->form_key, AccountService(*store, ctx_->clock).FormKey());
  // The list cache is filled before anyone is told the server is up, not
  // by the first requests: the entries, and the list each account sees.
  PSIRT_RETURN_IF_ERROR(ctx_->filter.Visible(*store, Viewer{}).status());
  PSIRT_ASSIGN_OR_RETURN(std::vector<UserRecord> users, AccountService(*store, ctx_->clock).List());
  for (const UserRecord& u : users)
    if (!u.disabled) PSIRT_RETURN_IF_ERROR(ctx_->filter.Visible(*store, u.AsViewer()).status());
  return port;
}

Status Server::Serve() {
  StartJobs();
  Status served = http_->Serve();  // returns after Stop(), once requests in flight are done or dropped
  {
    std::lock_guard<std::mutex> lock(jobs_mu_);
    stopping_ = true;
  }
  jobs_cv_.notify_all();
  if (jobs_.joinable()) jobs_.join();
  return served;
}

void Server::Stop() {
  {
    std::lock_guard<std::mutex> lock(jobs_mu_);
    stopping_ = true;
  }
  jobs_cv_.notify_all();
  if (http_) http_->Stop();
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
  for (auto [job, minutes] : {std::pair{"sync", s.sync_minutes}, {"fetch", s.fetch_minutes}, {"notify", s.notify_minutes}, {"intake", s.intake_minutes},
                              {"github", ctx_->config().github.pull_minutes},
                              {"cve-update", ctx_->config().cve_services.update_minutes}})
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
