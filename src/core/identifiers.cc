// Identifier checks.
#include "core/identifiers.h"
#include "base/strings.h"

#include <cctype>
#include <cstdio>

namespace psirt {
namespace {

bool Digits(std::string_view s, size_t min, size_t max) {
  if (s.size() < min || s.size() > max) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

}  // namespace

std::string FormatAdvisoryId(std::string_view prefix, int year, int seq) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "-%04d-%04d", year, seq);
  return std::string(prefix) + buf;
}

std::optional<AdvisoryIdParts> ParseAdvisoryId(std::string_view id) {
  size_t dash2 = id.rfind('-');
  if (dash2 == std::string_view::npos || dash2 < 6) return std::nullopt;
  size_t dash1 = dash2 - 5;
  if (id[dash1] != '-') return std::nullopt;
  auto year = id.substr(dash1 + 1, 4), seq = id.substr(dash2 + 1);
  if (!IsValidAdvisoryPrefix(id.substr(0, dash1)) || !Digits(year, 4, 4) || !Digits(seq, 4, 9))
    return std::nullopt;
  return AdvisoryIdParts{std::stoi(std::string(year)), std::stoi(std::string(seq))};
}

bool IsValidAdvisoryPrefix(std::string_view p) {
  if (p.empty() || p.size() > 16 || !std::isalpha(static_cast<unsigned char>(p[0]))) return false;
  for (char c : p)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
  return p.back() != '-';
}

Status CheckCveId(std::string_view id) {
  if (id.size() > 4 && id.substr(0, 4) == "CVE-" && id.size() >= 13 && id[8] == '-' &&
      Digits(id.substr(4, 4), 4, 4) && Digits(id.substr(9), 4, 19))
    return Status::Ok();
  return Status::Invalid("bad CVE id '" + Shown(id) + "': expected CVE-YYYY-NNNN");
}

Status CheckGhsaId(std::string_view id) {
  static constexpr std::string_view kAlphabet = "23456789cfghjmpqrvwx";
  bool ok = id.size() == 19 && id.substr(0, 4) == "GHSA";
  for (size_t i = 4; ok && i < id.size(); ++i) {
    if ((i - 4) % 5 == 0)
      ok = id[i] == '-';
    else
      ok = kAlphabet.find(id[i]) != std::string_view::npos;
  }
  if (ok) return Status::Ok();
  return Status::Invalid("bad GHSA id '" + Shown(id) + "': expected GHSA-xxxx-xxxx-xxxx");
}

Status CheckCweId(std::string_view id) {
  if (id.size() > 4 && id.substr(0, 4) == "CWE-" && Digits(id.substr(4), 1, 5) && id[4] != '0')
    return Status::Ok();
  return Status::Invalid("bad CWE id '" + Shown(id) +
                         "': expected CWE-N with N > 0 (no leading zeros), e.g. CWE-787");
}

Status CheckBranchName(std::string_view name) {
  auto bad = [&](const std::string& why) {
    return Status::Invalid("bad branch name '" + Shown(name) + "': " + why);
  };
  if (name.empty()) return bad("empty");
  if (name.size() > 255) return bad("longer than 255 bytes");
  if (name == "@") return bad("'@' alone is not a branch name");
  if (name.front() == '-') return bad("must not start with '-'");
  if (name.front() == '/' || name.back() == '/') return bad("must not start or end with '/'");
  if (name.back() == '.') return bad("must not end with '.'");
  if (name.find("..") != std::string_view::npos) return bad("must not contain '..'");
  if (name.find("//") != std::string_view::npos) return bad("must not contain '//'");
  if (name.find("@{") != std::string_view::npos) return bad("must not contain '@{'");
  for (char ch : name) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7F || c == ' ' || c == '~' || c == '^' || c == ':' || c == '?' ||
        c == '*' || c == '[' || c == '\\')
      return bad("must not contain spaces, control characters or any of ~ ^ : ? * [ \\");
  }
  for (size_t start = 0; start <= name.size();) {
    size_t end = name.find('/', start);
    std::string_view part = name.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (!part.empty() && part.front() == '.') return bad("no component may start with '.'");
    if (part.size() >= 5 && part.substr(part.size() - 5) == ".lock") return bad("no component may end with '.lock'");
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return Status::Ok();
}

Result<std::string> NormalizeSha(std::string_view sha) {
  std::string out;
  for (char c : sha) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) {
      out.clear();
      break;
    }
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (out.size() < 7 || (out.size() > 40 && out.size() != 64))
    return Status::Invalid("bad commit '" + Shown(sha) +
                           "': expected a hexadecimal SHA of 7 to 40 digits");
  return out;
}

Result<std::string> NormalizePr(std::string_view pr) {
  if (!pr.empty() && pr[0] == '#') pr.remove_prefix(1);
  if (!Digits(pr, 1, 9) || pr[0] == '0')
    return Status::Invalid("bad pull request '" + Shown(pr) + "': expected a number");
  return std::string(pr);
}

Result<std::string> NormalizeCreditType(std::string_view type) {
  static constexpr std::string_view kTypes[] = {
      "finder", "reporter", "analyst", "coordinator", "remediation developer",
      "remediation reviewer", "remediation verifier", "tool", "sponsor", "other"};
  std::string t(type);
  for (char& c : t) {
    if (c == '-' || c == '_') c = ' ';
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  for (auto k : kTypes)
    if (k == t) return t;
  std::string all;
  for (auto k : kTypes) all += (all.empty() ? "" : ", ") + std::string(k);
  return Status::Invalid("bad credit type '" + Shown(type) + "': expected one of " + all);
}

}  // namespace psirt
