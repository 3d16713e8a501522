// Package URLs and CPE 2.3 names (see package_ids.h).
#include "core/package_ids.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "core/vuln_record.h"

namespace psirt {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

Result<std::string> Decode(const std::string& s, const std::string& whole) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size() || !std::isxdigit(static_cast<unsigned char>(s[i + 1])) ||
        !std::isxdigit(static_cast<unsigned char>(s[i + 2])))
      return Status::Invalid("package URL '" + whole + "': a '%' not followed by two hex digits");
    out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
    i += 2;
  }
  return out;
}

std::string Encode(const std::string& s, bool keep_slash) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_' || c == '~' || (keep_slash && c == '/'))
      out += static_cast<char>(c);
    else
      out += std::string("%") + hex[c >> 4] + hex[c & 15];
  }
  return out;
}

}  // namespace

std::string Purl::PackageKey() const {
  bool folded = type == "github" || type == "gitlab" || type == "bitbucket";
  std::string key = type + "/" + (ns.empty() ? "" : (folded ? Lower(ns) : ns) + "/") + (folded ? Lower(name) : name);
  return key;
}

std::string Purl::ToString() const {
  std::string out = "pkg:" + type + "/";
  if (!ns.empty()) out += Encode(ns, true) + "/";
  out += Encode(name, false);
  if (!version.empty()) out += "@" + Encode(version, false);
  if (!qualifiers.empty()) {
    out += "?";
    bool first = true;
    for (const auto& [k, v] : qualifiers) {
      out += (first ? "" : "&") + k + "=" + Encode(v, false);
      first = false;
    }
  }
  if (!subpath.empty()) out += "#" + Encode(subpath, true);
  return out;
}

Result<Purl> ParsePurl(const std::string& s) {
  if (s.rfind("pkg:", 0) != 0) return Status::Invalid("package URL '" + s + "': expected it to start with 'pkg:'");
  std::string rest = s.substr(4);
  while (!rest.empty() && rest[0] == '/') rest.erase(0, 1);
  Purl p;
  if (size_t hash = rest.find('#'); hash != std::string::npos) {
    PSIRT_ASSIGN_OR_RETURN(p.subpath, Decode(rest.substr(hash + 1), s));
    rest.resize(hash);
  }
  if (size_t q = rest.find('?'); q != std::string::npos) {
    std::string query = rest.substr(q + 1);
    rest.resize(q);
    size_t start = 0;
    while (start <= query.size()) {
      size_t amp = query.find('&', start);
      std::string pair = query.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
      if (!pair.empty()) {
        size_t eq = pair.find('=');
        if (eq == std::string::npos || eq == 0)
          return Status::Invalid("package URL '" + s + "': qualifier '" + pair + "' is not key=value");
        PSIRT_ASSIGN_OR_RETURN(std::string value, Decode(pair.substr(eq + 1), s));
        p.qualifiers[Lower(pair.substr(0, eq))] = value;
      }
      if (amp == std::string::npos) break;
      start = amp + 1;
    }
  }
  if (size_t at = rest.rfind('@'); at != std::string::npos && rest.find('/', at) == std::string::npos) {
    PSIRT_ASSIGN_OR_RETURN(p.version, Decode(rest.substr(at + 1), s));
    rest.resize(at);
  }
  size_t slash = rest.find('/');
  if (slash == std::string::npos || slash == 0)
    return Status::Invalid("package URL '" + s + "': expected pkg:TYPE/NAME");
  p.type = Lower(rest.substr(0, slash));
  rest = rest.substr(slash + 1);
  while (!rest.empty() && rest.back() == '/') rest.pop_back();
  size_t last = rest.rfind('/');
  PSIRT_ASSIGN_OR_RETURN(p.name, Decode(last == std::string::npos ? rest : rest.substr(last + 1), s));
  if (last != std::string::npos) {
    PSIRT_ASSIGN_OR_RETURN(p.ns, Decode(rest.substr(0, last), s));
  }
  if (p.name.empty()) return Status::Invalid("package URL '" + s + "': the name is empty");
  return p;
}

Result<Cpe> ParseCpe23(const std::string& s) {
  if (s.rfind("cpe:2.3:", 0) != 0) return Status::Invalid("CPE '" + s + "': expected it to start with 'cpe:2.3:'");
  std::vector<std::string> f;
  std::string cur;
  for (size_t i = 8; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      cur += s.substr(i, 2);
      ++i;
    } else if (s[i] == ':') {
      f.push_back(cur);
      cur.clear();
    } else {
      cur += s[i];
    }
  }
  f.push_back(cur);
  if (f.size() != 11)
    return Status::Invalid("CPE '" + s + "': expected 11 attributes after 'cpe:2.3:', found " + std::to_string(f.size()));
  if (f[0] != "a" && f[0] != "o" && f[0] != "h")
    return Status::Invalid("CPE '" + s + "': part must be a, o or h");
  return Cpe{f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10]};
}

std::string PurlForRepository(const std::string& url, const std::string& name, const std::string& version) {
  std::string norm = NormalizeRepoUrl(url);
  Purl p;
  if (norm.rfind("github.com/", 0) == 0 && std::count(norm.begin(), norm.end(), '/') == 2) {
    p.type = "github";
    p.ns = norm.substr(11, norm.find('/', 11) - 11);
    p.name = norm.substr(norm.rfind('/') + 1);
  } else {
    p.type = "generic";
    p.name = name;
    p.qualifiers["vcs_url"] = "git+" + url;
  }
  p.version = version;
  return p.ToString();
}

}  // namespace psirt
