// Version constraints: parsing and evaluation (see version_constraint.h).
#include "core/version_constraint.h"

#include <cctype>

#include "core/version_ranges.h"

namespace psirt {
namespace {

using Op = VersionComparator::Op;

bool VersionChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+' || c == '_'; }

// The leading numbers of a version ("1.2.3-rc1" -> 1, 2, 3).
std::vector<long> ConstraintNumbers(std::string_view v) {
  if (!v.empty() && (v[0] == 'v' || v[0] == 'V')) v.remove_prefix(1);
  std::vector<long> out;
  size_t i = 0;
  while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i])) && out.size() < 8) {
    long n = 0;
    while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) n = std::min(n * 10 + (v[i++] - '0'), 1000000000L);
    out.push_back(n);
    if (i < v.size() && v[i] == '.') ++i;
    else break;
  }
  return out;
}

std::string JoinNumbers(const std::vector<long>& n) {
  std::string s;
  for (size_t i = 0; i < n.size(); ++i) s += (i ? "." : "") + std::to_string(n[i]);
  return s;
}

// The version after the release line `n` (first `keep` numbers; the last of them increased).
std::string ConstraintNext(std::vector<long> n, size_t keep) {
  n.resize(std::max<size_t>(keep, 1), 0);
  n.back() += 1;
  return JoinNumbers(n);
}

struct ConstraintCursor {
  std::string_view text;
  size_t pos = 0;
  void Blanks() {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == ',')) ++pos;
  }
  Status Error(const std::string& what) const {
    return Status::Invalid("version constraint '" + std::string(text) + "': expected " + what + " at column " +
                           std::to_string(pos + 1));
  }
};

Status ParseComparator(ConstraintCursor& p, std::vector<VersionComparator>& set) {
  std::string_view t = p.text.substr(p.pos);
  if (t[0] == '*') {
    ++p.pos;
    set.push_back({Op::kAny, ""});
    return Status::Ok();
  }
  std::string op;
  for (const char* o : {">=", "<=", "!=", ">", "<", "=", "^", "~"})
    if (t.substr(0, std::char_traits<char>::length(o)) == o) {
      op = o;
      break;
    }
  p.pos += op.size();
  while (p.pos < p.text.size() && p.text[p.pos] == ' ') ++p.pos;
  size_t start = p.pos;
  while (p.pos < p.text.size() && (VersionChar(p.text[p.pos]) || p.text[p.pos] == '*')) ++p.pos;
  std::string v(p.text.substr(start, p.pos - start));
  bool wildcard = false;
  for (const char* w : {".*", ".x", ".X"})
    if (v.size() > 2 && v.compare(v.size() - 2, 2, w) == 0) {
      v.resize(v.size() - 2), wildcard = true;
    }
  if (!IsConstraintVersion(v)) {
    p.pos = start;
    return p.Error(op.empty() ? "a comparator (>=, <, ^, ~, =, !=, *) or a version" : "a version after '" + op + "'");
  }
  if (wildcard && !op.empty()) return p.Error("no operator before a wildcard version (" + v + ".*)");
  std::vector<long> n = ConstraintNumbers(v);
  if (wildcard) {
    set.push_back({Op::kGe, JoinNumbers(n)});
    set.push_back({Op::kLt, ConstraintNext(n, n.size())});
  } else if (op == "^") {
    size_t keep = 1;  // the first non-zero number is the one that may not change
    while (keep < n.size() && n[keep - 1] == 0) ++keep;
    set.push_back({Op::kGe, v});
    set.push_back({Op::kLt, ConstraintNext(n, keep)});
  } else if (op == "~") {
    set.push_back({Op::kGe, v});
    set.push_back({Op::kLt, ConstraintNext(n, n.size() >= 2 ? 2 : 1)});
  } else {
    Op o = op == ">=" ? Op::kGe : op == "<=" ? Op::kLe : op == ">" ? Op::kGt : op == "<" ? Op::kLt
         : op == "!=" ? Op::kNe : Op::kEq;
    set.push_back({o, v});
  }
  return Status::Ok();
}

// `v` with at least three numbers ("3.6" -> "3.6.0", "4-rc1" -> "4.0.0-rc1"),
// so a shorter spelling of a release equals the longer one.
std::string Padded(std::string_view v) {
  size_t i = !v.empty() && (v[0] == 'v' || v[0] == 'V') ? 1 : 0;
  size_t numbers = 0, end = i;
  while (end < v.size() && std::isdigit(static_cast<unsigned char>(v[end]))) {
    ++numbers;
    while (end < v.size() && std::isdigit(static_cast<unsigned char>(v[end]))) ++end;
    if (end + 1 < v.size() && v[end] == '.' && std::isdigit(static_cast<unsigned char>(v[end + 1]))) ++end;
    else break;
  }
  std::string out(v.substr(0, end));
  for (; numbers > 0 && numbers < 3; ++numbers) out += ".0";
  return out + std::string(v.substr(end));
}

}  // namespace

bool IsConstraintVersion(std::string_view v) {
  if (!v.empty() && (v[0] == 'v' || v[0] == 'V')) v.remove_prefix(1);
  if (v.empty() || v.size() > 64 || !std::isdigit(static_cast<unsigned char>(v[0]))) return false;
  for (char c : v)
    if (!VersionChar(c)) return false;
  return true;
}

Result<VersionConstraint> VersionConstraint::Parse(std::string_view text) {
  if (text.size() > 1000) return Status::Invalid("version constraint: longer than 1000 characters");
  VersionConstraint c;
  c.text_ = std::string(text);
  ConstraintCursor p{text};
  std::vector<VersionComparator> set;
  for (;;) {
    p.Blanks();
    if (p.pos >= text.size() || text.substr(p.pos, 2) == "||") {
      if (set.empty()) return p.Error(p.pos >= text.size() && c.sets_.empty() ? "a constraint, not nothing" : "a comparator before '||'");
      c.sets_.push_back(std::move(set));
      set.clear();
      if (p.pos >= text.size()) break;
      p.pos += 2;
      p.Blanks();
      if (p.pos >= text.size()) return p.Error("a comparator after '||'");
      continue;
    }
    PSIRT_RETURN_IF_ERROR(ParseComparator(p, set));
    if (p.pos < text.size() && text[p.pos] != ' ' && text[p.pos] != ',' && text[p.pos] != '\t' && text[p.pos] != '|')
      return p.Error("',', ' ' or '||' between comparators");
  }
  return c;
}

bool VersionConstraint::Allows(std::string_view version) const {
  for (const auto& set : sets_) {
    bool all = true;
    for (const VersionComparator& cmp : set) {
      if (cmp.op == Op::kAny) continue;
      int c = CompareVersions(Padded(version), Padded(cmp.version));
      bool ok = cmp.op == Op::kEq ? c == 0 : cmp.op == Op::kNe ? c != 0 : cmp.op == Op::kGt ? c > 0
              : cmp.op == Op::kGe ? c >= 0 : cmp.op == Op::kLt ? c < 0 : c <= 0;
      if (!ok) {
        all = false;
        break;
      }
    }
    if (all) return true;
  }
  return false;
}

}  // namespace psirt
