// Demo data generation through the same services the CLI uses.
#include "app/demo.h"

#include <filesystem>

#include "app/advisory_service.h"
#include "app/owners_service.h"
#include "app/sync_service.h"
#include "app/workspace.h"
#include "git/repo_writer.h"

namespace psirt {
namespace {

namespace fs = std::filesystem;

constexpr const char* kMaintainers = R"(# Ownership of the tinyrtos tree (get_maintainer.py format).
Kernel:
  status: maintained
  maintainers:
    - kernel-lead
  collaborators:
    - sched-dev
  files:
    - kernel/
    - include/kernel.h
  labels:
    - "area: Kernel"

Networking:
  status: maintained
  maintainers:
    - net-lead
  collaborators:
    - ip-dev
  files:
    - subsys/net/
  files-exclude:
    - subsys/net/lib/
  labels:
    - "area: Networking"

Networking Libraries:
  status: odd fixes
  maintainers:
    - netlib-dev
  files:
    - subsys/net/lib/
  labels:
    - "area: Networking"

USB:
  status: maintained
  maintainers:
    - usb-lead
  files-regex:
    - ^drivers/usb/.*\.c$
  files:
    - include/usb/
  labels:
    - "area: USB"

Bluetooth Host:
  status: maintained
  maintainers:
    - bt-lead
  collaborators:
    - bt-dev
  files:
    - subsys/bluetooth/host/
  labels:
    - "area: Bluetooth Host"

Security:
  status: maintained
  maintainers:
    - psirt-chair
  files:
    - doc/security/
  labels:
    - "area: Security"
)";

std::string Source(const std::string& name, int revision) {
  return "/* " + name + " - tinyrtos demo source, revision " + std::to_string(revision) +
         " */\n#include <kernel.h>\n\nint " + name + "_init(void)\n{\n\treturn 0;\n}\n";
}

// A step's outcome as a Status (the demo stops at the first failure).
template <class R>
Status Done(const R& result) {
  return result.ok() ? Status::Ok() : result.status();
}

// The project's repository: releases on main and their branches, an LTS
// maintenance release, a fix merged by PR and backported with -x. Returns
// the fix's commit.
Result<std::string> DemoRepository(DemoSummary& out, Date today) {
  // ---- the project's repository ------------------------------------------
  PSIRT_ASSIGN_OR_RETURN(git::RepoWriter repo, git::RepoWriter::Init(out.repository, "main"));
  Timestamp t = Timestamp::StartOf(today.AddDays(-400));
  auto commit = [&](const std::string& branch, std::map<std::string, std::string> files,
                    const std::string& msg, int days_later) -> Result<std::string> {
    t = Timestamp::FromUnix(t.unix_seconds() + days_later * 86400 + 3600);
    git::RepoWriter::CommitSpec spec;
    spec.branch = branch;
    spec.files = std::move(files);
    spec.message = msg;
    spec.time = t;
    ++out.commits;
    return repo.Commit(spec);
  };
  const char* modules[] = {"sched", "ipv4", "usb_device", "l2cap", "dns_resolve"};
  const char* paths[] = {"kernel/sched.c", "subsys/net/ip/ipv4.c", "drivers/usb/device.c",
                         "subsys/bluetooth/host/l2cap.c", "subsys/net/lib/dns/resolve.c"};
  std::map<std::string, std::string> initial = {
      {"README.rst", "tinyrtos: a demo RTOS for psirt\n"},
      {"MAINTAINERS.yml", kMaintainers},
      {"CMakeLists.txt", "cmake_minimum_required(VERSION 3.20)\nproject(tinyrtos C)\n"},
      {"include/kernel.h", "#pragma once\n"},
      {"include/usb/usb_ch9.h", "#pragma once\n/* USB chapter 9 definitions */\n"},
      {"doc/security/index.rst", "Security\n########\n\nReport vulnerabilities privately.\n"},
      {"VERSION", "VERSION_MAJOR = 1\nVERSION_MINOR = 0\nPATCHLEVEL = 0\n"}};
  for (int i = 0; i < 5; ++i) initial[paths[i]] = Source(modules[i], 0);
  initial["subsys/net/ip/ipv6.c"] = Source("ipv6", 0);
  PSIRT_ASSIGN_OR_RETURN(std::string root, commit("main", initial, "Initial import\n", 0));
  (void)root;

  // Three release cycles on main, each ending in a tag and a release branch.
  struct Release {
    int minor_major;
    const char* tag;
    const char* branch;
  };
  const Release releases[] = {{10, "v1.0.0", "v1.0-branch"},
                              {11, "v1.1.0", "v1.1-branch"},
                              {12, "v1.2.0", "v1.2-branch"},
                              {20, "v2.0.0", "v2.0-branch"}};
  int rev = 1;
  std::string l2cap_fixed;
  for (const Release& r : releases) {
    if (std::string(r.tag) == "v2.0.0") {
      // PR #87 (the L2CAP fix) merged with a merge commit before v2.0.0.
      PSIRT_ASSIGN_OR_RETURN(std::string base, repo.Tip("main"));
      PSIRT_RETURN_IF_ERROR(repo.Branch("l2cap-fix", base));
      l2cap_fixed = Source(modules[3], 300) + "/* check the echo request length */\n";
      PSIRT_ASSIGN_OR_RETURN(std::string pr87,
                             commit("l2cap-fix", {{paths[3], l2cap_fixed}},
                                    "bluetooth: l2cap: check echo request length\n", 1));
      PSIRT_RETURN_IF_ERROR(repo.Ref("refs/pull/87/head", pr87));
      git::RepoWriter::CommitSpec merge;
      merge.branch = "main";
      merge.message = "Merge pull request #87 from ada/l2cap-fix\n";
      merge.time = t = Timestamp::FromUnix(t.unix_seconds() + 3600);
      merge.second_parent = pr87;
      merge.files = {{paths[3], l2cap_fixed}};
      PSIRT_ASSIGN_OR_RETURN(std::string m, repo.Commit(merge));
      (void)m;
      PSIRT_RETURN_IF_ERROR(repo.DeleteBranch("l2cap-fix"));  // as GitHub does after a merge
      ++out.commits;
    }
    for (int i = 0; i < 5; ++i) {
      PSIRT_ASSIGN_OR_RETURN(std::string sha, commit("main", {{paths[i], Source(modules[i], rev++)}},
                                                     std::string(modules[i]) + ": improvements\n",
                                                     4));
      (void)sha;
    }
    PSIRT_ASSIGN_OR_RETURN(std::string tip, repo.Tip("main"));
    PSIRT_RETURN_IF_ERROR(repo.Tag(r.tag, tip, t));
    PSIRT_RETURN_IF_ERROR(repo.Branch(r.branch, tip));
  }
  // A maintenance release on the LTS branch.
  PSIRT_ASSIGN_OR_RETURN(std::string lts_fix,
                         commit("v1.0-branch", {{paths[0], Source(modules[0], 100)}},
                                "sched: fix priority inversion\n", 2));
  PSIRT_RETURN_IF_ERROR(repo.Tag("v1.0.1", lts_fix, t));

  // The fix of an embargoed IPv4 bug: a PR, merged to main, backported with -x.
  std::string fixed_ipv4 = Source(modules[1], 200) + "/* validate header length */\n";
  PSIRT_ASSIGN_OR_RETURN(std::string fix_sha,
                         commit("main", {{paths[1], fixed_ipv4}},
                                "net: ipv4: validate IHL before parsing options\n\n"
                                "Reject packets whose header length is smaller than the\n"
                                "minimum or larger than the packet.\n",
                                3));
  PSIRT_RETURN_IF_ERROR(repo.Ref("refs/pull/101/head", fix_sha));
  PSIRT_ASSIGN_OR_RETURN(std::string bp,
                         commit("v2.0-branch", {{paths[1], fixed_ipv4}},
                                "net: ipv4: validate IHL before parsing options\n\n"
                                "(cherry picked from commit " + fix_sha + ")\n",
                                1));
  PSIRT_RETURN_IF_ERROR(repo.Tag("v2.0.1", bp, t));
  for (int i = 0; i < 3; ++i) {
    PSIRT_ASSIGN_OR_RETURN(std::string sha, commit("main", {{paths[i], Source(modules[i], rev++)}},
                                                   std::string(modules[i]) + ": cleanups\n", 2));
    (void)sha;
  }
  PSIRT_RETURN_IF_ERROR(repo.CheckoutHead());
  return fix_sha;
}

// The workspace's psirt.yml: the demo project as a CNA with its team.
InitOptions DemoConfig() {
  InitOptions init;
  init.config.project = "tinyrtos";
  init.config.advisory_prefix = "TRS";
  init.config.repository = "tinyrtos";
  init.config.maintainers = "tinyrtos/MAINTAINERS.yml";
  init.config.releases.lts_branches = {"v1.0-branch"};
  init.config.cna.vendor = "tinyrtos-project";
  init.config.cna.product = "tinyrtos";
  init.config.cna.org_id = "6b1c3f0e-8d2a-4c55-9a43-2f1e0b7d9c11";
  init.config.cna.advisory_url = "https://example.org/tinyrtos/security/advisories/{ghsa}";
  init.config.cna.short_name = "tinyrtos";
  init.config.publish.repository_url = "https://example.org/tinyrtos";
  init.config.publish.tracker_label = "tinyrtos project bug tracker";
  init.config.publish.vulnerabilities_url = "https://example.org/tinyrtos/security/vulnerabilities.html";
  init.config.notify.from = "tinyrtos security team <security@tinyrtos.example>";
  init.config.notify.alerts_list = "vulnerability-alerts@lists.tinyrtos.example";
  for (const char* who : {"bt-lead", "net-lead", "ip-dev", "netlib-dev", "usb-lead", "kernel-lead", "sched-dev"})
    init.config.notify.addresses[who] = std::string(who) + " <" + who + "@tinyrtos.example>";
  return init;
}

// The advisories' story, each step at its own time of the past.
struct DemoStory {
  AdvisoryService& svc;
  FixedClock& clock;
  Date today;
  DemoSummary& out;
  const std::string team = "psirt-rotation@example.org";

  void At(int days_ago, int hour) {
    clock.Set(Timestamp::FromUnix(Timestamp::StartOf(today.AddDays(-days_ago)).unix_seconds() + hour * 3600));
  }
  Result<std::string> Report(int days_ago, const std::string& title, const std::string& desc, const std::string& reporter,
                             bool from_email) {
    At(days_ago, 9);
    ReportRequest r;
    r.title = title;
    r.description = desc;
    PSIRT_ASSIGN_OR_RETURN(r.reporter, ParsePerson(reporter));
    r.reported_on = today.AddDays(-days_ago);
    r.source = from_email ? "email" : "cli";
    r.to_triage = from_email;
    PSIRT_ASSIGN_OR_RETURN(Change c, svc.Report(team, r));
    ++out.advisories;
    return c.advisory.id;
  }
  Status Move(const std::string& id, State to, std::string reason = "") {
    MoveRequest m;
    m.to = to;
    m.reason = std::move(reason);
    return Done(svc.Move(team, id, m));
  }
  Status Triage(const std::string& id, std::string cvss, std::string cwe, std::vector<std::string> files,
                std::string subsystem) {
    TriageRequest tr;
    tr.cvss = std::move(cvss);
    tr.cwes = std::vector<std::string>{std::move(cwe)};
    tr.files = std::move(files);
    tr.subsystem = std::move(subsystem);
    return Done(svc.Triage(team, id, tr));
  }
};

// Public, Rejected, and Accepted past its embargo.
Status DemoClosedAndOverdue(DemoStory& s, const std::string& fix_sha) {
  // Public: fixed, released, published.
  PSIRT_ASSIGN_OR_RETURN(std::string a1,
                         s.Report(200, "Out-of-bounds read in L2CAP signalling channel",
                                "A crafted L2CAP echo request reads past the buffer.",
                                "Ada Finder <ada@research.example>", true));
  s.At(198, 10);
  PSIRT_RETURN_IF_ERROR(Done(s.svc.Acknowledge(s.team, a1)));
  PSIRT_RETURN_IF_ERROR(s.Triage(a1, "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:L", "CWE-125",
                               {"subsys/bluetooth/host/l2cap.c"}, "Bluetooth Host"));
  s.At(197, 11);
  PSIRT_RETURN_IF_ERROR(Done(s.svc.Assign(s.team, a1, "bt-lead")));
  s.At(185, 15);
  PSIRT_RETURN_IF_ERROR(Done(s.svc.LinkFix("bt-lead", a1, Fix{Fix::Kind::kPr, "87", "main"})));
  PSIRT_RETURN_IF_ERROR(s.Move(a1, State::kReview));
  s.At(180, 12);
  PSIRT_RETURN_IF_ERROR(s.Move(a1, State::kAccepted));
  PSIRT_RETURN_IF_ERROR(Done(s.svc.SetCve(s.team, a1, "CVE-2026-10001")));
  PSIRT_RETURN_IF_ERROR(Done(s.svc.AddCredit(s.team, a1, Credit{"Ada Finder", "finder"})));
  s.At(110, 9);
  PSIRT_RETURN_IF_ERROR(s.Move(a1, State::kPublic));

  // Rejected: not a vulnerability.
  PSIRT_ASSIGN_OR_RETURN(std::string a2,
                         s.Report(60, "Crash when the shell is given 10 MB of input",
                                "Sending a very long line over the local console crashes.",
                                "Bob Tester <bob@example.com>", false));
  s.At(58, 10);
  PSIRT_RETURN_IF_ERROR(s.Move(a2, State::kTriage));
  PSIRT_RETURN_IF_ERROR(Done(s.svc.Acknowledge(s.team, a2)));
  s.At(55, 16);
  PSIRT_RETURN_IF_ERROR(s.Move(a2, State::kRejected,
                             "local console access is outside the threat model"));

  // Accepted with CVE, embargo already over: should be Public by now.
  PSIRT_ASSIGN_OR_RETURN(std::string a3,
                         s.Report(95, "IPv4 header length not validated before option parsing",
                                "A packet with IHL < 5 makes the stack read option bytes past "
                                "the header.",
                                "Chen Wei <chen@sec.example>", true));
  s.At(94, 9);
  PSIRT_RETURN_IF_ERROR(Done(s.svc.Acknowledge(s.team, a3)));
  PSIRT_RETURN_IF_ERROR(s.Triage(a3, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", "CWE-1284",
                               {"subsys/net/ip/ipv4.c"}, "Networking"));
  PSIRT_RETURN_IF_ERROR(Done(s.svc.Assign(s.team, a3, "net-lead")));
  s.At(80, 14);
  PSIRT_RETURN_IF_ERROR(Done(s.svc.LinkFix("net-lead", a3, Fix{Fix::Kind::kPr, "101", "main"})));
  PSIRT_RETURN_IF_ERROR(Done(s.svc.LinkFix("net-lead", a3, Fix{Fix::Kind::kCommit, fix_sha, "main"})));
  PSIRT_RETURN_IF_ERROR(s.Move(a3, State::kReview));
  s.At(75, 10);
  PSIRT_RETURN_IF_ERROR(s.Move(a3, State::kAccepted));
  PSIRT_RETURN_IF_ERROR(Done(s.svc.SetCve(s.team, a3, "CVE-2026-10002")));
  PSIRT_RETURN_IF_ERROR(Done(s.svc.AddNote(s.team, a3, "Backport to v2.0-branch merged; v1.0-branch (LTS) still missing.")));

  return Status::Ok();
}

// Accepted, in Review, Assigned, in Triage and brand new.
Status DemoOpen(DemoStory& s) {
  // Accepted without a CVE id, embargo ending within two weeks.
  PSIRT_ASSIGN_OR_RETURN(std::string a4,
                         s.Report(80, "DNS resolver follows compression pointer loops",
                                "A response with a self-referencing compression pointer hangs "
                                "the resolver thread.",
                                "Dana Fuzz <dana@fuzz.example>", true));
  s.At(78, 9);
  PSIRT_RETURN_IF_ERROR(s.Triage(a4, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", "CWE-835",
                               {"subsys/net/lib/dns/resolve.c"}, "Networking Libraries"));
  PSIRT_RETURN_IF_ERROR(Done(s.svc.Assign(s.team, a4, "netlib-dev")));
  s.At(60, 9);
  PSIRT_RETURN_IF_ERROR(Done(s.svc.LinkFix("netlib-dev", a4, Fix{Fix::Kind::kPr, "112", "main"})));
  PSIRT_RETURN_IF_ERROR(s.Move(a4, State::kReview));
  s.At(20, 9);
  PSIRT_RETURN_IF_ERROR(s.Move(a4, State::kAccepted));

  // In review, fix target passed.
  PSIRT_ASSIGN_OR_RETURN(std::string a5,
                         s.Report(40, "USB device stack trusts wLength of SETUP packets",
                                "A malicious host can make the device copy up to 64 KiB into a "
                                "256-byte buffer.",
                                "Eve Hunter <eve@hunt.example>", false));
  s.At(38, 9);
  PSIRT_RETURN_IF_ERROR(s.Move(a5, State::kTriage));
  PSIRT_RETURN_IF_ERROR(Done(s.svc.Acknowledge(s.team, a5)));
  PSIRT_RETURN_IF_ERROR(s.Triage(a5, "CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CWE-787",
                               {"drivers/usb/device.c"}, "USB"));
  PSIRT_RETURN_IF_ERROR(Done(s.svc.Assign(s.team, a5, "usb-lead")));
  s.At(25, 9);
  PSIRT_RETURN_IF_ERROR(Done(s.svc.LinkFix("usb-lead", a5, Fix{Fix::Kind::kPr, "118", "main"})));
  PSIRT_RETURN_IF_ERROR(s.Move(a5, State::kReview));

  // Assigned, fix due within a week.
  PSIRT_ASSIGN_OR_RETURN(std::string a6,
                         s.Report(26, "Scheduler allows a user thread to raise its own priority",
                                "k_thread_priority_set() does not check the caller's permission.",
                                "Frank <frank@example.net>", true));
  s.At(24, 11);
  PSIRT_RETURN_IF_ERROR(Done(s.svc.Acknowledge(s.team, a6)));
  PSIRT_RETURN_IF_ERROR(s.Triage(a6, "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", "CWE-269",
                               {"kernel/sched.c"}, "Kernel"));
  PSIRT_RETURN_IF_ERROR(Done(s.svc.Assign(s.team, a6, "kernel-lead")));

  // In Triage, never acknowledged: overdue.
  PSIRT_ASSIGN_OR_RETURN(std::string a7,
                         s.Report(9, "Bluetooth pairing accepts a zero-length key",
                                "Legacy pairing completes with an all-zero TK.",
                                "Gina <gina@bt.example>", true));
  (void)a7;

  // Brand new.
  PSIRT_ASSIGN_OR_RETURN(std::string a8,
                         s.Report(2, "Possible buffer overflow in USB descriptor parsing",
                                "Found with a fuzzer; reproducer attached to the e-mail.",
                                "Hal Researcher <hal@uni.example>", false));
  (void)a8;

  return Status::Ok();
}

}  // namespace

Result<DemoSummary> CreateDemoWorkspace(const std::string& dir_arg, Date today) {
  std::error_code ec;
  fs::path dir = fs::absolute(dir_arg, ec).lexically_normal();
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec))
    return Status::Conflict(dir.string() + " exists and is not empty: choose a new directory");
  DemoSummary out;
  out.workspace = dir.string();
  out.repository = (dir / "tinyrtos").string();

  PSIRT_ASSIGN_OR_RETURN(std::string fix_sha, DemoRepository(out, today));
  PSIRT_ASSIGN_OR_RETURN(Workspace ws, InitWorkspace(dir.string(), DemoConfig()));
  FixedClock clock(Timestamp::StartOf(today));
  AdvisoryService svc(*ws.store, ws.config, clock);
  PSIRT_ASSIGN_OR_RETURN(auto owners, OwnersService::Load(ws.Resolve(ws.config.maintainers)));
  svc.set_owners([&owners]() -> Result<const OwnersService*> { return owners.get(); });
  DemoStory story{svc, clock, today, out};
  PSIRT_RETURN_IF_ERROR(DemoClosedAndOverdue(story, fix_sha));
  PSIRT_RETURN_IF_ERROR(DemoOpen(story));

  // The fix and backport status of every advisory with a fix, from git.
  SyncService sync(*ws.store, ws.config, ws.Resolve(ws.config.repository), clock);
  PSIRT_RETURN_IF_ERROR(Done(sync.Sync()));
  return out;
}

}  // namespace psirt
