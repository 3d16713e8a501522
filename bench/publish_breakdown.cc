// Publishing benchmark, in-process: for every advisory of a workspace
// ready to publish, how long composing each format takes and how long
// validating it against its schema takes (validators compiled once), so the
// README can say whether validation dominates.
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "app/workspace.h"
#include "base/time.h"
#include "formats/csaf.h"
#include "formats/cve5.h"
#include "formats/osv.h"
#include "formats/schema_validator.h"

using namespace psirt;
using Steady = std::chrono::steady_clock;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s WORKSPACE\n", argv[0]);
    return 2;
  }
  auto ws = OpenWorkspace(argv[1]);
  if (!ws.ok()) return std::fprintf(stderr, "%s\n", ws.status().ToString().c_str()), 1;
  std::vector<std::pair<Advisory, std::vector<Event>>> all;
  Status st = ws->store->Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(std::vector<std::string> ids, tx.AdvisoryIds());
    for (const std::string& id : ids) {
      PSIRT_ASSIGN_OR_RETURN(std::vector<Event> events, tx.LoadEvents(id));
      PSIRT_ASSIGN_OR_RETURN(Advisory a, Fold(events));
      if (a.state == State::kPublic && !a.cve_id.empty()) all.emplace_back(std::move(a), std::move(events));
    }
    return Status::Ok();
  });
  if (!st.ok()) return std::fprintf(stderr, "%s\n", st.ToString().c_str()), 1;
  Timestamp now = SystemClock().Now();
  struct Format {
    const char* name;
    const char* schema;
  } formats[] = {{"cve5", "cve-5.1.1-bundled.json"}, {"osv", "osv.json"}, {"csaf", "csaf-2.0.json"}};
  std::printf("| format | advisories | compile schema | compose | validate | validation share |\n");
  std::printf("|---|---:|---:|---:|---:|---:|\n");
  for (const Format& f : formats) {
    auto t0 = Steady::now();
    auto v = SchemaValidator::Compile(f.schema);
    if (!v.ok()) return std::fprintf(stderr, "%s\n", v.status().ToString().c_str()), 1;
    double compile_s = std::chrono::duration<double>(Steady::now() - t0).count();
    std::vector<nlohmann::json> docs;
    docs.reserve(all.size());
    auto t1 = Steady::now();
    for (const auto& [a, h] : all) {
      std::string name = f.name;
      if (name == "cve5") docs.push_back(AdvisoryToCve5(a, h, ws->config));
      else if (name == "osv") docs.push_back(AdvisoryToOsv(a, ws->config, {}, now));
      else docs.push_back(AdvisoryToCsaf(a, h, ws->config, now));
    }
    double compose_s = std::chrono::duration<double>(Steady::now() - t1).count();
    auto t2 = Steady::now();
    size_t invalid = 0;
    for (const auto& d : docs) invalid += !(*v)->Validate(d, f.name).ok();
    double validate_s = std::chrono::duration<double>(Steady::now() - t2).count();
    std::printf("| %s | %zu | %.1f ms | %.0f ms (%.0f µs each) | %.0f ms (%.0f µs each) | %.0f%% |%s\n", f.name,
                docs.size(), compile_s * 1e3, compose_s * 1e3, compose_s * 1e6 / docs.size(), validate_s * 1e3,
                validate_s * 1e6 / docs.size(), 100 * validate_s / (compose_s + validate_s),
                invalid ? " INVALID DOCUMENTS" : "");
  }
  return 0;
}
