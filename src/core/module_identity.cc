// Inferring a module's identity and proposing its security: block (see module_identity.h).
#include "core/module_identity.h"

#include <algorithm>

#include "base/strings.h"
#include "core/package_ids.h"

namespace psirt {
namespace {

bool IdentityKnownPart(const std::string& v) { return !v.empty() && v != "*" && v != "-"; }

void IdentityFromDeclaration(const ZephyrModuleMeta& meta, ModuleIdentity& id) {
  id.declared = true;
  id.confidence = "declared", id.score = 1.0;
  for (const ModuleReference& r : meta.external_references)
    if (r.text.rfind("cpe:", 0) == 0) id.cpes.push_back(r.text);
  if (!meta.purls.empty()) id.purl = meta.purls.front().ToString();
  for (const Cpe& c : meta.cpes)
    if (IdentityKnownPart(c.version)) {
      id.version = c.version, id.version_source = "cpe";
      break;
    }
  if (id.version.empty())
    for (const Purl& p : meta.purls)
      if (IdentityKnownPart(p.version)) {
        id.version = p.version, id.version_source = "purl";
        break;
      }
  std::vector<std::string> names = id.cpes;
  if (!id.purl.empty()) names.push_back(id.purl);
  id.reasons.push_back("module.yml declares " + Join(names));
}

}  // namespace

ModuleIdentity InferIdentity(const IdentityEvidence& e) {
  ModuleIdentity id;
  id.module = e.project;
  id.has_security_block = e.meta && (!e.meta->external_references.empty() || !e.meta->assessments.empty() ||
                                     !e.meta->security_contact.empty() || !e.meta->bundled.empty());
  if (e.upstream) id.upstream = e.upstream->key;
  std::string pin = e.commit.empty() ? e.revision : e.commit;
  if (e.meta && !e.meta->external_references.empty()) {
    IdentityFromDeclaration(*e.meta, id);
    if (id.purl.empty()) id.purl = PurlForRepository(e.url, e.project, pin);
    if (!id.version.empty()) return id;
  }
  // The version: an upstream release tag, the version header, else the pin.
  std::string upstream_tag;
  if (e.upstream && e.tag) {
    if (auto v = VersionOfTag(*e.upstream, *e.tag)) {
      id.version = *v, id.version_source = "tag", upstream_tag = *e.tag;
      id.reasons.push_back(e.tag_distance == 0 ? "the pinned commit is " + e.upstream->display + " release tag " + *e.tag
                                               : "the pinned commit is " + std::to_string(e.tag_distance) + " commits past " +
                                                     e.upstream->display + " release tag " + *e.tag);
    }
  }
  if (id.version.empty() && !e.header_version.empty()) {
    id.version = e.header_version, id.version_source = "header";
    id.reasons.push_back(e.header_file + " states version " + e.header_version);
  }
  if (id.version.empty() && !e.upstream && !e.any_tag.empty()) {
    id.version = e.any_tag, id.version_source = "tag";
    id.reasons.push_back("the nearest tag of the pinned commit is " + e.any_tag);
  }
  if (id.version.empty()) {
    id.version_source = "revision";
    id.reasons.push_back("no release tag or version header says the version; the pinned revision stands for it");
  }
  if (id.declared) return id;  // declared identity, version found by inference
  // The names: upstream's CPE and package URL, else the repository's own.
  if (e.upstream) {
    id.reasons.push_back(e.upstream_exact ? "the manifest's URL is " + e.upstream->display + "'s repository"
                                          : "the project is named like " + e.upstream->display + " (a fork of it)");
    if (e.upstream->HasCpe()) id.cpes.push_back(e.upstream->CpeFor(id.version_source == "revision" ? "" : id.version));
    // Upstream's package at its release (a fork past it is still that
    // package, at that version or later: the reasons say how far past).
    std::string at = !upstream_tag.empty() ? upstream_tag : id.version_source == "header" ? id.version : pin;
    id.purl = e.upstream->PurlFor(at);
  } else {
    id.purl = PurlForRepository(e.url, e.project, pin);
    id.reasons.push_back("no known upstream: the package URL comes from the manifest's URL");
  }
  // How sure: an exact upstream release is as good as it gets without a declaration.
  if (e.upstream && id.version_source == "tag" && e.tag_distance == 0) {
    id.confidence = "high", id.score = 0.9;
  } else if (e.upstream && (id.version_source == "tag" || id.version_source == "header")) {
    id.confidence = "medium", id.score = 0.7;
  } else {
    id.confidence = "low", id.score = e.upstream ? 0.5 : 0.3;
  }
  return id;
}

std::vector<std::string> ProposedSecurityLines(const ModuleIdentity& id) {
  std::vector<std::string> out{"security:", "  external-references:"};
  for (const std::string& c : id.cpes) out.push_back("    - " + c);
  if (!id.purl.empty()) out.push_back("    - " + id.purl);
  return out;
}

std::string AppendDiff(const std::string& path, const std::optional<std::string>& old_text,
                       const std::vector<std::string>& lines) {
  std::string d = "diff --git a/" + path + " b/" + path + "\n";
  if (!old_text) {
    d += "new file mode 100644\n--- /dev/null\n+++ b/" + path + "\n@@ -0,0 +1," + std::to_string(lines.size()) + " @@\n";
    for (const std::string& l : lines) d += "+" + l + "\n";
    return d;
  }
  std::vector<std::string> old;
  for (std::string_view l : SplitViews(*old_text, '\n')) old.emplace_back(l);
  bool ends_with_newline = !old_text->empty() && old_text->back() == '\n';
  if (ends_with_newline) old.pop_back();  // the empty piece after the last newline
  if (old_text->empty()) old.clear();
  size_t context = std::min<size_t>(3, old.size());
  size_t first = old.size() - context;  // 0-based
  d += "--- a/" + path + "\n+++ b/" + path + "\n";
  auto range = [](size_t start, size_t count) {
    return count == 0 ? std::to_string(start) + ",0" : std::to_string(start + 1) + "," + std::to_string(count);
  };
  d += "@@ -" + range(first, context) + " +" + range(first, context + lines.size()) + " @@\n";
  for (size_t i = first; i < old.size(); ++i) {
    bool last = i + 1 == old.size();
    if (last && !ends_with_newline) {
      d += "-" + old[i] + "\n\\ No newline at end of file\n+" + old[i] + "\n";
    } else {
      d += " " + old[i] + "\n";
    }
  }
  for (const std::string& l : lines) d += "+" + l + "\n";
  return d;
}

std::string IdentityPatchMail(const ModuleIdentity& id, const std::string& path, const std::string& diff,
                              const std::string& date_rfc2822) {
  std::string m = "From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\n"
                  "From: psirt <psirt@localhost>\nDate: " + date_rfc2822 + "\nSubject: [PATCH] " + path +
                  ": declare the module's identity for vulnerability databases\n\n"
                  "Add security.external-references so SBOMs and vulnerability scanners\n"
                  "match this module to the advisories about " +
                  (id.upstream.empty() ? id.module : id.upstream) + ".\n\nInferred by psirt (confidence: " +
                  id.confidence + "):\n";
  for (const std::string& r : id.reasons) m += "- " + r + "\n";
  m += "\nPlease check the version and names before sending.\n---\n" + diff + "-- \npsirt\n\n";
  return m;
}

}  // namespace psirt
