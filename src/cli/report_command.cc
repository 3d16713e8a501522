// `psirt report`: a new advisory from options or from an e-mail message.
#include <iostream>

#include "app/advisory_service.h"
#include "app/workspace.h"
#include "cli/commands.h"
#include "cli/remote.h"
#include "cli/render.h"
#include "cli/validators.h"
#include "formats/psirt_json.h"

namespace psirt::cli {

void RegisterReportCommand(CLI::App& app, CliContext& ctx) {
  struct Args {
    std::string title, description, reporter, reported_on, email_file;
    bool triage = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("report", "Record a new vulnerability report");
  auto* title = cmd->add_option("--title", a->title, "One-line title")->check(TextArg(text::kTitle));
  auto* desc = cmd->add_option("--description", a->description, "What the reporter found");
  cmd->add_option("--reporter", a->reporter, "\"Name <email>\"")->check(PersonArg());
  cmd->add_option("--reported-on", a->reported_on, "YYYY-MM-DD (default: today, UTC)")->check(DateArg());
  auto* email = cmd->add_option("--from-email", a->email_file,
                                "Read the report from an RFC 5322 message (.eml)");
  cmd->add_flag("--triage", a->triage,
                "Entered by the team: go straight to Triage (reporting.rst)");
  title->excludes(email);
  cmd->footer("With --from-email, a file holding several messages (an mbox) gives one report per\n"
              "message, all or none; --description replaces the body of a single message.");
  cmd->callback([&ctx, a, title, email, desc] {
    ctx.status = [&]() -> Status {
      if (!*title && !*email) return Status::Usage("report needs --title or --from-email FILE");
      PSIRT_ASSIGN_OR_RETURN(RemoteClient * server, ctx.Remote());
      if (server) {
        if (*email) return Status::Usage("report --from-email reads a local file: on a server, use its intake (psirt intake)");
        nlohmann::json body = {{"title", a->title}, {"description", a->description}, {"triage", a->triage}};
        if (!a->reporter.empty()) {
          auto p = ParsePerson(a->reporter);
          if (!p.ok()) return Status::Invalid("--reporter: " + p.status().message());
          body["reporter_name"] = p->name;
          body["reporter_email"] = p->email;
        }
        if (!a->reported_on.empty()) body["reported_on"] = a->reported_on;
        PSIRT_ASSIGN_OR_RETURN(nlohmann::json adv, server->Call("POST", "/api/v1/advisories", body));
        if (ctx.options.json) ctx.PrintJson(adv);
        else
          std::cout << adv.value("id", "") << ": " << adv.value("state", "") << ", acknowledge by "
                    << (adv["acknowledge_by"].is_string() ? adv["acknowledge_by"].get<std::string>() : "unknown") << "\n";
        return Status::Ok();
      }
      PSIRT_ASSIGN_OR_RETURN(Workspace * ws, ctx.OpenedWorkspace());
      PSIRT_ASSIGN_OR_RETURN(std::string actor, ctx.Actor());
      std::optional<Date> on;
      if (!a->reported_on.empty()) {
        PSIRT_ASSIGN_OR_RETURN(on, ParseDateOption("--reported-on", a->reported_on));
      }
      AdvisoryService svc = ws->Advisories(ctx.clock);
      Result<Change> change = Status::Internal("unreachable");
      if (*email) {
        PSIRT_ASSIGN_OR_RETURN(std::string raw, ReadFileText(a->email_file));
        std::optional<std::string> description;
        if (*desc) description = a->description;
        PSIRT_ASSIGN_OR_RETURN(std::vector<Change> changes,
                               svc.ReportFromEmail(actor, raw, a->email_file, on, a->triage, description));
        if (changes.size() != 1) {
          nlohmann::json all = nlohmann::json::array();
          for (const Change& c : changes) {
            if (ctx.options.json) {
              all.push_back(AdvisoryToJson(c.advisory, svc.DeadlinesOf(c.advisory)));
              continue;
            }
            Deadlines d = svc.DeadlinesOf(c.advisory);
            std::cout << c.advisory.id << ": " << StateName(c.advisory.state) << ", " << c.advisory.title
                      << ", acknowledge by " << DateOr(d.acknowledge_by) << "\n";
          }
          if (ctx.options.json) ctx.PrintJson(all);
          return Status::Ok();
        }
        change = std::move(changes[0]);
      } else {
        ReportRequest r;
        r.title = a->title;
        r.description = a->description;
        if (!a->reporter.empty()) {
          auto p = ParsePerson(a->reporter);
          if (!p.ok()) return Status::Invalid("--reporter: " + p.status().message());
          r.reporter = *p;
        }
        r.reported_on = on;
        r.to_triage = a->triage;
        change = svc.Report(actor, r);
      }
      if (!change.ok()) return change.status();
      const Advisory& adv = change->advisory;
      Deadlines d = svc.DeadlinesOf(adv);
      if (ctx.options.json) {
        ctx.PrintJson(AdvisoryToJson(adv, d));
      } else {
        std::cout << adv.id << ": " << StateName(adv.state) << ", acknowledge by "
                  << DateOr(d.acknowledge_by) << ", fix due " << DateOr(d.fix_due)
                  << ", embargo ends " << DateOr(d.embargo_ends) << "\n";
      }
      return Status::Ok();
    }();
  });
}

}  // namespace psirt::cli
