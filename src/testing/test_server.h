// A team server for tests: a workspace with a small MAINTAINERS.yml, one
// account per role, advisories in chosen states, and the server running
// in-process on 127.0.0.1 (any free port), stopped by the destructor.
#pragma once

#include <httplib.h>

#include <sys/types.h>

#include <map>
#include <vector>
#include <memory>
#include <string>
#include <thread>

#include "base/time.h"
#include "server/server.h"
#include "testing/test_support.h"

namespace psirt::testing {

// What a test's team server starts with.
struct TestServerOptions {
  int threads = 4;
  http::ServerLimits limits;  // deadlines and connection caps
  std::string psirt_yml;      // appended to psirt.yml (e.g. a server: section)
  std::string maintainers_extra;  // appended to MAINTAINERS.yml (more areas)
  std::string modules_manifest;   // psirt.yml modules.manifest (an absolute path)
  std::string notify_from;        // psirt.yml notify.from
  std::string repository;         // psirt.yml repository (an absolute path)
  CnaInfo cna;                    // psirt.yml cna
};

// A team server on 127.0.0.1 with a fixture workspace, for tests.
class TestServer {
 public:
  explicit TestServer(TestServerOptions options = {});
  ~TestServer();

  // The API token of an account created by the constructor: psirt,
  // maint-bt (Bluetooth), maint-net (Networking), rm (v3.6-branch),
  // ada (reporter of the Bluetooth report).
  const std::string& Token(const std::string& user) const { return tokens_.at(user); }
  // Advisory ids: "bt" (embargoed, Bluetooth, reported by ada, needs a
  // v3.6-branch backport), "net" (embargoed, Networking, its title holds
  // kSecret), "pub" (Public, Bluetooth), "usb" (embargoed, USB, assigned
  // to usb-lead, a MAINTAINERS.yml handle with no account).
  const std::string& Id(const std::string& name) const { return ids_.at(name); }
  static constexpr const char* kSecret = "ZZSECRETNETWORKINGFLAW";

  httplib::Client Client() const;
  int port() const { return port_; }
  const std::string& root() const { return dir_.path(); }
  Server& server() { return *server_; }
  std::string AccessLog() const { return log_.str(); }
  FixedClock& clock() { return clock_; }
  // Signs `user` in through the web form (password "correct horse battery");
  // returns the session cookie and CSRF token.
  std::pair<std::string, std::string> WebLogin(const std::string& user);

 private:
  TempDir dir_;
  FixedClock clock_;
  std::ostringstream log_;
  std::map<std::string, std::string> tokens_, ids_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  int port_ = 0;
};

// `psirt serve` as a child process on 127.0.0.1 (any free port), its
// stdout readable through `out`, its stderr (the access log) in `log`.
struct ServeProcess {
  pid_t pid = -1;
  int out = -1;
  int port = 0;
};
ServeProcess StartServe(const std::string& workspace, const std::string& log,
                        const std::vector<std::string>& extra_args = {});

}  // namespace psirt::testing
