// `psirt serve`: the team server (REST API, dashboard, intake) on this
// workspace. SIGTERM or SIGINT stops it gracefully: the listening socket
// closes, idle and slow connections are dropped at once, requests in
// flight finish (within --stop-grace seconds), then the process exits.
#include <csignal>
#include <iostream>
#include <thread>

#include "cli/commands.h"
#include "net/smtp_client.h"
#include "server/server.h"

namespace psirt::cli {

void RegisterServeCommand(CLI::App& app, CliContext& ctx) {
  struct ServeArgs {
    std::string listen, tls_cert, tls_key, notify_mbox, smtp, smtp_credentials, database;
    int threads = 16;
    int stop_grace = 10;
    bool no_jobs = false, quiet = false;
  };
  auto a = std::make_shared<ServeArgs>();
  CLI::App* serve = app.add_subcommand("serve", "Run the team server: REST API, web dashboard, private intake");
  serve->add_option("--listen", a->listen, "HOST:PORT to listen on (default: server.listen in psirt.yml, 127.0.0.1:8080; port 0: any)");
  serve->add_option("--database", a->database,
                    "postgresql:// URL of the team's database (default: psirt.yml's database, else psirt.db)");
  serve->add_option("--tls-cert", a->tls_cert, "PEM certificate: serve HTTPS");
  serve->add_option("--tls-key", a->tls_key, "PEM private key of --tls-cert");
  serve->add_option("--threads", a->threads,
                    "Worker threads that run requests once they are whole; a slow or idle client holds none (default 16)")
      ->check(CLI::Range(1, 256));
  serve->add_option("--stop-grace", a->stop_grace, "Seconds requests in flight may take to finish on SIGTERM (default 10)")
      ->check(CLI::Range(0, 600));
  serve->add_flag("--no-jobs", a->no_jobs, "Do not run the scheduled jobs (sync, notify) on this instance");
  serve->add_flag("--quiet", a->quiet, "No access log on stderr");
  serve->add_option("--notify-mbox", a->notify_mbox, "The notify job appends messages to this mbox");
  serve->add_option("--smtp", a->smtp, "The notify job sends through this server: smtp://HOST:PORT");
  serve->add_option("--smtp-credentials", a->smtp_credentials, "File holding user:password for the SMTP server");
  serve->callback([&ctx, a] {
    ctx.status = [&]() -> Status {
      PSIRT_ASSIGN_OR_RETURN(Workspace * ws, ctx.OpenedWorkspace());
      ServerOptions o;
      std::string listen = a->listen.empty() ? ws->config.server.listen : a->listen;
      size_t colon = listen.rfind(':');
      if (colon == std::string::npos || colon + 1 == listen.size() ||
          listen.find_first_not_of("0123456789", colon + 1) != std::string::npos || listen.size() - colon > 6)
        return Status::Usage("--listen: expected HOST:PORT, got '" + listen + "'");
      o.host = listen.substr(0, colon);
      if (o.host.size() > 2 && o.host.front() == '[' && o.host.back() == ']') o.host = o.host.substr(1, o.host.size() - 2);
      o.port = std::stoi(listen.substr(colon + 1));
      if (o.port > 65535) return Status::Usage("--listen: port above 65535");
      o.database = a->database;
      o.tls_cert = a->tls_cert;
      o.tls_key = a->tls_key;
      o.threads = a->threads;
      o.limits.stop_grace = std::chrono::seconds(a->stop_grace);
      o.run_jobs = !a->no_jobs;
      o.access_log = a->quiet ? nullptr : &std::cerr;
      if (!a->notify_mbox.empty() && !a->smtp.empty()) return Status::Usage("give --notify-mbox or --smtp, not both");
      o.notify.mbox = a->notify_mbox;
      o.notify.smtp.url = a->smtp;
      if (!a->smtp_credentials.empty()) {
        PSIRT_ASSIGN_OR_RETURN(auto cred, ReadSmtpCredentials(a->smtp_credentials));
        o.notify.smtp.username = cred.first;
        o.notify.smtp.password = cred.second;
      }
      std::string root = ws->root;
      // Signals are taken by one thread (sigwait), never by a handler.
      sigset_t stop_signals;
      sigemptyset(&stop_signals);
      sigaddset(&stop_signals, SIGTERM);
      sigaddset(&stop_signals, SIGINT);
      pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
      PSIRT_ASSIGN_OR_RETURN(auto server, Server::Create(root, o, ctx.clock));
      PSIRT_ASSIGN_OR_RETURN(int port, server->Bind());
      std::cout << "psirt: serving " << ws->config.project << " on " << (o.tls_cert.empty() ? "http" : "https") << "://"
                << o.host << ":" << port << "/" << std::endl;
      std::thread waiter([&server, stop_signals] {
        int sig = 0;
        sigwait(&stop_signals, &sig);
        if (sig == SIGTERM || sig == SIGINT) server->Stop();
      });
      Status st = server->Serve();
      pthread_kill(waiter.native_handle(), SIGTERM);  // wakes the waiter if the server stopped by itself
      waiter.join();
      std::cout << "psirt: stopped" << std::endl;
      return st;
    }();
  });
}

}  // namespace psirt::cli
