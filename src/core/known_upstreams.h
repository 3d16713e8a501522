// Known upstream projects: the third-party code Zephyr's modules are (or
// carry copies of) - Mbed TLS, TF-M, TF-A, tinycrypt, lwIP, FatFs,
// littlefs, nanopb, LVGL, ... - with the identity vulnerability databases
// use for them (NVD's CPE vendor and product where NVD has one, a package
// URL), their repositories and the names forks go by, how their release
// tags are spelled, and the files that give a copy of them away (a version
// header, a VERSION file, a licence text). `psirt modules identify` and the
// bundled-code finder read this table; both are pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace psirt {

// How a marker file tells the version.
struct VersionReader {
  enum class Kind {
    kNone,          // the file identifies the project but not its version
    kDefineString,  // #define <macro> "x.y.z" (a `strip` prefix removed)
    kDefineParts,   // #define <major>/<minor>/<patch> numbers
    kDefineHex,     // #define <macro> 0xMMMMmmmm (littlefs: major 16 bits, minor 16 bits)
    kVersionFile,   // the first line of `file`, relative to the copy's root
    kFatFsBanner,   // "FatFs ... R0.15" in the header's banner comment
  };
  Kind kind = Kind::kNone;
  std::string macro, minor, patch, strip, file;
};

// A file whose presence at <root>/<path> marks a copy of the project.
struct UpstreamMarker {
  std::string path;      // relative to the copy's root, e.g. include/mbedtls/build_info.h
  VersionReader version;
  bool needs_version = false;  // a generic name (ff.h, lfs.h, pb.h): a hit only when the content yields a version
};

struct KnownUpstream {
  std::string key;      // mbedtls, tinycrypt, ...
  std::string display;  // Mbed TLS
  std::string cpe_part, cpe_vendor, cpe_product;  // "" when NVD has no product for it
  std::string purl;     // the package without version, e.g. pkg:github/mbed-tls/mbedtls
  std::vector<std::string> repos;        // normalised upstream repository URLs
  std::vector<std::string> names;        // project and repository names (forks keep them)
  std::vector<std::string> tag_prefixes; // release tags are <prefix><version>
  std::vector<UpstreamMarker> markers;
  std::string licence_marker;  // text its LICENSE/COPYING carries ("" when it is a stock licence)

  bool HasCpe() const { return !cpe_vendor.empty(); }
  // cpe:2.3:<part>:<vendor>:<product>:<version or *>:*:*:*:*:*:*:*
  std::string CpeFor(const std::string& version) const;
  // The package URL at `version` (the purl without @ when version is "").
  std::string PurlFor(const std::string& version) const;
};

// The table.
const std::vector<KnownUpstream>& KnownUpstreams();
const KnownUpstream* UpstreamByKey(std::string_view key);
// The upstream a repository is (its normalised URL among `repos`), else
// the one whose names hold the URL's last path element or `project`.
// `exact` says which of the two it was.
const KnownUpstream* UpstreamOf(const std::string& repo_url, const std::string& project, bool* exact = nullptr);

// The version a release tag of `u` stands for: the tag without one of its
// prefixes, starting with a digit, "_RELEASE" dropped and underscores read
// as dots (lwIP's STABLE-2_1_3_RELEASE, hostap_2_10). nullopt otherwise.
std::optional<std::string> VersionOfTag(const KnownUpstream& u, std::string_view tag);
// The ways a version may be spelled as a tag of `u` ("3.6.2", "v3.6.2",
// "mbedtls-3.6.2"): what OSV records listing tags as versions hold.
std::vector<std::string> TagSpellings(const KnownUpstream& u, const std::string& version);

// The file, relative to the copy's root, whose content states the version:
// the VERSION file for kVersionFile, else the marker itself ("" for kNone).
std::string MarkerVersionFile(const UpstreamMarker& m);
// The version that file's content states ("" when it states none): C
// #define lines, banner comments, a VERSION file's first line. Linear in
// the content.
std::string ReadMarkerVersion(const VersionReader& r, std::string_view content);

}  // namespace psirt
