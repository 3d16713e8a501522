// `psirt notify`: deliver the notifications that are due (mbox or SMTP).
#include <iostream>

#include "app/notify_service.h"
#include "app/workspace.h"
#include "base/strings.h"
#include "cli/commands.h"
#include "cli/remote.h"

namespace psirt::cli {
namespace {

struct NotifyArgs {
  std::string mbox, smtp, credentials;
  bool dry_run = false, require_tls = false;
};

}  // namespace

void RegisterNotifyCommand(CLI::App& app, CliContext& ctx) {
  auto na = std::make_shared<NotifyArgs>();
  CLI::App* cmd = app.add_subcommand("notify", "Send the notifications that are due (assignees, alerts list, reporters)");
  cmd->add_option("--mbox", na->mbox, "Append the messages to this mbox file");
  cmd->add_option("--smtp", na->smtp, "Send them through this server: smtp://HOST:PORT (STARTTLS when offered)");
  cmd->add_option("--smtp-credentials", na->credentials, "File holding user:password for the SMTP server");
  cmd->add_flag("--require-tls", na->require_tls, "Refuse to send unless the connection is encrypted");
  cmd->add_flag("--dry-run", na->dry_run, "Show what is due; send and record nothing");
  cmd->callback([&ctx, na] {
    ctx.status = [&]() -> Status {
      if (!na->mbox.empty() && !na->smtp.empty()) return Status::Usage("give --mbox or --smtp, not both");
      if (!na->credentials.empty() && na->smtp.empty()) return Status::Usage("--smtp-credentials needs --smtp");
      PSIRT_ASSIGN_OR_RETURN(RemoteClient * server, ctx.Remote());
      if (server) {  // the server delivers the way it is configured (serve --notify-mbox / --smtp)
        if (!na->mbox.empty() || !na->smtp.empty())
          return Status::Usage("--mbox/--smtp do not apply with --server: the server delivers as it is configured");
        PSIRT_ASSIGN_OR_RETURN(nlohmann::json r, server->Call("POST", na->dry_run ? "/api/v1/notify/dry-run" : "/api/v1/jobs/notify"));
        if (ctx.options.json) {
          ctx.PrintJson(r);
        } else if (na->dry_run) {
          for (const auto& d : r["due"]) std::cout << "due: " << d.value("subject", "") << "\n";
        } else {
          std::cout << "server: notify " << (r.value("ok", false) ? "ok: " : "failed: ") << r.value("message", "") << "\n";
        }
        if (!na->dry_run && !r.value("ok", false)) ctx.exit_code = 1;
        return Status::Ok();
      }
      PSIRT_ASSIGN_OR_RETURN(Workspace * ws, ctx.OpenedWorkspace());
      NotifyOptions o;
      o.mbox = na->mbox;
      o.dry_run = na->dry_run;
      o.smtp.url = na->smtp;
      o.smtp.require_tls = na->require_tls;
      if (!na->credentials.empty()) {
        PSIRT_ASSIGN_OR_RETURN(auto cred, ReadSmtpCredentials(na->credentials));
        o.smtp.username = cred.first;
        o.smtp.password = cred.second;
      }
      NotifyService svc = ws->Notify(ctx.clock);
      PSIRT_ASSIGN_OR_RETURN(NotifyReport r, svc.Run(o));
      if (ctx.options.json) {
        nlohmann::json list = nlohmann::json::array();
        for (const SentNotice& s : r.sent)
          list.push_back({{"kind", s.kind}, {"key", s.key}, {"advisories", s.advisories}, {"to", s.to},
                          {"no_address", s.unknown}, {"subject", s.subject}, {"message_id", s.message_id},
                          {"error", s.error.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.error)}});
        ctx.PrintJson({{"dry_run", na->dry_run}, {"notifications", list}, {"failed", r.failed}});
        if (r.failed) ctx.exit_code = 1;
        return Status::Ok();
      }
      if (r.sent.empty()) std::cout << "nothing is due\n";
      for (const SentNotice& s : r.sent) {
        if (!s.error.empty()) {
          std::cout << "NOT SENT (" << s.kind << ", " << Join(s.advisories, ", ") << "): " << s.error
                    << " (it stays due)\n";
          continue;
        }
        if (s.to.empty()) {
          std::cout << "not sent (" << s.kind << ", " << Join(s.advisories, ", ") << "): no address for "
                    << Join(s.unknown, ", ") << " (notify.addresses in psirt.yml)\n";
          continue;
        }
        std::cout << (na->dry_run ? "due: " : "sent: ") << s.subject << "\n  to " << Join(s.to, ", ") << "\n";
        if (!s.unknown.empty()) std::cout << "  no address for " << Join(s.unknown, ", ") << "\n";
      }
      if (r.failed) ctx.exit_code = 1;  // the others went out; these stay due
      return Status::Ok();
    }();
  });
}

}  // namespace psirt::cli
