// `psirt notify`: deliver the notifications that are due (mbox or SMTP).
#include <iostream>

#include "app/notify_service.h"
#include "app/workspace.h"
#include "base/strings.h"
#include "cli/commands.h"
#include "cli/client.h"

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
      NotifyRequest request{na->mbox, na->smtp, na->credentials, na->require_tls, na->dry_run};
      PSIRT_ASSIGN_OR_RETURN(Client * client, ctx.Client());
      PSIRT_ASSIGN_OR_RETURN(nlohmann::json r, client->Notify(request));
      if (r.value("failed", 0) > 0) ctx.exit_code = 1;  // the others went out; these stay due
      if (ctx.options.json) {
        ctx.PrintJson(r);
        return Status::Ok();
      }
      const nlohmann::json& sent = r["notifications"];
      if (sent.empty()) std::cout << "nothing is due\n";
      auto list = [](const nlohmann::json& v) { return Join(v.get<std::vector<std::string>>(), ", "); };
      for (const auto& n : sent) {
        if (n["error"].is_string()) {
          std::cout << "NOT SENT (" << n.value("kind", "") << ", " << list(n["advisories"]) << "): "
                    << n["error"].get<std::string>() << " (it stays due)\n";
          continue;
        }
        if (n["to"].empty()) {
          std::cout << "not sent (" << n.value("kind", "") << ", " << list(n["advisories"]) << "): no address for "
                    << list(n["no_address"]) << " (notify.addresses in psirt.yml)\n";
          continue;
        }
        std::cout << (na->dry_run ? "due: " : "sent: ") << n.value("subject", "") << "\n  to " << list(n["to"]) << "\n";
        if (!n["no_address"].empty()) std::cout << "  no address for " << list(n["no_address"]) << "\n";
      }
      return Status::Ok();
    }();
  });
}

}  // namespace psirt::cli
