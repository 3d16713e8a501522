// `psirt forward ID` and `psirt upstream ID`: a vulnerability in a
// third-party module coordinated with the module's upstream - the report
// sent under embargo to upstream's security contact, and upstream's
// answers (acknowledgement, advisory id, embargo end, where the fix goes)
// recorded as they come.
#include <iostream>

#include "app/module_advisories.h"
#include "app/workspace.h"
#include "base/strings.h"
#include "cli/commands.h"
#include "cli/validators.h"
#include "core/event_payloads.h"
#include "formats/psirt_json.h"

namespace psirt::cli {
namespace {

void PrintChange(CliContext& ctx, AdvisoryService& adv, const Change& c) {
  if (ctx.options.json) {
    ctx.PrintJson(AdvisoryToJson(c.advisory, adv.DeadlinesOf(c.advisory)));
    return;
  }
  for (const Event& e : c.events) std::cout << c.advisory.id << ": " << EscapeControls(ev::DescribeEvent(e), false) << "\n";
}

void RegisterForward(CLI::App& app, CliContext& ctx) {
  struct Args {
    std::string id, module, to, mbox, smtp, credentials;
    bool dry_run = false, require_tls = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("forward", "Send a report about a module to its upstream's security contact, under embargo");
  cmd->add_option("id", a->id, "Advisory: its id, CVE id or GHSA id")->required()->check(AdvisoryIdArg());
  cmd->add_option("--module", a->module, "The module (default: the advisory's, or the one holding its files)");
  cmd->add_option("--to", a->to, "The contact (default: psirt.yml, module.yml, SECURITY.md or security.txt)");
  cmd->add_option("--mbox", a->mbox, "Append the message to this mbox file");
  cmd->add_option("--smtp", a->smtp, "Send it through this server: smtp://HOST:PORT");
  cmd->add_option("--smtp-credentials", a->credentials, "File holding user:password for the SMTP server");
  cmd->add_flag("--require-tls", a->require_tls, "Refuse to send unless the connection is encrypted");
  cmd->add_flag("--dry-run", a->dry_run, "Show the message; send and record nothing");
  cmd->callback([&ctx, a] {
    ctx.status = [&]() -> Status {
      if (ctx.options.server) return Status::Usage("forward reads the module clones here; run it without --server");
      if (!a->mbox.empty() && !a->smtp.empty()) return Status::Usage("give --mbox or --smtp, not both");
      if (!a->credentials.empty() && a->smtp.empty()) return Status::Usage("--smtp-credentials needs --smtp");
      PSIRT_ASSIGN_OR_RETURN(Workspace * ws, ctx.OpenedWorkspace());
      PSIRT_ASSIGN_OR_RETURN(std::string actor, ctx.Actor());
      PSIRT_ASSIGN_OR_RETURN(std::optional<ModuleWorkspace> w, OptionalModuleWorkspace(ws->ModulesManifest(), ws->WestDir()));
      ForwardRequest req{a->module, a->to, a->mbox, SmtpOptions{}, a->dry_run};
      req.smtp.url = a->smtp;
      req.smtp.require_tls = a->require_tls;
      if (!a->credentials.empty()) {
        PSIRT_ASSIGN_OR_RETURN(auto cred, ReadSmtpCredentials(a->credentials));
        req.smtp.username = cred.first;
        req.smtp.password = cred.second;
      }
      AdvisoryService adv = ws->Advisories(ctx.clock);
      PSIRT_ASSIGN_OR_RETURN(ForwardOutcome out, ForwardToUpstream(adv, actor, a->id, req, w ? &*w : nullptr, ctx.clock.Now()));
      if (ctx.options.json) {
        ctx.PrintJson(ForwardOutcomeToJson(out, a->dry_run));
        return Status::Ok();
      }
      std::cout << (a->dry_run ? "would send to " : "sent to ") << out.contact.address << " (from " << out.contact.source
                << "): " << EscapeControls(out.subject, false) << "\n";
      if (a->dry_run) std::cout << "\n" << EscapeControls(out.body, true);
      return Status::Ok();
    }();
  });
}

void RegisterUpstream(CLI::App& app, CliContext& ctx) {
  struct Args {
    std::string id, module, acknowledged, embargo, advisory, route, forwarded_to;
    std::vector<std::string> fixed;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("upstream", "Record what a module's upstream answered (or that it reported to us)");
  cmd->add_option("id", a->id, "Advisory: its id, CVE id or GHSA id")->required()->check(AdvisoryIdArg());
  cmd->add_option("--module", a->module, "The module it concerns (an advisory not linked yet: reported by upstream)");
  cmd->add_option("--acknowledged", a->acknowledged, "Upstream acknowledged on this date (YYYY-MM-DD)")->check(DateArg());
  cmd->add_option("--embargo", a->embargo, "Upstream's embargo end (YYYY-MM-DD); the earlier end applies")->check(DateArg());
  cmd->add_option("--advisory", a->advisory, "Upstream's id for it (GHSA, CVE, its own)");
  cmd->add_option("--route", a->route, "Where the fix goes: upstream (then a manifest bump) or fork (a patch to the fork)")
      ->check(CLI::IsMember({"upstream", "fork"}));
  cmd->add_option("--fixed", a->fixed, "An upstream fix commit or version (repeatable)");
  cmd->add_option("--forwarded-to", a->forwarded_to, "Forwarded by other means (a web form) to this contact, today");
  cmd->callback([&ctx, a] {
    ctx.status = [&]() -> Status {
      if (ctx.options.server) return Status::Usage("upstream reads the module workspace here; run it without --server");
      PSIRT_ASSIGN_OR_RETURN(Workspace * ws, ctx.OpenedWorkspace());
      PSIRT_ASSIGN_OR_RETURN(std::string actor, ctx.Actor());
      PSIRT_ASSIGN_OR_RETURN(std::optional<ModuleWorkspace> w, OptionalModuleWorkspace(ws->ModulesManifest(), ws->WestDir()));
      UpstreamUpdate u;
      u.module = a->module;
      if (!a->acknowledged.empty()) {
        PSIRT_ASSIGN_OR_RETURN(u.acknowledged_on, ParseDateOption("--acknowledged", a->acknowledged));
      }
      if (!a->embargo.empty()) {
        PSIRT_ASSIGN_OR_RETURN(u.embargo_ends, ParseDateOption("--embargo", a->embargo));
      }
      u.advisory = a->advisory;
      u.route = a->route;
      u.fixed = a->fixed;
      u.forwarded_to = a->forwarded_to;
      AdvisoryService adv = ws->Advisories(ctx.clock);
      PSIRT_ASSIGN_OR_RETURN(Change c, RecordUpstream(adv, actor, a->id, u, w ? &*w : nullptr, ctx.clock.Now().date()));
      PrintChange(ctx, adv, c);
      return Status::Ok();
    }();
  });
}

}  // namespace

void RegisterUpstreamCommands(CLI::App& app, CliContext& ctx) {
  RegisterForward(app, ctx);
  RegisterUpstream(app, ctx);
}

}  // namespace psirt::cli
