// A progress bar on stderr for long imports and scans: drawn only when
// stderr is a terminal (nothing extra in pipes, logs and CI), redrawn at
// most ten times a second, erased when done.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace psirt::cli {

class ProgressBar {
 public:
  explicit ProgressBar(std::string label);
  ~ProgressBar();  // erases the line
  // `total` 0 while unknown: a count instead of a bar.
  void Update(size_t done, size_t total);

 private:
  std::string label_;
  bool enabled_ = false;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace psirt::cli
