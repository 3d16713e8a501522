// `psirt report`: a new advisory from options or from an e-mail message.
#include <iostream>

#include "app/advisory_service.h"
#include "app/workspace.h"
#include "cli/commands.h"
#include "cli/client.h"
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
      std::optional<Date> on;
      if (!a->reported_on.empty()) {
        PSIRT_ASSIGN_OR_RETURN(on, ParseDateOption("--reported-on", a->reported_on));
      }
      PSIRT_ASSIGN_OR_RETURN(Client * client, ctx.Client());
      nlohmann::json created;
      if (*email) {
        EmailReport r;
        PSIRT_ASSIGN_OR_RETURN(r.raw, ReadFileText(a->email_file));
        r.file = a->email_file;
        r.reported_on = on;
        r.to_triage = a->triage;
        if (*desc) r.description = a->description;
        PSIRT_ASSIGN_OR_RETURN(created, client->ReportFromEmail(r));
        if (created.size() == 1) created = created[0];  // one message: one advisory, as without --from-email
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
        PSIRT_ASSIGN_OR_RETURN(created, client->Report(r));
      }
      if (ctx.options.json) {
        ctx.PrintJson(created);
        return Status::Ok();
      }
      auto date = [](const nlohmann::json& adv, const char* key) {
        return adv[key].is_string() ? adv[key].get<std::string>() : std::string("unknown");
      };
      if (created.is_array()) {  // an mbox: one line per report
        for (const auto& adv : created)
          std::cout << adv.value("id", "") << ": " << adv.value("state", "") << ", " << adv.value("title", "")
                    << ", acknowledge by " << date(adv, "acknowledge_by") << "\n";
      } else {
        std::cout << created.value("id", "") << ": " << created.value("state", "") << ", acknowledge by "
                  << date(created, "acknowledge_by") << ", fix due " << date(created, "fix_due") << ", embargo ends "
                  << date(created, "embargo_ends") << "\n";
      }
      return Status::Ok();
    }();
  });
}

}  // namespace psirt::cli
