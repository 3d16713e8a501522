// Version constraints as modules declare them ("mbedtls >=3.6.0, <3.7.0"):
// one documented syntax, parsed into comparators and evaluated with the
// one version order psirt uses everywhere (core/version_ranges'
// CompareVersions: numbers as numbers, a pre-release before its release).
//
//   constraint := set ( "||" set )*          any set may hold
//   set        := comparator ( [","] comparator )*   all must hold
//   comparator := "*"                         any version
//              |  ("=" | "!=" | ">" | ">=" | "<" | "<=") VERSION
//              |  VERSION                     exactly that version
//              |  VERSION ".*" | VERSION ".x" that release line (3.6.* : >=3.6 <3.7)
//              |  "^" VERSION                 compatible: up to the next major
//                                             (^0.y.z: next minor; ^0.0.z: next patch)
//              |  "~" VERSION                 up to the next minor (~1: next major)
//   VERSION    := ["v"] N ("." N)* ["-" PRE] ["+" BUILD]
//
// Pre-releases order before their release (3.6.0-rc1 < 3.6.0) and satisfy
// a range like any version. Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace psirt {

struct VersionComparator {
  enum class Op { kAny, kEq, kNe, kGt, kGe, kLt, kLe };
  Op op = Op::kAny;
  std::string version;
};

class VersionConstraint {
 public:
  // Parses `text`; errors say what was expected and at which column (1-based).
  static Result<VersionConstraint> Parse(std::string_view text);

  bool Allows(std::string_view version) const;
  const std::string& text() const { return text_; }
  // The sets of comparators (the union), after ^ ~ and .* are expanded.
  const std::vector<std::vector<VersionComparator>>& sets() const { return sets_; }

 private:
  std::string text_;
  std::vector<std::vector<VersionComparator>> sets_;
};

// Whether `v` is a version the syntax accepts (digits first, after an optional "v").
bool IsConstraintVersion(std::string_view v);

}  // namespace psirt
