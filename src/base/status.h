// Status and Result<T>: errors as values across every layer boundary.
// A Status carries a code, a message a person can act on, and optionally
// where the problem is (file, line, field). Exceptions never cross layers.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace psirt {

// Status is the outcome of an operation: ok, or an error with a code and a
// message. It also remembers the input location the error refers to so the
// front end can print "file:line: field: message".
class Status {
 public:
  enum class Code {
    kOk,
    kInvalid,    // bad input: malformed file, bad value, illegal transition
    kNotFound,   // unknown advisory, missing file, unknown commit
    kConflict,   // concurrent change, duplicate
    kUsage,      // the command line itself is wrong (exit status 2)
    kIo,         // the environment failed: disk, database, network
    kInternal,   // a bug in psirt
    kDenied,     // not signed in, or not allowed to do this (server accounts)
  };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status Invalid(std::string m) { return Status(Code::kInvalid, std::move(m)); }
  static Status NotFound(std::string m) { return Status(Code::kNotFound, std::move(m)); }
  static Status Conflict(std::string m) { return Status(Code::kConflict, std::move(m)); }
  static Status Usage(std::string m) { return Status(Code::kUsage, std::move(m)); }
  static Status Io(std::string m) { return Status(Code::kIo, std::move(m)); }
  static Status Internal(std::string m) { return Status(Code::kInternal, std::move(m)); }
  static Status Denied(std::string m) { return Status(Code::kDenied, std::move(m)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& file() const { return file_; }
  int line() const { return line_; }
  const std::string& field() const { return field_; }

  // Attaches the location of the offending input. Returns *this for chaining.
  Status& At(std::string file, int line = 0) & {
    file_ = std::move(file);
    line_ = line;
    return *this;
  }
  Status&& At(std::string file, int line = 0) && { return std::move(At(std::move(file), line)); }
  Status& Field(std::string field) & {
    field_ = std::move(field);
    return *this;
  }
  Status&& Field(std::string field) && { return std::move(Field(std::move(field))); }

  // "file:line: field: message" with the parts that are known.
  std::string ToString() const;
  // The code as the JSON error documents name it: "invalid", "not_found", ...
  static const char* CodeName(Code c);

  // Process exit status for this outcome: 0 ok, 2 usage, 1 anything else.
  int ExitCode() const;

 private:
  Status(Code c, std::string m) : code_(c), message_(std::move(m)) {}
  Code code_ = Code::kOk;
  std::string message_;
  std::string file_;
  int line_ = 0;
  std::string field_;
};

// Result<T> holds either a value or a non-ok Status.
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}             // NOLINT(runtime/explicit)
  Result(Status status) : v_(std::move(status)) {       // NOLINT(runtime/explicit)
    assert(!std::get<Status>(v_).ok() && "Result from an ok Status");
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  Status take_status() && { return ok() ? Status::Ok() : std::move(std::get<Status>(v_)); }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace psirt

// Returns from the enclosing function when `expr` (a Status) is not ok.
#define PSIRT_RETURN_IF_ERROR(expr)         \
  do {                                      \
    ::psirt::Status _st = (expr);           \
    if (!_st.ok()) return _st;              \
  } while (0)

#define PSIRT_CONCAT_INNER(a, b) a##b
#define PSIRT_CONCAT(a, b) PSIRT_CONCAT_INNER(a, b)
// Declares `lhs` from a Result, or returns its Status from the enclosing function.
#define PSIRT_ASSIGN_OR_RETURN(lhs, expr)                       \
  auto PSIRT_CONCAT(_res_, __LINE__) = (expr);                  \
  if (!PSIRT_CONCAT(_res_, __LINE__).ok())                      \
    return std::move(PSIRT_CONCAT(_res_, __LINE__)).take_status(); \
  lhs = std::move(PSIRT_CONCAT(_res_, __LINE__)).value()
