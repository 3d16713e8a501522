// The known upstream projects and how their versions read (see known_upstreams.h).
#include "core/known_upstreams.h"

#include <algorithm>
#include <cctype>

#include "base/strings.h"
#include "core/vuln_record.h"

namespace psirt {
namespace {

using K = VersionReader::Kind;

VersionReader DefineString(std::string macro, std::string strip = "") {
  VersionReader r;
  r.kind = K::kDefineString, r.macro = std::move(macro), r.strip = std::move(strip);
  return r;
}
VersionReader DefineParts(std::string major, std::string minor, std::string patch) {
  VersionReader r;
  r.kind = K::kDefineParts, r.macro = std::move(major), r.minor = std::move(minor), r.patch = std::move(patch);
  return r;
}
VersionReader ReaderOf(K kind, std::string macro_or_file = "") {
  VersionReader r;
  r.kind = kind;
  (kind == K::kVersionFile ? r.file : r.macro) = std::move(macro_or_file);
  return r;
}

// NVD's CPE vendor:product pairs are given only where NVD's dictionary has
// the product (checked against published CVE configurations); elsewhere
// matching goes by package URL and repository.
std::vector<KnownUpstream> MakeTable() {
  std::vector<KnownUpstream> t;
  auto add = [&](KnownUpstream u) { t.push_back(std::move(u)); };
  add({"mbedtls", "Mbed TLS", "a", "arm", "mbed_tls", "pkg:github/mbed-tls/mbedtls",
       {"github.com/mbed-tls/mbedtls", "github.com/armmbed/mbedtls"}, {"mbedtls", "mbed-tls"}, {"v", "mbedtls-"},
       {{"include/mbedtls/build_info.h", DefineString("MBEDTLS_VERSION_STRING")},
        {"include/mbedtls/version.h", DefineString("MBEDTLS_VERSION_STRING")}},
       ""});
  add({"trusted-firmware-m", "Trusted Firmware-M", "o", "arm", "trusted_firmware-m", "pkg:generic/trusted-firmware-m",
       {"git.trustedfirmware.org/tf-m/trusted-firmware-m", "review.trustedfirmware.org/tf-m/trusted-firmware-m",
        "github.com/trustedfirmware-m/trusted-firmware-m"},
       {"trusted-firmware-m", "tf-m"}, {"TF-Mv"}, {}, ""});
  add({"trusted-firmware-a", "Trusted Firmware-A", "a", "arm", "trusted_firmware-a",
       "pkg:github/arm-software/arm-trusted-firmware",
       {"github.com/arm-software/arm-trusted-firmware", "git.trustedfirmware.org/tf-a/trusted-firmware-a"},
       {"trusted-firmware-a", "arm-trusted-firmware"}, {"v", "lts-v"}, {}, ""});
  add({"tinycrypt", "TinyCrypt", "", "", "", "pkg:github/intel/tinycrypt", {"github.com/intel/tinycrypt"}, {"tinycrypt"},
       {"v"}, {{"lib/include/tinycrypt/aes.h", ReaderOf(K::kVersionFile, "VERSION")}}, "TinyCrypt Cryptographic Library"});
  add({"lwip", "lwIP", "a", "lwip_project", "lwip", "pkg:generic/lwip",
       {"git.savannah.nongnu.org/git/lwip", "git.savannah.gnu.org/git/lwip", "github.com/lwip-tcpip/lwip"}, {"lwip"},
       {"STABLE-"},
       {{"src/include/lwip/init.h", DefineParts("LWIP_VERSION_MAJOR", "LWIP_VERSION_MINOR", "LWIP_VERSION_REVISION")}},
       ""});
  add({"fatfs", "FatFs", "", "", "", "pkg:generic/fatfs", {}, {"fatfs"}, {},
       {{"source/ff.h", ReaderOf(K::kFatFsBanner), true}, {"ff.h", ReaderOf(K::kFatFsBanner), true}}, "FatFs"});
  add({"littlefs", "littlefs", "", "", "", "pkg:github/littlefs-project/littlefs",
       {"github.com/littlefs-project/littlefs", "github.com/armmbed/littlefs"}, {"littlefs"}, {"v"},
       {{"lfs.h", ReaderOf(K::kDefineHex, "LFS_VERSION"), true}}, ""});
  add({"nanopb", "nanopb", "a", "nanopb_project", "nanopb", "pkg:github/nanopb/nanopb", {"github.com/nanopb/nanopb"},
       {"nanopb"}, {"nanopb-"}, {{"pb.h", DefineString("NANOPB_VERSION", "nanopb-"), true}}, ""});
  add({"lz4", "LZ4", "a", "lz4_project", "lz4", "pkg:github/lz4/lz4", {"github.com/lz4/lz4"}, {"lz4"}, {"v"},
       {{"lib/lz4.h", DefineParts("LZ4_VERSION_MAJOR", "LZ4_VERSION_MINOR", "LZ4_VERSION_RELEASE")}}, ""});
  add({"lvgl", "LVGL", "a", "lvgl", "lvgl", "pkg:github/lvgl/lvgl", {"github.com/lvgl/lvgl"}, {"lvgl"}, {"v"},
       {{"lv_version.h", DefineParts("LVGL_VERSION_MAJOR", "LVGL_VERSION_MINOR", "LVGL_VERSION_PATCH"), true}}, ""});
  add({"mcuboot", "MCUboot", "", "", "", "pkg:github/mcu-tools/mcuboot", {"github.com/mcu-tools/mcuboot"}, {"mcuboot"},
       {"v"}, {{"boot/bootutil/include/bootutil/bootutil.h", {}}}, ""});
  add({"zcbor", "zcbor", "", "", "", "pkg:github/nordicsemiconductor/zcbor", {"github.com/nordicsemiconductor/zcbor"},
       {"zcbor"}, {"", "v"}, {{"include/zcbor_common.h", ReaderOf(K::kVersionFile, "VERSION")}}, ""});
  add({"qcbor", "QCBOR", "", "", "", "pkg:github/laurencelundblade/qcbor", {"github.com/laurencelundblade/qcbor"},
       {"qcbor"}, {"v"}, {{"inc/qcbor/qcbor.h", {}}}, ""});
  add({"t_cose", "t_cose", "", "", "", "pkg:github/laurencelundblade/t_cose", {"github.com/laurencelundblade/t_cose"},
       {"t_cose"}, {"v"}, {{"inc/t_cose/t_cose_common.h", {}}}, ""});
  add({"hostap", "hostap (wpa_supplicant)", "a", "w1.fi", "wpa_supplicant", "pkg:generic/hostap",
       {"w1.fi/hostap", "git.w1.fi/hostap"}, {"hostap"}, {"hostap_"}, {}, ""});
  add({"openthread", "OpenThread", "", "", "", "pkg:github/openthread/openthread", {"github.com/openthread/openthread"},
       {"openthread"}, {}, {}, ""});
  add({"thrift", "Apache Thrift", "a", "apache", "thrift", "pkg:github/apache/thrift", {"github.com/apache/thrift"},
       {"thrift"}, {"v"}, {}, ""});
  add({"open-amp", "OpenAMP", "", "", "", "pkg:github/openamp/open-amp", {"github.com/openamp/open-amp"},
       {"open-amp"}, {"v"}, {}, ""});
  add({"libmetal", "libmetal", "", "", "", "pkg:github/openamp/libmetal", {"github.com/openamp/libmetal"},
       {"libmetal"}, {"v"}, {}, ""});
  return t;
}

// The last path element of a normalised URL.
std::string RepoLastName(const std::string& norm) {
  size_t slash = norm.rfind('/');
  return ToLowerAscii(slash == std::string::npos ? norm : norm.substr(slash + 1));
}

// The value of `#define <macro> <value>` (the rest of the line, trimmed), nullopt without one.
std::optional<std::string_view> MarkerDefine(std::string_view content, std::string_view macro) {
  for (std::string_view line : SplitViews(content, '\n')) {
    size_t i = line.find_first_not_of(" \t");
    if (i == std::string_view::npos || line[i] != '#') continue;
    i = line.find_first_not_of(" \t", i + 1);
    if (i == std::string_view::npos || line.substr(i, 6) != "define") continue;
    i = line.find_first_not_of(" \t", i + 6);
    if (i == std::string_view::npos || line.substr(i, macro.size()) != macro) continue;
    i += macro.size();
    if (i < line.size() && line[i] != ' ' && line[i] != '\t') continue;  // a longer macro name
    std::string_view v = line.substr(std::min(i, line.size()));
    if (size_t c = v.find("/*"); c != std::string_view::npos) v = v.substr(0, c);
    if (size_t c = v.find("//"); c != std::string_view::npos) v = v.substr(0, c);
    size_t b = v.find_first_not_of(" \t\r"), e = v.find_last_not_of(" \t\r");
    if (b == std::string_view::npos) return std::string_view();
    return v.substr(b, e - b + 1);
  }
  return std::nullopt;
}

// A decimal number, parentheses and a U suffix allowed ("(2U)"); nullopt otherwise.
std::optional<unsigned long> DefineNumber(std::string_view v) {
  while (!v.empty() && (v.front() == '(' || v.front() == ' ')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ')' || v.back() == 'U' || v.back() == 'u' || v.back() == ' ')) v.remove_suffix(1);
  if (v.empty() || v.size() > 9) return std::nullopt;
  unsigned long n = 0;
  for (char c : v) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    n = n * 10 + static_cast<unsigned long>(c - '0');
  }
  return n;
}

bool LooksLikeVersion(std::string_view v) {
  if (v.empty() || v.size() > 40 || !std::isdigit(static_cast<unsigned char>(v.front()))) return false;
  return std::all_of(v.begin(), v.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+' || c == '_';
  });
}

std::string FatFsBanner(std::string_view content) {
  std::string_view head = content.substr(0, 4096);
  size_t at = head.find("FatFs");
  if (at == std::string_view::npos) return "";
  size_t eol = head.find('\n', at);
  std::string_view line = head.substr(at, eol == std::string_view::npos ? std::string_view::npos : eol - at);
  size_t r = line.find(" R0.");
  if (r == std::string_view::npos) return "";
  size_t end = r + 1;
  while (end < line.size() && (std::isalnum(static_cast<unsigned char>(line[end])) || line[end] == '.')) ++end;
  return std::string(line.substr(r + 1, end - r - 1));
}

}  // namespace

std::string KnownUpstream::CpeFor(const std::string& version) const {
  std::string v;
  for (char c : version.empty() ? std::string("*") : version) {
    if (c == ':' || c == '\\') v += '\\';
    v += c;
  }
  return "cpe:2.3:" + cpe_part + ":" + cpe_vendor + ":" + cpe_product + ":" + v + ":*:*:*:*:*:*:*";
}

std::string KnownUpstream::PurlFor(const std::string& version) const {
  return version.empty() ? purl : purl + "@" + version;
}

const std::vector<KnownUpstream>& KnownUpstreams() {
  static const std::vector<KnownUpstream> table = MakeTable();
  return table;
}

const KnownUpstream* UpstreamByKey(std::string_view key) {
  for (const KnownUpstream& u : KnownUpstreams())
    if (u.key == key) return &u;
  return nullptr;
}

const KnownUpstream* UpstreamOf(const std::string& repo_url, const std::string& project, bool* exact) {
  std::string norm = NormalizeRepoUrl(repo_url), lowered = ToLowerAscii(norm);
  for (const KnownUpstream& u : KnownUpstreams())
    if (std::find(u.repos.begin(), u.repos.end(), lowered) != u.repos.end()) {
      if (exact) *exact = true;
      return &u;
    }
  std::string name = RepoLastName(norm), proj = ToLowerAscii(project);
  for (const KnownUpstream& u : KnownUpstreams())
    if (std::find(u.names.begin(), u.names.end(), name) != u.names.end() ||
        std::find(u.names.begin(), u.names.end(), proj) != u.names.end()) {
      if (exact) *exact = false;
      return &u;
    }
  return nullptr;
}

std::optional<std::string> VersionOfTag(const KnownUpstream& u, std::string_view tag) {
  for (const std::string& prefix : u.tag_prefixes) {
    if (tag.substr(0, prefix.size()) != prefix) continue;
    std::string v(tag.substr(prefix.size()));
    if (v.size() > 8 && v.compare(v.size() - 8, 8, "_RELEASE") == 0) v.resize(v.size() - 8);
    if (v.find('.') == std::string::npos) std::replace(v.begin(), v.end(), '_', '.');
    if (LooksLikeVersion(v)) return v;
  }
  return std::nullopt;
}

std::vector<std::string> TagSpellings(const KnownUpstream& u, const std::string& version) {
  std::vector<std::string> out{version};
  for (const std::string& prefix : u.tag_prefixes) {
    std::string t = prefix + version;
    if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
  }
  return out;
}

std::string MarkerVersionFile(const UpstreamMarker& m) {
  switch (m.version.kind) {
    case K::kNone: return "";
    case K::kVersionFile: return m.version.file;
    default: return m.path;
  }
}

std::string ReadMarkerVersion(const VersionReader& r, std::string_view content) {
  switch (r.kind) {
    case K::kNone:
      return "";
    case K::kVersionFile: {
      std::string first(Trim(std::string(content.substr(0, std::min(content.find('\n'), size_t{64})))));
      return LooksLikeVersion(first) ? first : "";
    }
    case K::kDefineString: {
      auto v = MarkerDefine(content, r.macro);
      if (!v || v->size() < 2 || v->front() != '"') return "";
      std::string_view s = v->substr(1, v->find('"', 1) == std::string_view::npos ? 0 : v->find('"', 1) - 1);
      if (!r.strip.empty() && s.substr(0, r.strip.size()) == r.strip) s.remove_prefix(r.strip.size());
      return LooksLikeVersion(s) ? std::string(s) : "";
    }
    case K::kDefineParts: {
      auto a = MarkerDefine(content, r.macro), b = MarkerDefine(content, r.minor);
      auto na = a ? DefineNumber(*a) : std::nullopt, nb = b ? DefineNumber(*b) : std::nullopt;
      if (!na || !nb) return "";
      std::string v = std::to_string(*na) + "." + std::to_string(*nb);
      if (auto c = r.patch.empty() ? std::nullopt : MarkerDefine(content, r.patch))
        if (auto nc = DefineNumber(*c)) v += "." + std::to_string(*nc);
      return v;
    }
    case K::kDefineHex: {
      auto v = MarkerDefine(content, r.macro);
      if (!v) return "";
      std::string_view s = *v;
      while (!s.empty() && (s.front() == '(' || s.front() == ' ')) s.remove_prefix(1);
      if (s.substr(0, 2) != "0x" && s.substr(0, 2) != "0X") return "";
      s.remove_prefix(2);
      unsigned long n = 0;
      size_t digits = 0;
      for (char c : s) {
        if (!std::isxdigit(static_cast<unsigned char>(c)) || ++digits > 8) break;
        n = n * 16 + static_cast<unsigned long>(std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (std::tolower(c) - 'a' + 10));
      }
      if (digits == 0 || digits > 8) return "";
      return std::to_string(n >> 16) + "." + std::to_string(n & 0xffff);
    }
    case K::kFatFsBanner:
      return FatFsBanner(content);
  }
  return "";
}

}  // namespace psirt
