// Benchmark: `psirt scan` of a west manifest of 80 modules against a
// vulnerability database of 100,000 OSV records. Generated here: 80 module
// clones (git fast-import, linear histories of COMMITS commits, the
// manifest pinning each at three quarters of its history), and records
// of which 20 per module carry GIT ranges on that module - half naming the
// module's own URL, half an "upstream" URL so that they are found through
// the commits the clone carries, as a fork's are - and the rest ranges on
// repositories no module has. Timed: the import (files read, checked
// against the OSV schema, stored with their keys in one transaction) and
// the scan (with and without the cherry-pick search). The findings are
// checked against the answer computed from the linear histories directly.
// Usage: psirt_scan_bench [COMMITS] [RECORDS]   (bench/scan.sh runs it)
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <string>

#include <unistd.h>

#include "app/module_service.h"
#include "app/scan_service.h"
#include "app/vulndb_service.h"
#include "base/strings.h"

using namespace psirt;
using Steady = std::chrono::steady_clock;
namespace fs = std::filesystem;

static double Ms(Steady::time_point a) { return std::chrono::duration<double, std::milli>(Steady::now() - a).count(); }

// A linear history of `n` commits through git fast-import; the SHAs, oldest first.
static std::vector<std::string> MakeRepo(const std::string& dir, const std::string& name, int n) {
  fs::create_directories(dir);
  std::string cmd = "git -C '" + dir + "' init -q -b main && git -C '" + dir +
                    "' fast-import --quiet --export-marks='" + dir + ".marks' >/dev/null";
  FILE* p = popen(cmd.c_str(), "w");
  for (int i = 1; i <= n; ++i) {
    std::string body = name + " change " + std::to_string(i) + "\n";  // each module its own commits
    std::fprintf(p, "commit refs/heads/main\nmark :%d\ncommitter B <b@x> %d +0000\ndata 3\nc%d\n", i, 1600000000 + i, i % 10);
    if (i > 1) std::fprintf(p, "from :%d\n", i - 1);
    std::fprintf(p, "M 644 inline src/f%d.c\ndata %zu\n%s\n", i % 50, body.size(), body.c_str());
    if (i % 200 == 0) std::fprintf(p, "reset refs/tags/v1.%d\nfrom :%d\n\n", i / 200, i);
  }
  pclose(p);
  std::vector<std::string> shas(n);
  FILE* m = std::fopen((dir + ".marks").c_str(), "r");
  char sha[64];
  int mark;
  while (m && std::fscanf(m, ":%d %63s\n", &mark, sha) == 2) shas[mark - 1] = sha;
  if (m) std::fclose(m);
  std::system(("git -C '" + dir + "' reset -q --hard main").c_str());
  return shas;
}

static void Write(const std::string& path, const std::string& text) {
  std::ofstream(path) << text;
}

static std::string RandomSha(std::mt19937_64& rng) {
  static const char* hex = "0123456789abcdef";
  std::string s(40, '0');
  for (char& c : s) c = hex[rng() & 15];
  return s;
}

static std::string Record(const std::string& id, const std::string& repo, const std::string& intro, const std::string& fix) {
  return R"({"schema_version":"1.6.0","id":")" + id + R"(","modified":"2024-01-01T00:00:00Z","summary":"bench",)"
         R"("affected":[{"package":{"ecosystem":"OSS-Fuzz","name":"m"},"ranges":[{"type":"GIT","repo":")" + repo +
         R"(","events":[{"introduced":")" + intro + R"("},{"fixed":")" + fix + R"("}]}]}]})";
}

int main(int argc, char** argv) {
  const int commits = argc > 1 ? std::atoi(argv[1]) : 1000;
  const int records = argc > 2 ? std::atoi(argv[2]) : 100000;
  const int modules = 80, per_module = 20;
  std::string top = fs::temp_directory_path() / ("psirt-scan-bench-" + std::to_string(getpid()));
  fs::create_directories(top + "/.west");
  fs::create_directories(top + "/records");
  std::mt19937_64 rng(42);
  auto t = Steady::now();
  std::string manifest = "manifest:\n  remotes:\n    - name: gh\n      url-base: https://github.com/zephyrproject-rtos\n"
                         "  defaults:\n    remote: gh\n  projects:\n";
  size_t expected = 0, written = 0;
  for (int m = 0; m < modules; ++m) {
    std::string name = "mod" + std::to_string(m);
    std::vector<std::string> shas = MakeRepo(top + "/modules/" + name, name, commits);
    int pinned = commits * 3 / 4;
    manifest += "    - name: " + name + "\n      path: modules/" + name + "\n      revision: " + shas[pinned] + "\n";
    for (int k = 0; k < per_module; ++k) {
      int intro = static_cast<int>(rng() % commits), fix = static_cast<int>(rng() % commits);
      if (intro > fix) std::swap(intro, fix);
      if (intro == fix) fix = std::min(commits - 1, fix + 1);
      if (intro <= pinned && pinned < fix) ++expected;
      std::string repo = k % 2 ? "https://github.com/zephyrproject-rtos/" + name : "https://github.com/upstream/" + name;
      std::string id = "OSV-M" + std::to_string(m) + "-" + std::to_string(k);
      Write(top + "/records/" + id + ".json", Record(id, repo, shas[intro], shas[fix]));
      ++written;
    }
  }
  for (int i = 0; written < static_cast<size_t>(records); ++i, ++written) {
    std::string id = "OSV-X" + std::to_string(i);
    Write(top + "/records/" + id + ".json",
                    Record(id, "https://github.com/elsewhere/r" + std::to_string(i % 5000), RandomSha(rng), RandomSha(rng)));
  }
  Write(top + "/west.yml", manifest);
  std::printf("generated %d modules x %d commits and %zu records in %.0f ms\n", modules, commits, written, Ms(t));

  auto store = OpenSqliteStore(top + "/psirt.db", OpenMode::kCreate);
  if (!store.ok()) return 1;
  t = Steady::now();
  auto imported = ImportVulns(**store, {top + "/records"});
  if (!imported.ok()) {
    std::fprintf(stderr, "%s\n", imported.status().ToString().c_str());
    return 1;
  }
  std::printf("vulndb import: %zu records in %.0f ms (%.0f records/s)\n", imported->files, Ms(t),
              imported->files / (Ms(t) / 1000));
  auto loaded = LoadWestManifest(top + "/west.yml");
  auto clones = InspectModuleClones(*loaded, top, false);
  if (!clones.ok()) return 1;
  for (bool cherry : {false, true}) {
    t = Steady::now();
    auto r = ScanModules(**store, *loaded, *clones, ScanOptions{cherry});
    if (!r.ok()) {
      std::fprintf(stderr, "%s\n", r.status().ToString().c_str());
      return 1;
    }
    double ms = Ms(t);
    std::printf("scan %s cherry-picks: %zu modules, %zu findings (expected %zu: %s) in %.0f ms\n",
                cherry ? "with" : "without", r->modules.size(), r->findings.size(), expected,
                r->findings.size() == expected ? "same" : "DIFFERENT", ms);
  }
  fs::remove_all(top);
  return 0;
}
