// The escaping stream buffer.
#include "cli/safe_output.h"

#include "base/strings.h"

namespace psirt::cli {

EscapingBuffer::~EscapingBuffer() { Drain(true); }

void EscapingBuffer::Drain(bool final) {
  if (pending_.empty()) return;
  size_t cut = pending_.size();
  if (!final) {
    // Hold back an incomplete UTF-8 sequence at the end (at most 3 bytes).
    size_t k = 0;
    while (k < 3 && k < pending_.size() &&
           (static_cast<unsigned char>(pending_[pending_.size() - 1 - k]) & 0xC0) == 0x80)
      ++k;
    if (k < pending_.size()) {
      unsigned char lead = static_cast<unsigned char>(pending_[pending_.size() - 1 - k]);
      size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
      if (need > k + 1) cut = pending_.size() - 1 - k;
    }
  }
  std::string safe = EscapeControls(std::string_view(pending_).substr(0, cut), true);
  target_->sputn(safe.data(), static_cast<std::streamsize>(safe.size()));
  pending_.erase(0, cut);
}

EscapingBuffer::int_type EscapingBuffer::overflow(int_type ch) {
  if (ch == traits_type::eof()) return traits_type::not_eof(ch);
  pending_ += static_cast<char>(ch);
  if (ch == '\n' || pending_.size() >= 8192) Drain(false);
  return ch;
}

std::streamsize EscapingBuffer::xsputn(const char* s, std::streamsize n) {
  pending_.append(s, static_cast<size_t>(n));
  if (pending_.size() >= 8192 || (n > 0 && s[n - 1] == '\n')) Drain(false);
  return n;
}

int EscapingBuffer::sync() {
  Drain(false);
  return target_->pubsync();
}

SafeOutput::SafeOutput() : out_(std::cout.rdbuf()), err_(std::cerr.rdbuf()) {
  out_buf_ = std::make_unique<EscapingBuffer>(out_);
  err_buf_ = std::make_unique<EscapingBuffer>(err_);
  std::cout.rdbuf(out_buf_.get());
  std::cerr.rdbuf(err_buf_.get());
}

SafeOutput::~SafeOutput() {
  std::cout.flush();
  std::cerr.flush();
  out_buf_->Drain(true);
  err_buf_->Drain(true);
  std::cout.rdbuf(out_);
  std::cerr.rdbuf(err_);
  std::cout.flush();
  std::cerr.flush();
}

}  // namespace psirt::cli
