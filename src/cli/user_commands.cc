// `psirt user add|token|passwd|list|disable`: the server's accounts.
#include <termios.h>
#include <unistd.h>

#include <iostream>

#include "base/strings.h"
#include "cli/commands.h"
#include "cli/client.h"
#include "cli/validators.h"

namespace psirt::cli {
namespace {

// One line from stdin; without echo when it is a terminal.
Result<std::string> ReadSecretLine(const char* prompt) {
  bool tty = ::isatty(STDIN_FILENO);
  termios old{};
  if (tty) {
    std::cerr << prompt << std::flush;
    tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::string line;
  bool got = static_cast<bool>(std::getline(std::cin, line));
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    std::cerr << "\n";
  }
  if (!got) return Status::Invalid("no password given on standard input");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// `psirt user list`: the accounts, from the server (--server) or the workspace.
void RegisterUserList(CLI::App* user, CliContext& ctx) {
  CLI::App* list = user->add_subcommand("list", "List the accounts");
  list->callback([&ctx] {
    ctx.status = [&]() -> Status {
      PSIRT_ASSIGN_OR_RETURN(Client * client, ctx.Client());
      PSIRT_ASSIGN_OR_RETURN(nlohmann::json r, client->Users());
      if (ctx.options.json) {  // UserToJson's rows, here and on a server
        ctx.PrintJson(r);
        return Status::Ok();
      }
      for (const auto& u : r["users"]) {
        std::cout << u.value("name", "") << "\t" << u.value("role", "") << "\t" << u.value("github", "") << "\t"
                  << u.value("email", "") << "\t" << Join(u.value("branches", std::vector<std::string>{}), ",")
                  << (u.value("disabled", false) ? "\tdisabled" : "") << "\n";
      }
      return Status::Ok();
    }();
  });
}

}  // namespace

void RegisterUserCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* user = app.add_subcommand("user", "Accounts of the team server (psirt serve)");
  user->require_subcommand(1);

  struct AddArgs {
    std::string name, role, github, email;
    std::vector<std::string> branches;
  };
  auto a = std::make_shared<AddArgs>();
  CLI::App* add = user->add_subcommand("add", "Create an account");
  add->add_option("name", a->name, "Account name (a-z 0-9 . _ -)")->required();
  add->add_option("--role", a->role, "psirt | maintainer | release-manager | reporter")
      ->required()
      ->check(CLI::IsMember({"psirt", "maintainer", "release-manager", "reporter"}));
  add->add_option("--github", a->github, "GitHub handle (as MAINTAINERS.yml names maintainers)");
  add->add_option("--email", a->email, "E-mail address (a reporter's reports are found by it)");
  add->add_option("--branch", a->branches, "Release branch they manage (repeatable, release managers)")
      ->check(BranchArg());
  add->callback([&ctx, a] {
    ctx.status = [&]() -> Status {
      PSIRT_ASSIGN_OR_RETURN(Client * client, ctx.Client());
      PSIRT_ASSIGN_OR_RETURN(nlohmann::json u, client->AddUser({a->name, *ParseRole(a->role), a->github, a->email, a->branches}));
      if (ctx.options.json) ctx.PrintJson(u);
      else std::cout << "Added " << u.value("name", "") << " (" << u.value("role", "") << ")\n";
      return Status::Ok();
    }();
  });

  auto name = std::make_shared<std::string>();
  CLI::App* token = user->add_subcommand("token", "Issue a new API token (printed once; the old one stops working)");
  token->add_option("name", *name, "Account name")->required();
  token->callback([&ctx, name] {
    ctx.status = [&]() -> Status {
      PSIRT_ASSIGN_OR_RETURN(Client * client, ctx.Client());
      PSIRT_ASSIGN_OR_RETURN(std::string t, client->IssueToken(*name));
      if (ctx.options.json) ctx.PrintJson({{"name", *name}, {"token", t}});
      else std::cout << t << "\n";
      return Status::Ok();
    }();
  });

  auto pname = std::make_shared<std::string>();
  CLI::App* passwd = user->add_subcommand(
      "passwd", "Set the web password (read from the terminal without echo, or one line of stdin)");
  passwd->add_option("name", *pname, "Account name")->required();
  passwd->callback([&ctx, pname] {
    ctx.status = [&]() -> Status {
      PSIRT_ASSIGN_OR_RETURN(Client * client, ctx.Client());
      // On a server, one's own password changes only with the current one
      // (a stolen token alone cannot take the account).
      PSIRT_ASSIGN_OR_RETURN(bool needs_current, client->PasswordNeedsCurrent(*pname));
      std::string current;
      if (needs_current) {
        PSIRT_ASSIGN_OR_RETURN(current, ReadSecretLine("Current password (empty if none yet): "));
      }
      PSIRT_ASSIGN_OR_RETURN(std::string pw, ReadSecretLine("New password: "));
      if (::isatty(STDIN_FILENO)) {
        PSIRT_ASSIGN_OR_RETURN(std::string again, ReadSecretLine("Again: "));
        if (again != pw) return Status::Invalid("the passwords differ");
      }
      PSIRT_RETURN_IF_ERROR(client->SetPassword(*pname, pw, current));
      if (ctx.options.json) ctx.PrintJson({{"name", *pname}, {"password_set", true}, {"signed_out_everywhere", true}});
      else std::cout << "Password set for " << *pname << " (its sessions and API token ended: 'psirt user token' issues a new one)\n";
      return Status::Ok();
    }();
  });

  RegisterUserList(user, ctx);

  auto dname = std::make_shared<std::string>();
  CLI::App* disable = user->add_subcommand("disable", "Disable an account (its token and sessions end)");
  disable->add_option("name", *dname, "Account name")->required();
  disable->callback([&ctx, dname] {
    ctx.status = [&]() -> Status {
      PSIRT_ASSIGN_OR_RETURN(Client * client, ctx.Client());
      PSIRT_RETURN_IF_ERROR(client->DisableUser(*dname));
      if (ctx.options.json) ctx.PrintJson({{"name", *dname}, {"disabled", true}});
      else std::cout << "Disabled " << *dname << "\n";
      return Status::Ok();
    }();
  });
}

}  // namespace psirt::cli
