// Commands on existing advisories: list, show, history, ack, triage,
// assign, fix, cve, credit, note, move, edit.
#include <iostream>

#include "app/advisory_service.h"
#include "app/audience_service.h"
#include "core/identifiers.h"
#include "base/strings.h"
#include "cli/commands.h"
#include "cli/client.h"
#include "cli/render.h"
#include "cli/validators.h"
#include "core/need_to_know.h"
#include "formats/list_query_params.h"
#include "formats/psirt_json.h"

namespace psirt::cli {
namespace {

// Prints what a lifecycle action changed ({"advisory", "events"}).
void PrintChange(CliContext& ctx, const nlohmann::json& answer) {
  const nlohmann::json& events = answer.at("events");
  if (ctx.options.json) {
    nlohmann::json j = answer.at("advisory");
    j["events_added"] = events.size();
    ctx.PrintJson(j);
  } else if (events.empty()) {
    std::cout << answer.at("advisory").value("id", "") << ": no change\n";
  } else {
    for (const nlohmann::json& ej : events) {
      auto e = EventFromJson(ej);
      if (e.ok()) std::cout << e->advisory << ": " << RenderEventLine(*e) << "\n";
    }
  }
}

// Runs the lifecycle action `action` (app/action_binder.h) on `ref` with
// `fields`, here or on the server, and prints what changed.
Status RunAction(CliContext& ctx, std::string_view action, const std::string& ref, const nlohmann::json& fields) {
  PSIRT_ASSIGN_OR_RETURN(Client * client, ctx.Client());
  PSIRT_ASSIGN_OR_RETURN(nlohmann::json answer, client->Act(ref, *FindAction(action), fields));
  PrintChange(ctx, answer);
  return Status::Ok();
}

template <typename F>
void Run(CliContext& ctx, F&& f) {
  ctx.status = f();
}

// `psirt list [--state S]... [--area A]... [--assignee H]... [--severity S]...
// [--text WORDS] [--unfixed] [--sort id|updated|severity|deadline]`
struct ListArgs {
  std::vector<std::string> states, areas, assignees, severities;
  std::string text, sort;
  bool unfixed = false;

  Result<ListQuery> Query() const {
    ListQuery q;
    for (const std::string& s : states) {
      auto st = ParseState(s);
      if (!st)
        return Status::Usage("--state: unknown state '" + Shown(s) +
                             "' (expected New, Triage, Assigned, Review, Accepted, Public or Rejected)");
      q.states.push_back(*st);
    }
    q.areas = areas;
    q.assignees = assignees;
    for (const std::string& s : severities) {
      auto sev = ParseSeverityFilter(s);
      if (!sev.ok()) return Status::Usage("--" + sev.status().message());
      q.severities.push_back(*sev);
    }
    q.text = text;
    q.unfixed = unfixed;
    if (!sort.empty()) {
      auto so = ParseListSort(sort);
      if (!so.ok()) return Status::Usage("--" + so.status().message());
      q.sort = *so;
    }
    return q;
  }
};

void RegisterList(CLI::App& app, CliContext& ctx) {
  auto a = std::make_shared<ListArgs>();
  CLI::App* list = app.add_subcommand("list", "List advisories (filters combine; a repeated filter means any of its values)");
  list->add_option("--state", a->states, "Only advisories in this state (repeatable)")->check(StateArg());
  list->add_option("--area", a->areas, "Only advisories touching this MAINTAINERS.yml area (repeatable)");
  list->add_option("--assignee", a->assignees, "Only advisories assigned to this handle; 'none': unassigned (repeatable)");
  list->add_option("--severity", a->severities, "Only this CVSS severity: none, low, medium, high, critical (repeatable)");
  list->add_option("--text", a->text, "Only advisories whose title or ids (advisory, CVE, GHSA) hold every word");
  list->add_flag("--unfixed", a->unfixed, "Only advisories without a fix, or with a fix missing on a policy branch");
  list->add_option("--sort", a->sort, "Order: id (default), updated (latest first), severity (highest first), deadline");
  list->callback([&ctx, a] {
    Run(ctx, [&]() -> Status {
      PSIRT_ASSIGN_OR_RETURN(ListQuery q, a->Query());
      PSIRT_ASSIGN_OR_RETURN(Client * client, ctx.Client());
      PSIRT_ASSIGN_OR_RETURN(nlohmann::json rows, client->List(q));
      if (ctx.options.json) ctx.PrintJson(rows);
      else std::cout << RenderList(rows);
      return Status::Ok();
    });
  });
}

// `psirt show ID`
void RegisterShow(CLI::App& app, CliContext& ctx) {
  auto show_id = std::make_shared<std::string>();
  CLI::App* show = app.add_subcommand("show", "Show one advisory");
  show->add_option("id", *show_id, "Advisory: its id, CVE id or GHSA id")->required()->check(AdvisoryIdArg());
  show->callback([&ctx, show_id] {
    Run(ctx, [&]() -> Status {
      PSIRT_ASSIGN_OR_RETURN(Client * client, ctx.Client());
      PSIRT_ASSIGN_OR_RETURN(nlohmann::json j, client->Get(*show_id));
      if (ctx.options.json) {
        ctx.PrintJson(j);
        return Status::Ok();
      }
      // The advisory folded from the history this caller is shown.
      PSIRT_ASSIGN_OR_RETURN(std::vector<Event> events, client->History(*show_id));
      auto a = Fold(events);
      if (!a.ok()) {  // an outsider's view of a Public advisory: its published fields
        ctx.PrintJson(j);
        return Status::Ok();
      }
      Deadlines d;
      for (auto [key, field] : {std::pair{"acknowledge_by", &d.acknowledge_by}, {"fix_due", &d.fix_due},
                                {"embargo_ends", &d.embargo_ends}})
        if (j[key].is_string())
          if (auto date = Date::Parse(j[key].get<std::string>()); date.ok()) *field = *date;
      std::cout << RenderAdvisory(*a, d);
      return Status::Ok();
    });
  });
}

// `psirt history ID`
void RegisterHistory(CLI::App& app, CliContext& ctx) {
  auto hist_id = std::make_shared<std::string>();
  CLI::App* history = app.add_subcommand("history", "Print an advisory's event history");
  history->add_option("id", *hist_id, "Advisory: its id, CVE id or GHSA id")->required()->check(AdvisoryIdArg());
  history->callback([&ctx, hist_id] {
    Run(ctx, [&]() -> Status {
      PSIRT_ASSIGN_OR_RETURN(Client * client, ctx.Client());
      PSIRT_ASSIGN_OR_RETURN(std::vector<Event> events, client->History(*hist_id));
      if (ctx.options.json) {
        nlohmann::json out = nlohmann::json::array();
        for (const Event& e : events) out.push_back(EventToJson(e));
        ctx.PrintJson(out);
      } else {
        std::cout << RenderHistory(events);
      }
      return Status::Ok();
    });
  });
}

// `psirt who-can-see ID`
void RegisterWhoCanSee(CLI::App& app, CliContext& ctx) {
  auto wcs_id = std::make_shared<std::string>();
  CLI::App* wcs = app.add_subcommand("who-can-see", "The need-to-know list of an advisory");
  wcs->add_option("id", *wcs_id, "Advisory: its id, CVE id or GHSA id")->required()->check(AdvisoryIdArg());
  wcs->callback([&ctx, wcs_id] {
    Run(ctx, [&]() -> Status {
      PSIRT_ASSIGN_OR_RETURN(Client * client, ctx.Client());
      PSIRT_ASSIGN_OR_RETURN(nlohmann::json j, client->Audience(*wcs_id));
      if (ctx.options.json) {
        ctx.PrintJson(j);
      } else {
        for (const auto& e : j["need_to_know"])
          std::cout << e.value("who", "") << "  (" << e.value("why", "") << ")\n";
      }
      return Status::Ok();
    });
  });
}

// `psirt ack ID`
void RegisterAck(CLI::App& app, CliContext& ctx) {
  auto ack_id = std::make_shared<std::string>();
  CLI::App* ack = app.add_subcommand("ack", "Record that the reporter was acknowledged");
  ack->add_option("id", *ack_id, "Advisory: its id, CVE id or GHSA id")->required()->check(AdvisoryIdArg());
  ack->callback([&ctx, ack_id] {
    Run(ctx, [&] {
      return RunAction(ctx, "ack", *ack_id, nlohmann::json::object());
    });
  });
}

// `psirt triage ID ...`
void RegisterTriage(CLI::App& app, CliContext& ctx) {
  struct TriageArgs {
    std::string id, cvss, subsystem;
    std::vector<std::string> cwes, files;
  };
  auto ta = std::make_shared<TriageArgs>();
  CLI::App* triage = app.add_subcommand("triage", "Record triage results");
  triage->add_option("id", ta->id, "Advisory: its id, CVE id or GHSA id")->required()->check(AdvisoryIdArg());
  auto* o_cvss = triage->add_option("--cvss", ta->cvss, "CVSS vector")->check(CvssArg());
  auto* o_cwe = triage->add_option("--cwe", ta->cwes, "CWE id, e.g. CWE-787 (repeatable)")->check(CweArg());
  auto* o_file = triage->add_option("--file", ta->files, "Affected file (repeatable)")->check(TextArg(text::kFile));
  auto* o_sub = triage->add_option("--subsystem", ta->subsystem, "Affected subsystem")->check(TextArg(text::kSubsystem));
  triage->callback([&ctx, ta, o_cvss, o_cwe, o_file, o_sub] {
    Run(ctx, [&]() -> Status {
      if (!*o_cvss && !*o_cwe && !*o_file && !*o_sub)
        return Status::Usage("triage needs at least one of --cvss, --cwe, --file, --subsystem");
      // Files: the advisory service knows their areas (MAINTAINERS.yml).
      nlohmann::json body = nlohmann::json::object();
      if (*o_cvss) body["cvss"] = ta->cvss;
      if (*o_cwe) body["cwes"] = ta->cwes;
      if (*o_file) body["files"] = ta->files;
      if (*o_sub) body["subsystem"] = ta->subsystem;
      return RunAction(ctx, "triage", ta->id, body);
    });
  });
}

// `psirt assign ID USER`
void RegisterAssign(CLI::App& app, CliContext& ctx) {
  auto as = std::make_shared<std::pair<std::string, std::string>>();
  CLI::App* assign = app.add_subcommand("assign", "Assign an advisory (Triage moves to Assigned)");
  assign->add_option("id", as->first, "Advisory: its id, CVE id or GHSA id")->required()->check(AdvisoryIdArg());
  assign->add_option("user", as->second, "Assignee")->required()->check(TextArg(TextRule{"user", false, 256}));
  assign->callback([&ctx, as] {
    Run(ctx, [&] {
      return RunAction(ctx, "assign", as->first, {{"user", as->second}});
    });
  });
}

// `psirt fix ID (--pr N | --commit SHA) [--branch B]`
void RegisterFix(CLI::App& app, CliContext& ctx) {
  struct FixArgs {
    std::string id, pr, commit, branch;
  };
  auto fa = std::make_shared<FixArgs>();
  CLI::App* fix = app.add_subcommand("fix", "Link a fix (pull request or commit)");
  fix->add_option("id", fa->id, "Advisory: its id, CVE id or GHSA id")->required()->check(AdvisoryIdArg());
  auto* o_pr = fix->add_option("--pr", fa->pr, "Pull request number")->check(PrArg());
  auto* o_commit = fix->add_option("--commit", fa->commit, "Commit SHA")->check(ShaArg());
  fix->add_option("--branch", fa->branch, "Target branch (default: the main branch)")->check(BranchArg());
  o_pr->excludes(o_commit);
  fix->callback([&ctx, fa, o_pr, o_commit] {
    Run(ctx, [&]() -> Status {
      if (!*o_pr && !*o_commit) return Status::Usage("fix needs --pr N or --commit SHA");
      nlohmann::json body = {{*o_pr ? "pr" : "commit", *o_pr ? fa->pr : fa->commit}};
      if (!fa->branch.empty()) body["branch"] = fa->branch;
      return RunAction(ctx, "fix", fa->id, body);
    });
  });
}

// `psirt cve ID CVE` and `psirt cve ID --assign-reserved`; the CVE
// Services subcommands (reserve, publish, ...) are in cve_command.cc.
void RegisterCve(CLI::App& app, CliContext& ctx) {
  struct CveArgs {
    std::string id, cve, reason;
    bool assign_reserved = false;
  };
  auto ca = std::make_shared<CveArgs>();
  CLI::App* cve = app.add_subcommand(
      "cve", "Record an advisory's CVE id (by hand, or --assign-reserved from the pool), or work with CVE Services");
  cve->add_option("id", ca->id, "Advisory: its id, CVE id or GHSA id")->check(AdvisoryIdArg());
  cve->add_option("cve", ca->cve, "CVE-YYYY-NNNN")->check(CveArg());
  cve->add_flag("--assign-reserved", ca->assign_reserved, "Give the advisory the next free id of the reserved pool");
  cve->add_option("--reason", ca->reason, "Why an assigned CVE id changes (kept in the history)")
      ->check(TextArg(text::kReason));
  RegisterCveServices(cve, ctx);
  cve->callback([&ctx, ca, cve] {
    if (!cve->get_subcommands().empty()) return;  // a CVE Services subcommand ran
    if (ca->id.empty() || (ca->cve.empty() == !ca->assign_reserved)) {
      ctx.status = Status::Usage("cve: give ID CVE-YYYY-NNNN, ID --assign-reserved, or a subcommand (reserve, publish, "
                                 "update-all, reject, list, quota, pool)");
      return;
    }
    if (ca->assign_reserved) {
      Run(ctx, [&]() -> Status {
        PSIRT_ASSIGN_OR_RETURN(std::string given, AssignReservedCve(ctx, ca->id));
        if (ctx.options.json) ctx.PrintJson({{"advisory", ca->id}, {"cve", given}});
        else std::cout << ca->id << "  " << given << "\n";
        return Status::Ok();
      });
      return;
    }
    Run(ctx, [&] {
      nlohmann::json body = {{"cve", ca->cve}};
      if (!ca->reason.empty()) body["reason"] = ca->reason;
      return RunAction(ctx, "cve", ca->id, body);
    });
  });
}

// `psirt credit ID NAME [--type T]`
void RegisterCredit(CLI::App& app, CliContext& ctx) {
  struct CreditArgs {
    std::string id, name, type{kDefaultCreditType};
  };
  auto cr = std::make_shared<CreditArgs>();
  CLI::App* credit = app.add_subcommand("credit", "Credit a person");
  credit->add_option("id", cr->id, "Advisory: its id, CVE id or GHSA id")->required()->check(AdvisoryIdArg());
  credit->add_option("name", cr->name, "Name to credit")->required()->check(TextArg(TextRule{"name", false, 256}));
  credit->add_option("--type", cr->type,
                     "finder, reporter, analyst, coordinator, remediation-developer, "
                     "remediation-reviewer, remediation-verifier, tool, sponsor, other")
      ->check(CreditTypeArg());
  credit->callback([&ctx, cr] {
    Run(ctx, [&] {
      return RunAction(ctx, "credit", cr->id, {{"name", cr->name}, {"type", cr->type}});
    });
  });
}

// `psirt note ID TEXT`
void RegisterNote(CLI::App& app, CliContext& ctx) {
  auto na = std::make_shared<std::pair<std::string, std::string>>();
  CLI::App* note = app.add_subcommand("note", "Add a note");
  note->add_option("id", na->first, "Advisory: its id, CVE id or GHSA id")->required()->check(AdvisoryIdArg());
  note->add_option("text", na->second, "Text")->required()->check(TextArg(text::kNote));
  note->callback([&ctx, na] {
    Run(ctx, [&] {
      return RunAction(ctx, "note", na->first, {{"text", na->second}});
    });
  });
}

// `psirt move ID STATE [--reason R] [--no-cve R] [--early R]`
void RegisterMove(CLI::App& app, CliContext& ctx) {
  struct MoveArgs {
    std::string id, state, reason, no_cve, early;
  };
  auto ma = std::make_shared<MoveArgs>();
  CLI::App* move = app.add_subcommand("move", "Move an advisory to another state");
  move->add_option("id", ma->id, "Advisory: its id, CVE id or GHSA id")->required()->check(AdvisoryIdArg());
  move->add_option("state", ma->state, "Target state")->required()->check(StateArg());
  move->add_option("--reason", ma->reason, "Why (required for Rejected)")->check(TextArg(text::kReason));
  move->add_option("--no-cve", ma->no_cve, "Publish without a CVE id, because REASON")->check(TextArg(text::kReason));
  move->add_option("--early", ma->early, "Publish before the embargo ends, because REASON")->check(TextArg(text::kReason));
  move->callback([&ctx, ma] {
    Run(ctx, [&]() -> Status {
      auto to = ParseState(ma->state);
      if (!to)
        return Status::Usage("unknown state '" + ma->state +
                             "' (expected New, Triage, Assigned, Review, Accepted, Public or "
                             "Rejected)");
      return RunAction(ctx, "move", ma->id, {{"state", ma->state}, {"reason", ma->reason}, {"no_cve", ma->no_cve}, {"early", ma->early}});
    });
  });
}

// `psirt edit ID ...`
void RegisterEdit(CLI::App& app, CliContext& ctx) {
  struct EditArgs {
    std::string id, title, description, ghsa, embargo, reason, introduced, reporter;
    bool clear_embargo = false, confirm_reporter = false;
  };
  auto ea = std::make_shared<EditArgs>();
  CLI::App* edit = app.add_subcommand("edit", "Change title, description, reporter, GHSA id or embargo date");
  edit->add_option("id", ea->id, "Advisory: its id, CVE id or GHSA id")->required()->check(AdvisoryIdArg());
  auto* e_title = edit->add_option("--title", ea->title, "New title")->check(TextArg(text::kTitle));
  auto* e_desc = edit->add_option("--description", ea->description, "New description");
  auto* e_rep = edit->add_option("--reporter", ea->reporter, "The reporter: \"Name <email>\"")->check(PersonArg());
  auto* e_ghsa = edit->add_option("--ghsa", ea->ghsa, "GitHub advisory id GHSA-xxxx-xxxx-xxxx")->check(GhsaArg());
  auto* e_intro = edit->add_option("--introduced-by", ea->introduced,
                                   "Commit that introduced the bug (branches without it are not affected)")
                     ->check(ShaArg());
  auto* e_emb = edit->add_option("--embargo-ends", ea->embargo, "Explicit embargo end YYYY-MM-DD")->check(DateArg());
  auto* e_clear = edit->add_flag("--clear-embargo", ea->clear_embargo,
                                 "Back to reported-on + embargo_days");
  edit->add_option("--reason", ea->reason, "Why the embargo changes")->check(TextArg(text::kReason));
  edit->add_flag("--confirm-reporter", ea->confirm_reporter,
                 "The reporter's address is known to be theirs: their reporter account may see the report "
                 "(reports from the web form and e-mail are unconfirmed until then)");
  e_emb->excludes(e_clear);
  edit->callback([&ctx, ea, e_title, e_desc, e_ghsa, e_emb, e_intro, e_rep] {
    Run(ctx, [&]() -> Status {
      EditRequest r;
      if (*e_title) r.title = ea->title;
      if (*e_desc) r.description = ea->description;
      if (*e_rep) r.reporter = *ParsePerson(ea->reporter);
      if (*e_ghsa) r.ghsa = ea->ghsa;
      if (*e_intro) r.introduced_by = ea->introduced;
      if (*e_emb) {
        PSIRT_ASSIGN_OR_RETURN(Date d, ParseDateOption("--embargo-ends", ea->embargo));
        r.embargo_ends = d;
      }
      r.clear_embargo = ea->clear_embargo;
      r.confirm_reporter = ea->confirm_reporter;
      r.reason = ea->reason;
      if (!r.title && !r.description && !r.ghsa && !r.embargo_ends && !r.clear_embargo &&
          !r.introduced_by && !r.reporter && !r.confirm_reporter)
        return Status::Usage(
            "edit needs one of --title, --description, --reporter, --ghsa, --introduced-by, --embargo-ends, "
            "--clear-embargo, --confirm-reporter");
      nlohmann::json body = nlohmann::json::object();
      if (r.title) body["title"] = *r.title;
      if (r.description) body["description"] = *r.description;
      if (r.reporter) {
        body["reporter_name"] = r.reporter->name;
        body["reporter_email"] = r.reporter->email;
      }
      if (r.ghsa) body["ghsa"] = *r.ghsa;
      if (r.introduced_by) body["introduced_by"] = *r.introduced_by;
      if (r.embargo_ends) body["embargo_ends"] = r.embargo_ends->ToString();
      if (r.clear_embargo) body["clear_embargo"] = true;
      if (r.confirm_reporter) body["reporter_confirmed"] = true;
      if (!r.reason.empty()) body["reason"] = r.reason;
      return RunAction(ctx, "edit", ea->id, body);
    });
  });
}

}  // namespace

void RegisterAdvisoryCommands(CLI::App& app, CliContext& ctx) {
  RegisterList(app, ctx);
  RegisterShow(app, ctx);
  RegisterHistory(app, ctx);
  RegisterWhoCanSee(app, ctx);
  RegisterAck(app, ctx);
  RegisterTriage(app, ctx);
  RegisterAssign(app, ctx);
  RegisterFix(app, ctx);
  RegisterCve(app, ctx);
  RegisterCredit(app, ctx);
  RegisterNote(app, ctx);
  RegisterMove(app, ctx);
  RegisterEdit(app, ctx);
}

}  // namespace psirt::cli
