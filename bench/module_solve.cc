// Benchmark: `psirt modules solve` on generated workspaces of 80 modules
// with 50 release tags each and random constraints between them.
//
// Part 1, the solver alone (core/module_solver, libsolv): WORKSPACES
// generated problems (seeded), each solved minimal-change and newest, a
// quarter of them with a --with request too. Each version of a module
// requires 0-3 other modules at a random window of versions (">=a.b,
// <c.d", "^a", "~a.b", "a.b.*", or one exact version), conditions and the
// constraints file included; some requirements match no release at all,
// so some workspaces have no solution. Every answer is checked: a
// solution must satisfy every requirement of every chosen version (by
// psirt's constraint semantics, independently of the solver), and "no
// solution" must come with an explanation.
//
// Part 2, the whole command (app/solve_service): one workspace of that
// shape written as 80 git clones (fast-import, 50 tagged commits each whose
// zephyr/module.yml carries that version's requires:) and a west.yml; timed
// from opening the manifest to the rewritten manifest, which reads every
// tag and every module.yml at every tag.
//
// Usage: psirt_solve_bench [WORKSPACES]   (bench/solve.sh runs it)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "app/solve_service.h"
#include "core/module_solver.h"

using namespace psirt;
using Steady = std::chrono::steady_clock;
namespace fs = std::filesystem;

static constexpr int kModules = 80, kVersions = 50;

static double Ms(Steady::time_point a) { return std::chrono::duration<double, std::milli>(Steady::now() - a).count(); }

// Version i of a module: 1.0.0, 1.1.0 ... 1.9.0, 2.0.0 ... 5.9.0.
static std::string Version(int i) { return std::to_string(1 + i / 10) + "." + std::to_string(i % 10) + ".0"; }

// A random requirement window over the 50 versions (sometimes none match).
static std::string RandomConstraint(std::mt19937_64& rng) {
  int lo = static_cast<int>(rng() % kVersions);
  switch (rng() % 6) {
    case 0: {
      int hi = std::min(kVersions, lo + 1 + static_cast<int>(rng() % 15));
      return ">=" + Version(lo) + ", <" + (hi == kVersions ? std::string("9.0.0") : Version(hi));
    }
    case 1: return "^" + std::to_string(1 + lo / 10);
    case 2: return "~" + std::to_string(1 + lo / 10) + "." + std::to_string(lo % 10);
    case 3: return std::to_string(1 + lo / 10) + "." + std::to_string(lo % 10) + ".*";
    case 4: return Version(lo);
    default: return rng() % 4 == 0 ? ">=7.0.0" : ">=" + Version(lo);  // >=7 matches nothing
  }
}

static ModuleRequirement Requirement(const std::string& module, const std::string& constraint, const std::string& file) {
  ModuleRequirement r;
  r.module = module;
  r.constraint = *VersionConstraint::Parse(constraint);
  r.file = file;
  r.line = 4;
  return r;
}

static std::string Name(int m) { return "module" + std::to_string(m); }

// One generated workspace. Requirements point from a module to a
// higher-numbered one mostly (as libraries sit under applications), with
// a few back edges (cycles are allowed).
static SolveRequest Generate(uint64_t seed) {
  std::mt19937_64 rng(seed);
  SolveRequest r;
  for (int m = 0; m < kModules; ++m) {
    SolveModule mod;
    mod.module = Name(m);
    mod.manifest_file = "west.yml";
    mod.manifest_line = 3 + m * 3;
    for (int v = 0; v < kVersions; ++v) {
      ModuleCandidate c{Version(v), "v" + Version(v), "", {}};
      int n = static_cast<int>(rng() % 4);
      for (int k = 0; k < n; ++k) {
        int target = rng() % 10 == 0 ? static_cast<int>(rng() % kModules) : m + 1 + static_cast<int>(rng() % 10);
        if (target >= kModules || target == m) continue;
        c.needs.push_back(Requirement(Name(target), RandomConstraint(rng), Name(m) + "/zephyr/module.yml"));
      }
      mod.candidates.push_back(std::move(c));
    }
    mod.current = static_cast<int>(rng() % kVersions);
    r.modules.push_back(std::move(mod));
  }
  // Two rules of a constraints file.
  for (int k = 0; k < 2; ++k) {
    ConstraintRule rule;
    rule.module = Name(static_cast<int>(rng() % kModules));
    rule.needs.push_back(Requirement(Name(static_cast<int>(rng() % kModules)), RandomConstraint(rng), "constraints.yml"));
    if (rule.needs[0].module != rule.module) r.rules.push_back(std::move(rule));
  }
  return r;
}

// Whether the choice satisfies every requirement (psirt's semantics, not libsolv's).
static bool Valid(const SolveRequest& r, const SolveOutcome& o) {
  std::vector<std::string> chosen;
  for (size_t m = 0; m < r.modules.size(); ++m) chosen.push_back(r.modules[m].candidates[static_cast<size_t>(o.chosen[m])].version);
  auto holds = [&](const ModuleRequirement& q) {
    int t = std::stoi(q.module.substr(6));
    return q.constraint.Allows(chosen[static_cast<size_t>(t)]);
  };
  for (size_t m = 0; m < r.modules.size(); ++m) {
    for (const ModuleRequirement& q : r.modules[m].candidates[static_cast<size_t>(o.chosen[m])].needs)
      if (!holds(q)) return false;
    for (const ConstraintRule& rule : r.rules)
      if (rule.module == r.modules[m].module)
        for (const ModuleRequirement& q : rule.needs)
          if (!holds(q)) return false;
  }
  for (const SolveWith& w : r.with) {
    int t = std::stoi(w.module.substr(6));
    if (!w.constraint.Allows(chosen[static_cast<size_t>(t)])) return false;
  }
  return true;
}

static void Report(const char* what, std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<size_t>(q * static_cast<double>(ms.size())))]; };
  std::printf("%-28s n=%-4zu p50 %7.2f ms  p90 %7.2f ms  p99 %7.2f ms  max %7.2f ms\n", what, ms.size(), at(0.5), at(0.9),
              at(0.99), ms.back());
}

static int SolverAlone(int workspaces) {
  std::vector<double> sat_ms, unsat_ms;
  int sat = 0, unsat = 0, wrong = 0;
  for (int i = 0; i < workspaces; ++i) {
    SolveRequest base = Generate(1000 + static_cast<uint64_t>(i));
    for (int variant = 0; variant < 2 + (i % 4 == 0 ? 1 : 0); ++variant) {
      SolveRequest r = base;
      r.prefer = variant == 1 ? SolveRequest::Prefer::kNewest : SolveRequest::Prefer::kMinimalChange;
      if (variant == 2) {
        std::string module = Name(static_cast<int>(static_cast<unsigned>(i * 7) % kModules));
        std::string v = Version((i * 13) % kVersions);
        r.with.push_back({module, *VersionConstraint::Parse(v), module + "@" + v});
      }
      Steady::time_point t = Steady::now();
      auto o = SolveModuleVersions(r);
      double ms = Ms(t);
      if (!o.ok()) {
        std::fprintf(stderr, "workspace %d: %s\n", i, o.status().ToString().c_str());
        return 1;
      }
      if (o->solved) {
        ++sat, sat_ms.push_back(ms);
        if (!Valid(r, *o)) ++wrong;
      } else {
        ++unsat, unsat_ms.push_back(ms);
        if (o->explanation.size() < 2) ++wrong;
      }
    }
  }
  std::printf("solver: %d workspaces of %d modules x %d tags, %d solves: %d solved, %d without solution, %d wrong\n",
              workspaces, kModules, kVersions, sat + unsat, sat, unsat, wrong);
  if (!sat_ms.empty()) Report("  solved", sat_ms);
  if (!unsat_ms.empty()) Report("  no solution (explained)", unsat_ms);
  std::vector<double> all = sat_ms;
  all.insert(all.end(), unsat_ms.begin(), unsat_ms.end());
  Report("  all", all);
  return wrong == 0 ? 0 : 1;
}

// Part 2: the generated workspace written as clones.
static std::string WriteWorkspace(const SolveRequest& r, const fs::path& top) {
  fs::remove_all(top);
  fs::create_directories(top / ".west");
  fs::create_directories(top / "zephyr");
  std::string manifest = "manifest:\n  remotes:\n    - name: gen\n      url-base: https://example.org/gen\n"
                         "  defaults:\n    remote: gen\n  projects:\n";
  for (const SolveModule& m : r.modules) {
    fs::path dir = top / "modules" / m.module;
    fs::create_directories(dir);
    std::string cmd = "git -C '" + dir.string() + "' init -q -b main && git -C '" + dir.string() + "' fast-import --quiet >/dev/null";
    FILE* p = popen(cmd.c_str(), "w");
    for (size_t v = 0; v < m.candidates.size(); ++v) {
      std::string yml = "name: " + m.module + "\nbuild:\n  cmake: .\nrequires:\n";
      for (const ModuleRequirement& q : m.candidates[v].needs)
        yml += "  - module: " + q.module + "\n    version: \"" + q.constraint.text() + "\"\n";
      if (m.candidates[v].needs.empty()) yml += "  []\n";
      std::fprintf(p, "commit refs/heads/main\nmark :%zu\ncommitter B <b@x> %zu +0000\ndata 2\nv\n", v + 1, 1600000000 + v);
      if (v > 0) std::fprintf(p, "from :%zu\n", v);
      std::fprintf(p, "M 644 inline zephyr/module.yml\ndata %zu\n%s\n", yml.size(), yml.c_str());
      std::fprintf(p, "reset refs/tags/%s\nfrom :%zu\n\n", m.candidates[v].tag.c_str(), v + 1);
    }
    pclose(p);
    const std::string& pin = m.candidates[static_cast<size_t>(m.current)].tag;
    std::system(("git -C '" + dir.string() + "' checkout -q '" + pin + "'").c_str());
    manifest += "    - name: " + m.module + "\n      path: modules/" + m.module + "\n      revision: " + pin + "\n";
  }
  std::ofstream(top / "zephyr/west.yml") << manifest;
  return (top / "zephyr/west.yml").string();
}

static int WholeCommand() {
  // The first generated workspace that has a solution as pinned.
  SolveRequest r;
  for (uint64_t seed = 1000;; ++seed) {
    r = Generate(seed);
    auto o = SolveModuleVersions(r);
    if (o.ok() && o->solved) break;
  }
  fs::path top = fs::temp_directory_path() / "psirt-solve-bench";
  Steady::time_point t = Steady::now();
  std::string manifest = WriteWorkspace(r, top);
  std::printf("workspace: %d clones x %d tags written in %.1f s\n", kModules, kVersions, Ms(t) / 1000);
  std::vector<double> ms;
  int solved = 0;
  for (int run = 0; run < 5; ++run) {
    Steady::time_point s = Steady::now();
    auto w = OpenModuleWorkspace(manifest, "");
    SolveOptions o;
    o.prefer = run % 2 ? SolveRequest::Prefer::kNewest : SolveRequest::Prefer::kMinimalChange;
    auto sol = w.ok() ? SolveWorkspace(*w, o) : Result<WorkspaceSolution>(w.status());
    ms.push_back(Ms(s));
    if (!sol.ok()) {
      std::fprintf(stderr, "%s\n", sol.status().ToString().c_str());
      return 1;
    }
    solved += sol->outcome.solved ? 1 : 0;
  }
  std::printf("modules solve (open manifest, read %d tags and their module.yml, solve, rewrite): %d/5 solved\n",
              kModules * kVersions, solved);
  Report("  whole command", ms);
  fs::remove_all(top);
  return solved == 5 ? 0 : 1;
}

int main(int argc, char** argv) {
  int workspaces = argc > 1 ? std::atoi(argv[1]) : 200;
  int rc = SolverAlone(workspaces);
  return WholeCommand() | rc;
}
