// Ownership benchmark, psirt side: indexes MAINTAINERS.yml once and matches
// every path of a file in-process (best of 3). Prints paths/second and the
// number of (path, area) matches, to compare with the Python peer.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/owners.h"
#include "formats/maintainers_yaml.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s MAINTAINERS.yml PATHS_FILE\n", argv[0]);
    return 2;
  }
  std::ifstream m(argv[1]);
  std::stringstream ss;
  ss << m.rdbuf();
  auto areas = psirt::ParseMaintainersYaml(ss.str(), argv[1]);
  if (!areas.ok()) return std::fprintf(stderr, "%s\n", areas.status().ToString().c_str()), 1;
  auto t_index = std::chrono::steady_clock::now();
  auto idx = psirt::OwnersIndex::Build(std::move(areas).value());
  if (!idx.ok()) return std::fprintf(stderr, "%s\n", idx.status().ToString().c_str()), 1;
  double index_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_index).count();
  std::ifstream in(argv[2]);
  std::vector<std::string> paths;
  for (std::string l; std::getline(in, l);) paths.push_back(l);
  double best = 1e9;
  size_t matches = 0;
  for (int pass = 0; pass < 3; ++pass) {
    matches = 0;
    auto t0 = std::chrono::steady_clock::now();
    for (const std::string& p : paths) matches += (*idx)->Match(p).size();
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  std::printf("{\"paths\": %zu, \"seconds\": %.4f, \"per_second\": %.0f, \"matches\": %zu, "
              "\"index_seconds\": %.4f}\n",
              paths.size(), best, paths.size() / best, matches, index_s);
  return 0;
}
