// PublishService: the documents psirt publishes from advisories (the
// vulnerabilities page, release notes, CVE 5, OSV, CSAF) and the imports
// that bring a project's published history in (vulnerabilities pages, CVE 5
// records). Every JSON document is validated against its official schema
// before it is returned; an advisory that lacks what a format needs is
// refused with the list of what is missing, unless it is a draft.
#pragma once

#include <map>
#include <span>
#include <memory>
#include <string>
#include <vector>

#include "app/advisory_service.h"
#include "base/status.h"
#include "core/affected.h"
#include "base/time.h"
#include "core/config.h"
#include "store/store.h"

namespace psirt {

class SchemaSet;
class GitService;

// A file given to an import: its name (for messages) and its text.
struct InputFile {
  std::string name;
  std::string text;
};

// The record formats an advisory exports to.
enum class ExportFormat { kCve5, kOsv, kCsaf, kRst };
std::optional<ExportFormat> ParseExportFormat(std::string_view name);  // cve5, osv, csaf, rst

// Exports, imports and publishes records, pages and release notes.
class PublishService {
 public:
  // `repo_dir` is the project's clone (Workspace::Resolve of the configured
  // repository; "" when there is none): OSV's affected tags are read from it.
  PublishService(Store& store, const WorkspaceConfig& config, const Clock& clock,
                 std::string repo_dir);
  ~PublishService();

  // A document never silently takes away what an advisory has (GHSA id,
  // fixes, references...): such imports are refused as conflicts, and
  // nothing is written, unless `policy` is kReplace.
  Result<ImportOutcome> ImportZephyrRst(const std::vector<InputFile>& files,
                                        ImportPolicy policy = ImportPolicy::kRefuse);
  Result<ImportOutcome> ImportCve5(const std::vector<InputFile>& files,
                                   ImportPolicy policy = ImportPolicy::kRefuse);

  // One advisory in one format. `draft` lifts the publication checks (CVE
  // id, embargo) but never the schema.
  Result<std::string> Export(const std::string& id, ExportFormat format, bool draft);
  // Every advisory ready to publish (every one with `draft`) in `format`,
  // one file per advisory in `dir` (<CVE id or advisory id>.json, or .rst);
  // schemas compiled once. Returns how many were written and skipped.
  struct ExportAllResult {
    int written = 0;
    int skipped = 0;  // not ready to publish (expected)
    // Advisories not written and why: not this CNA's to publish
    // (skipped_why, each named once), or failed (a document its schema
    // rejects, a file another advisory's record already took). One bad
    // advisory never stops the others.
    std::vector<std::string> skipped_why;
    std::vector<std::string> failed;
  };
  Result<ExportAllResult> ExportAll(ExportFormat format, const std::string& dir, bool draft);
  // Every advisory with a CVE of `year` that is public: the year page.
  Result<std::string> ExportRstYear(int year);
  // The "Security Vulnerability Related" section of a release's notes.
  Result<std::string> ExportReleaseNotes(const std::string& release);

 private:
  // The document, validated against its schema (publication checks are the
  // caller's).
  Result<std::string> Render(const Advisory& a, std::span<const Event> history, ExportFormat format,
                             bool draft);
  Status CheckPublishable(const Advisory& a, std::span<const Event> history, ExportFormat f) const;
  // Every release tag with whether it carries the bug, from git's
  // containment (read from the clone when configured; empty without).
  Result<std::vector<TagStatus>> ReleaseStatuses(const Advisory& a);
  // The affected ones.
  Result<std::vector<std::string>> AffectedTags(const Advisory& a);

  Store& store_;
  const WorkspaceConfig& config_;
  const Clock& clock_;
  std::string repo_dir_;
  std::unique_ptr<SchemaSet> schemas_;
  std::unique_ptr<GitService> git_;
};

}  // namespace psirt
