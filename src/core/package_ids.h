// Package identities as SBOMs and vulnerability databases write them:
// package URLs (purl-spec: pkg:type/namespace/name@version?qualifiers#subpath)
// and CPE 2.3 formatted strings (cpe:2.3:part:vendor:product:version:...).
// Parsed into their parts, and compared the way matching needs (a PURL's
// type, namespace and name; a CPE's part, vendor and product). Pure.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "base/status.h"

namespace psirt {

// A parsed package URL; components are percent-decoded.
struct Purl {
  std::string type, ns, name, version, subpath;
  std::map<std::string, std::string> qualifiers;
  // The package without version: type/namespace/name, lower-cased where the
  // type says names are case-insensitive (github, gitlab, bitbucket, generic
  // is kept as written except for the type).
  std::string PackageKey() const;
  // Written back in canonical form (type lower-case, qualifiers sorted).
  std::string ToString() const;
};

// Parses a package URL. Errors say what is wrong (no "pkg:" scheme, no
// type, no name, a bad percent escape).
Result<Purl> ParsePurl(const std::string& s);

// The package URL of a git repository at `version` (a commit or tag):
// pkg:github/owner/repo@version for GitHub repositories, else
// pkg:generic/<name>@version?vcs_url=git+<url>.
std::string PurlForRepository(const std::string& url, const std::string& name, const std::string& version);

// A parsed CPE 2.3 formatted string (11 attributes after "cpe:2.3:").
struct Cpe {
  std::string part, vendor, product, version, update, edition, language, sw_edition, target_sw, target_hw, other;
  // part:vendor:product, the key matching compares.
  std::string ProductKey() const { return part + ":" + vendor + ":" + product; }
};

// Parses a CPE 2.3 formatted string (escaped colons "\:" inside values are
// kept). Errors: not "cpe:2.3:", not 13 fields, a part other than a/o/h.
Result<Cpe> ParseCpe23(const std::string& s);

}  // namespace psirt
