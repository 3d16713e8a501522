// Progress on a terminal's stderr (see progress_bar.h).
#include "cli/progress_bar.h"

#include <unistd.h>

#include <cstdio>

namespace psirt::cli {

ProgressBar::ProgressBar(std::string label) : label_(std::move(label)), enabled_(isatty(STDERR_FILENO) == 1) {}

ProgressBar::~ProgressBar() {
  if (drawn_) std::fprintf(stderr, "\r\033[K");
}

void ProgressBar::Update(size_t done, size_t total) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (drawn_ && done != total && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  drawn_ = true;
  if (total == 0) {
    std::fprintf(stderr, "\r\033[K%s %zu", label_.c_str(), done);
  } else {
    constexpr int kWidth = 30;
    int filled = static_cast<int>(kWidth * done / total);
    std::string bar(filled, '#');
    bar.resize(kWidth, '.');
    std::fprintf(stderr, "\r\033[K%s [%s] %zu/%zu", label_.c_str(), bar.c_str(), done, total);
  }
  std::fflush(stderr);
}

}  // namespace psirt::cli
