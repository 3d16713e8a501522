// Benchmark data generator: a workspace with N advisories spread over every
// state and over two years of report dates, with realistic histories
// (report, triage, assignment, fixes, CVE, transitions). Events go through
// the real store and the real fold/projection, in batched transactions.
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#include "app/workspace.h"
#include "core/advisory.h"
#include "core/identifiers.h"
#include "core/summary.h"

using namespace psirt;
using nlohmann::json;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s DIR COUNT\n", argv[0]);
    return 2;
  }
  std::string dir = argv[1];
  int count = std::atoi(argv[2]);
  // "publish": also what publishing needs - CNA identity, links, and the
  // fix status git would give (fix commits, main release, four branches).
  bool publish = argc > 3 && std::string(argv[3]) == "publish";
  InitOptions o;
  o.config.project = "bench";
  if (publish) {
    o.config.cna = {"bench-project", "bench", "6b1c3f0e-8d2a-4c55-9a43-2f1e0b7d9c11",
                    "https://example.org/bench/security/advisories/{ghsa}", "bench"};
    o.config.publish.repository_url = "https://example.org/bench";
  }
  auto ws = InitWorkspace(dir, o);
  if (!ws.ok()) {
    std::fprintf(stderr, "%s\n", ws.status().ToString().c_str());
    return 1;
  }
  std::mt19937 rng(42);
  Date today = SystemClock().Now().date();
  const State kPath[] = {State::kNew, State::kTriage, State::kAssigned, State::kReview,
                         State::kAccepted, State::kPublic};
  std::vector<int> per_year(10000, 0);
  const int kBatch = 5000;
  for (int start = 0; start < count; start += kBatch) {
    Status st = ws->store->Write([&](StoreTx& tx) -> Status {
      for (int i = start; i < std::min(count, start + kBatch); ++i) {
        Date on = today.AddDays(-static_cast<int>(rng() % 730));
        int seq = ++per_year[on.year()];
        std::string id = FormatAdvisoryId("PSIRT", on.year(), seq);
        // Older reports are further along; one in eight is rejected.
        int age = static_cast<int>(on.DaysUntil(today));
        int stage = std::min(5, age / 20 + static_cast<int>(rng() % 2));
        bool rejected = rng() % 8 == 0 && stage >= 1;
        std::vector<Event> events;
        Timestamp t = Timestamp::StartOf(on);
        auto add = [&](EventKind k, json p) {
          Event e;
          e.advisory = id;
          e.seq = static_cast<int>(events.size()) + 1;
          e.actor = "bench@example.org";
          t = Timestamp::FromUnix(t.unix_seconds() + 3600 * (1 + rng() % 48));
          e.time = t;
          e.kind = k;
          e.payload = std::move(p);
          events.push_back(std::move(e));
        };
        add(EventKind::kReported,
            {{"title", "Generated vulnerability " + std::to_string(i)},
             {"description", "Buffer overflow in a generated subsystem; details withheld."},
             {"reporter", {{"name", "Reporter " + std::to_string(i % 97)},
                           {"email", "r" + std::to_string(i % 97) + "@example.org"}}},
             {"reported_on", on.ToString()},
             {"source", "cli"}});
        State state = State::kNew;
        auto move = [&](State to) {
          add(EventKind::kMoved, {{"from", StateName(state)}, {"to", StateName(to)}});
          state = to;
        };
        if (stage >= 1) {
          move(State::kTriage);
          add(EventKind::kAcknowledged, json::object());
          add(EventKind::kTriaged, {{"cvss", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"},
                                    {"cwes", {"CWE-787"}},
                                    {"files", {"subsys/net/ip/ipv4.c"}}, {"cvss_score", 9.8},
                                    {"cvss_severity", "Critical"}, {"cvss_version", "3.1"}});
        }
        if (rejected) {
          add(EventKind::kMoved, {{"from", "Triage"}, {"to", "Rejected"}, {"reason", "not a bug"}});
        } else {
          if (stage >= 2) {
            add(EventKind::kAssigned, {{"assignee", "maintainer" + std::to_string(i % 41)}});
            move(State::kAssigned);
          }
          if (stage >= 3) {
            add(EventKind::kFixLinked,
                {{"kind", "pr"}, {"ref", std::to_string(10000 + i)}, {"branch", "main"}});
            move(State::kReview);
            if (publish) {
              char sha[41];
              auto hex = [&](int salt) {
                for (int k = 0; k < 40; ++k) sha[k] = "0123456789abcdef"[(rng() + salt) % 16];
                sha[40] = 0;
                return std::string(sha);
              };
              std::string fix = hex(1), bp = hex(2);
              json branches = json::array();
              const char* names[] = {"v3.6-branch", "v3.7-branch", "v4.0-branch", "v4.1-branch"};
              for (int b = 0; b < 4; ++b) {
                bool fixed = (i + b) % 3 != 0;
                branches.push_back({{"branch", names[b]}, {"required", b != 0}, {"status", fixed ? "fixed" : "missing"},
                                    {"commits", fixed ? json::array({bp}) : json::array()},
                                    {"release", fixed ? json(std::string(names[b]).substr(0, 4) + ".2") : json(nullptr)},
                                    {"method", fixed ? json("trailer") : json(nullptr)}});
              }
              add(EventKind::kSynced, {{"fix_commits", {fix}}, {"unresolved", json::array()},
                                       {"main_merged", true}, {"main_first_release", "v4.2.0"},
                                       {"branches", branches}});
            }
          }
          if (stage >= 4) {
            move(State::kAccepted);
            if (rng() % 3) add(EventKind::kCveAssigned, {{"cve", "CVE-" + std::to_string(on.year()) +
                                                                    "-" + std::to_string(20000 + i)}});
          }
          if (stage >= 5 && age > 90) {
            if (events.back().kind != EventKind::kCveAssigned)
              add(EventKind::kCveAssigned,
                  {{"cve", "CVE-" + std::to_string(on.year()) + "-" + std::to_string(20000 + i)}});
            move(State::kPublic);
          }
        }
        (void)kPath;
        for (const Event& e : events) PSIRT_RETURN_IF_ERROR(tx.AppendEvent(e));
        auto a = Fold(events);
        if (!a.ok()) return a.status();
        PSIRT_RETURN_IF_ERROR(tx.PutSummary(Summarize(*a)));
      }
      return Status::Ok();
    });
    if (!st.ok()) {
      std::fprintf(stderr, "%s\n", st.ToString().c_str());
      return 1;
    }
  }
  std::printf("generated %d advisories in %s\n", count, ws->root.c_str());
  return 0;
}
