// Terminal-safe output: while a SafeOutput is alive, everything psirt
// writes to stdout and stderr passes through a filter that escapes control
// characters (ESC, BEL, C1, ...) and invalid UTF-8 (EscapeControls), so text
// from a report - a title, a note, a name - can never move the cursor, ring
// the bell or reprogram the terminal. Line feeds and tabs pass.
#pragma once

#include <iostream>
#include <memory>
#include <streambuf>
#include <string>

namespace psirt::cli {

// A stream buffer that escapes terminal control sequences as it writes.
class EscapingBuffer : public std::streambuf {
 public:
  explicit EscapingBuffer(std::streambuf* target) : target_(target) {}
  ~EscapingBuffer() override;
  // Writes what is buffered (all of it when `final`, else up to the last
  // complete UTF-8 sequence).
  void Drain(bool final);

 protected:
  int_type overflow(int_type ch) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

 private:
  std::streambuf* target_;
  std::string pending_;
};

// stdout with control sequences from stored text made harmless.
class SafeOutput {
 public:
  SafeOutput();
  ~SafeOutput();
  SafeOutput(const SafeOutput&) = delete;
  SafeOutput& operator=(const SafeOutput&) = delete;

 private:
  std::streambuf* out_;
  std::streambuf* err_;
  std::unique_ptr<EscapingBuffer> out_buf_, err_buf_;
};

}  // namespace psirt::cli
