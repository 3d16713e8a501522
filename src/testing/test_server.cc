// The in-process test server.
#include "testing/test_server.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>

#include <fstream>
#include <regex>

#include "app/account_service.h"
#include "app/advisory_service.h"
#include "app/workspace.h"

extern char** environ;

namespace psirt::testing {
namespace {

void Check(const Status& st) {
  if (!st.ok()) throw std::runtime_error(st.ToString());
}
template <typename T>
T Check(Result<T> r) {
  if (!r.ok()) throw std::runtime_error(r.status().ToString());
  return std::move(r).value();
}

}  // namespace

TestServer::TestServer(TestServerOptions options) : clock_(Timestamp::StartOf(*Date::Parse("2026-11-20"))) {
  WriteFile(dir_ / "MAINTAINERS.yml",
            "Bluetooth:\n  status: maintained\n  maintainers:\n    - maint-bt\n  files:\n    - subsys/bluetooth/\n"
            "Networking:\n  status: maintained\n  maintainers:\n    - maint-net\n  files:\n    - subsys/net/\n"
            "USB:\n  status: maintained\n  maintainers:\n    - usb-lead\n  files:\n    - subsys/usb/\n" +
                options.maintainers_extra);
  InitOptions init;
  init.config.project = "testproj";
  init.config.advisory_prefix = "PSIRT";
  init.config.maintainers = "MAINTAINERS.yml";
  init.config.modules.manifest = options.modules_manifest;
  init.config.notify.from = options.notify_from;
  init.config.cna = options.cna;
  if (!options.repository.empty()) init.config.repository = options.repository;
  Workspace ws = Check(InitWorkspace(dir_.path(), init));
  if (!options.psirt_yml.empty()) {
    std::ofstream(dir_ / "psirt.yml", std::ios::app) << options.psirt_yml;
    ws = Check(OpenWorkspace(dir_.path()));
  }
  AccountService accounts = ws.Accounts(clock_);
  struct U {
    const char* name;
    Role role;
    const char* github;
    const char* email;
    std::vector<std::string> branches;
  };
  for (const U& u : {U{"psirt", Role::kPsirt, "lead", "", {}}, U{"maint-bt", Role::kMaintainer, "maint-bt", "", {}},
                     U{"maint-net", Role::kMaintainer, "maint-net", "", {}},
                     U{"rm", Role::kReleaseManager, "rm", "", {"v3.6-branch"}},
                     U{"ada", Role::kReporter, "", "ada@research.example", {}}}) {
    Check(accounts.Add({u.name, u.role, u.github, u.email, u.branches}));
    // A password first: setting one signs the account out everywhere.
    if (u.role != Role::kReleaseManager && u.role != Role::kReporter)
      Check(accounts.SetPassword(u.name, "correct horse battery"));
    tokens_[u.name] = Check(accounts.IssueToken(u.name));
  }
  AdvisoryService svc = ws.Advisories(clock_);
  auto report = [&](const std::string& title, Person who, const std::string& file) {
    ReportRequest r;
    r.title = title;
    r.description = "details of " + title;
    r.reporter = who;
    r.reported_on = *Date::Parse("2026-11-01");
    r.to_triage = true;
    std::string id = Check(svc.Report("lead", r)).advisory.id;
    TriageRequest t;
    t.files = std::vector<std::string>{file};
    Check(svc.Triage("lead", id, t).status());
    return id;
  };
  ids_["bt"] = report("Overflow in Bluetooth L2CAP", {"Ada", "ada@research.example"}, "subsys/bluetooth/l2cap.c");
  FixFacts facts;
  FixFacts::Branch b;
  b.facts.branch = "v3.6-branch";
  b.facts.required = true;
  b.status = BranchStatus::kMissing;
  facts.branches.push_back(b);
  Check(svc.RecordSync("sync", ids_["bt"], facts).status());
  ids_["net"] = report(std::string("Networking flaw ") + kSecret, {"Eve", "eve@elsewhere.example"}, "subsys/net/ip.c");
  ids_["pub"] = report("Public Bluetooth bug", {"Bo", "bo@research.example"}, "subsys/bluetooth/hci.c");
  ids_["usb"] = report("USB descriptor overflow", {"Cy", "cy@research.example"}, "subsys/usb/device.c");
  Check(svc.Assign("lead", ids_["usb"], "usb-lead").status());
  Check(svc.Assign("lead", ids_["pub"], "lead").status());
  Fix f;
  f.kind = Fix::Kind::kPr;
  f.ref = "1234";
  Check(svc.LinkFix("lead", ids_["pub"], f).status());
  for (State s : {State::kReview, State::kAccepted})
    Check(svc.Move("lead", ids_["pub"], MoveRequest{s, "", "", ""}).status());
  Check(svc.Move("lead", ids_["pub"], MoveRequest{State::kPublic, "", "no CVE for a test", "published early for a test"}).status());

  ServerOptions o;
  o.port = 0;
  o.threads = options.threads;
  o.limits = options.limits;
  o.access_log = &log_;
  server_ = Check(Server::Create(dir_.path(), o, clock_));
  port_ = Check(server_->Bind());
  thread_ = std::thread([this] { (void)server_->Serve(); });
}

TestServer::~TestServer() {
  server_->Stop();
  thread_.join();
}

httplib::Client TestServer::Client() const {
  httplib::Client c("127.0.0.1", port_);
  c.set_read_timeout(30, 0);
  return c;
}

std::pair<std::string, std::string> TestServer::WebLogin(const std::string& user) {
  httplib::Client c = Client();
  auto form = c.Get("/login");
  std::string set = form->get_header_value("Set-Cookie");
  std::string cookie = set.substr(0, set.find(';'));
  std::smatch m;
  std::regex_search(form->body, m, std::regex("name=\"csrf\" value=\"([^\"]+)\""));
  httplib::Headers h = {{"Cookie", cookie}};
  auto res = c.Post("/login", h, "name=" + user + "&password=correct+horse+battery&csrf=" + m[1].str(),
                    "application/x-www-form-urlencoded");
  std::string s = res->get_header_value("Set-Cookie");
  std::string session = s.substr(0, s.find(';'));
  auto page = c.Get("/", {{"Cookie", session}});
  std::regex_search(page->body, m, std::regex("name=\"csrf\" value=\"([^\"]+)\""));
  return {session, m[1].str()};
}

ServeProcess StartServe(const std::string& ws, const std::string& log, const std::vector<std::string>& extra_args) {
  int fds[2];
  EXPECT_EQ(pipe(fds), 0);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
  posix_spawn_file_actions_addopen(&fa, 2, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addclose(&fa, fds[0]);
  std::string bin = PsirtBinary();
  std::vector<std::string> args = {bin, "--workspace", ws, "serve", "--listen", "127.0.0.1:0", "--threads", "4"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  ServeProcess c;
  EXPECT_EQ(posix_spawn(&c.pid, bin.c_str(), &fa, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&fa);
  close(fds[1]);
  c.out = fds[0];
  std::string line;
  char ch;
  while (read(c.out, &ch, 1) == 1 && ch != '\n') line += ch;
  auto colon = line.rfind(':');
  if (colon != std::string::npos) c.port = std::atoi(line.c_str() + colon + 1);
  EXPECT_GT(c.port, 0) << "psirt serve said: " << line << " (log: " << ReadFile(log) << ")";
  return c;
}

}  // namespace psirt::testing
