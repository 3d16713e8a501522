// CVSS benchmark, psirt side: loads a file of vectors into memory and times
// ScoreCvss over all of them (best of 3 passes). Prints vectors/second and a
// checksum of the scores (the sum, compared with the JavaScript peer's).
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "core/cvss/cvss.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s VECTORS_FILE\n", argv[0]);
    return 2;
  }
  std::ifstream in(argv[1]);
  std::vector<std::string> vectors;
  for (std::string line; std::getline(in, line);) vectors.push_back(line);
  double best = 1e9, checksum = 0;
  int invalid = 0;
  for (int pass = 0; pass < 3; ++pass) {
    checksum = 0;
    invalid = 0;
    auto t0 = std::chrono::steady_clock::now();
    for (const std::string& v : vectors) {
      auto r = psirt::ScoreCvss(v);
      // The most specific score, as the peer's "overall".
      if (r.ok())
        checksum += r->version == psirt::CvssVersion::kV40 ? r->score
                    : r->has_environmental                 ? r->environmental_score
                    : r->has_temporal                      ? r->temporal_score
                                                           : r->base_score;
      else
        ++invalid;
    }
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    best = std::min(best, s);
  }
  std::printf("{\"vectors\": %zu, \"seconds\": %.4f, \"per_second\": %.0f, \"checksum\": %.1f, "
              "\"invalid\": %d}\n",
              vectors.size(), best, vectors.size() / best, checksum, invalid);
  return 0;
}
