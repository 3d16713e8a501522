// Publishing and import over the advisory store.
#include "app/publish_service.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "app/git_service.h"
#include "app/workspace.h"
#include "core/affected.h"
#include "core/policy.h"
#include "formats/advisory_rst.h"
#include "formats/record_parts.h"
#include "formats/csaf.h"
#include "formats/cve5.h"
#include "formats/osv.h"
#include "formats/release_notes.h"
#include "formats/schema_validator.h"
#include "formats/zephyr_rst.h"

namespace psirt {

// Validators, compiled once per service (per run) and only when needed.
class SchemaSet {
 public:
  Result<const SchemaValidator*> Get(const std::string& name) {
    auto it = compiled_.find(name);
    if (it != compiled_.end()) return it->second.get();
    PSIRT_ASSIGN_OR_RETURN(auto v, SchemaValidator::Compile(name));
    return compiled_.emplace(name, std::move(v)).first->second.get();
  }

 private:
  std::map<std::string, std::unique_ptr<SchemaValidator>> compiled_;
};

std::optional<ExportFormat> ParseExportFormat(std::string_view name) {
  if (name == "cve5") return ExportFormat::kCve5;
  if (name == "osv") return ExportFormat::kOsv;
  if (name == "csaf") return ExportFormat::kCsaf;
  if (name == "rst") return ExportFormat::kRst;
  return std::nullopt;
}

PublishService::PublishService(Store& store, const WorkspaceConfig& config, const Clock& clock,
                               std::string repo_dir)
    : store_(store), config_(config), clock_(clock), repo_dir_(std::move(repo_dir)) {}
PublishService::~PublishService() = default;

Result<ImportOutcome> PublishService::ImportZephyrRst(const std::vector<InputFile>& files, ImportPolicy policy) {
  // Every file is read before anything is written: one bad page, no import.
  std::vector<ImportItem> items;
  for (const InputFile& f : files) {
    PSIRT_ASSIGN_OR_RETURN(RstPage page, ParseVulnerabilityPage(f.text, f.name));
    for (size_t i = 0; i < page.entries.size(); ++i) {
      const RstEntry& e = page.entries[i];
      ImportItem item;
      item.cve = e.cve;
      auto fields = RstEntryToImportFields(e, config_);
      if (!fields.ok()) return std::move(Status(fields.status()).At(f.name, e.line));
      item.fields = std::move(fields).value();
      item.fields.file = std::filesystem::path(f.name).filename().string();
      item.fields.published_text = e.source;
      item.fields.published_fingerprint = RstFingerprint(e);
      item.fields.page_position = static_cast<int>(i);
      item.id_year = std::stoi(e.cve.substr(4, 4));
      item.file = f.name;
      item.line = e.line;
      item.placeholder = e.embargoed;
      items.push_back(std::move(item));
    }
  }
  AdvisoryService svc(store_, config_, clock_);
  return svc.Import("import", items, policy);
}

Result<ImportOutcome> PublishService::ImportCve5(const std::vector<InputFile>& files, ImportPolicy policy) {
  std::vector<ImportItem> items;
  for (const InputFile& f : files) {
    nlohmann::json doc;
    try {
      doc = nlohmann::json::parse(f.text);
    } catch (const nlohmann::json::parse_error& e) {  // says where: the byte position
      return Status::Invalid(f.name + ": not JSON: " + e.what());
    }
    ImportItem item;
    PSIRT_ASSIGN_OR_RETURN(ev::Imported fields, Cve5ToImportFields(doc, f.name, &item.warnings));
    item.cve = *fields.cve;
    item.id_year = std::stoi(item.cve.substr(4, 4));
    item.file = f.name;
    item.fields = std::move(fields);
    item.merge = ImportItem::Merge::kFill;  // pages own their wording
    items.push_back(std::move(item));
  }
  AdvisoryService svc(store_, config_, clock_);
  return svc.Import("import", items, policy);
}

Status PublishService::CheckPublishable(const Advisory& a, std::span<const Event> history,
                                        ExportFormat f) const {
  std::vector<std::string> missing;
  if (f == ExportFormat::kCve5) {
    missing = Cve5Missing(a, config_);
  } else if (a.cve_id.empty() && f == ExportFormat::kRst) {
    missing.push_back("a CVE id (psirt cve " + a.id + " CVE-YYYY-NNNN)");
  }
  if (a.title.empty() && f != ExportFormat::kRst && f != ExportFormat::kCve5) missing.push_back("a title");
  if (a.state == State::kRejected) missing.push_back("a state other than Rejected");
  else if (a.state != State::kPublic) missing.push_back("the embargo to be over (state Public; it is " +
                                                        std::string(StateName(a.state)) + ")");
  else if (f == ExportFormat::kCsaf && !PublicationTime(a, history))
    missing.push_back("its publication date (import its CVE record, which has it)");
  if (missing.empty()) return Status::Ok();
  std::string msg = a.id + " cannot be published yet; it needs:";
  for (const std::string& m : missing) msg += "\n  - " + m;
  msg += "\n(--draft exports it anyway, marked as a draft)";
  return Status::Invalid(msg);
}

namespace {
// A CVE only a published page names (no record says who assigned it),
// outside the years psirt.yml says this CNA assigned them all.
bool UnknownAssigner(const Advisory& a, const WorkspaceConfig& c) {
  if (a.cve_id.empty() || !a.cve_assigner.empty() || a.cve_source != "page") return false;
  return !c.cna.OwnsCveYear(std::atoi(a.cve_id.substr(4, 4).c_str()));
}

// Another CNA's CVE is never exported as this project's record, draft or
// not; nor one whose assigner is unknown.
Status CheckOwnCve(const Advisory& a, const WorkspaceConfig& c) {
  if (AssignedByOtherCna(a, c))
    return Status::Invalid(a.id + ": " + a.cve_id + " was assigned by another CNA (" + a.cve_assigner +
                           "), not by " + c.cna.short_name + ": its CVE record is theirs to publish");
  if (UnknownAssigner(a, c))
    return Status::Invalid(a.id + ": who assigned " + a.cve_id +
                           " is unknown (only a published page names it): import its CVE record, or list " +
                           a.cve_id.substr(4, 4) + " in psirt.yml's cna.own_cve_years if this CNA assigned them");
  return Status::Ok();
}
}  // namespace

Result<std::string> PublishService::Export(const std::string& id, ExportFormat format, bool draft) {
  AdvisoryService svc(store_, config_, clock_);
  PSIRT_ASSIGN_OR_RETURN(std::vector<Event> history, svc.History(id));
  PSIRT_ASSIGN_OR_RETURN(Advisory a, Fold(history));
  if (format == ExportFormat::kCve5) PSIRT_RETURN_IF_ERROR(CheckOwnCve(a, config_));
  if (!draft) PSIRT_RETURN_IF_ERROR(CheckPublishable(a, history, format));
  return Render(a, history, format, draft);
}

Result<std::string> PublishService::Render(const Advisory& a, std::span<const Event> history,
                                           ExportFormat format, bool draft) {
  nlohmann::json doc;
  std::string schema, what;
  switch (format) {
    case ExportFormat::kRst:
      return RenderRstEntry(AdvisoryToRstEntry(a, config_, draft), TrackerLabel(config_));
    case ExportFormat::kCve5: {
      PSIRT_ASSIGN_OR_RETURN(std::vector<TagStatus> releases, ReleaseStatuses(a));
      doc = AdvisoryToCve5(a, history, config_, draft, releases);
      schema = "cve-5.1.1-bundled.json";
      what = "the CVE record of " + a.id;
      break;
    }
    case ExportFormat::kOsv: {
      PSIRT_ASSIGN_OR_RETURN(std::vector<std::string> tags, AffectedTags(a));
      doc = AdvisoryToOsv(a, config_, tags, a.updated_at, draft);
      schema = "osv.json";
      what = "the OSV record of " + a.id;
      break;
    }
    case ExportFormat::kCsaf:
      doc = AdvisoryToCsaf(a, history, config_, clock_.Now(), draft);
      schema = "csaf-2.0.json";
      what = "the CSAF advisory of " + a.id;
      break;
  }
  if (!schemas_) schemas_ = std::make_unique<SchemaSet>();
  PSIRT_ASSIGN_OR_RETURN(const SchemaValidator* v, schemas_->Get(schema));
  PSIRT_RETURN_IF_ERROR(v->Validate(doc, what));
  return doc.dump(2) + "\n";
}

Result<PublishService::ExportAllResult> PublishService::ExportAll(ExportFormat format, const std::string& dir,
                                                                  bool draft) {
  PSIRT_ASSIGN_OR_RETURN(std::vector<FoldedAdvisory> all, AdvisoryService(store_, config_, clock_).All());
  PSIRT_RETURN_IF_ERROR(PrepareOutputDirectory(dir));
  ExportAllResult r;
  std::map<std::string, std::string> written;  // file name -> the advisory it holds
  for (const auto& [a, history] : all) {
    // Whose record it is comes first (as for one advisory): a CVE that is
    // not this CNA's is never published, ready or not.
    if (format == ExportFormat::kCve5 && AssignedByOtherCna(a, config_)) {
      r.skipped_why.push_back(a.id + " (" + a.cve_id + "): assigned by " + a.cve_assigner + ", not exported");
      continue;
    }
    if (format == ExportFormat::kCve5 && UnknownAssigner(a, config_)) {
      r.skipped_why.push_back(a.id + " (" + a.cve_id + "): who assigned it is unknown (only a page names it; "
                              "import its record, or cna.own_cve_years in psirt.yml), not exported");
      continue;
    }
    if (!draft && !CheckPublishable(a, history, format).ok()) {
      ++r.skipped;
      continue;
    }
    std::string name = (format == ExportFormat::kCve5 && !a.cve_id.empty() ? a.cve_id : a.id) +
                       (format == ExportFormat::kRst ? ".rst" : ".json");
    if (auto it = written.find(name); it != written.end()) {
      // Never one file twice: the second would silently replace the first.
      r.failed.push_back(a.id + ": " + name + " was already written for " + it->second + " (" + a.cve_id +
                         " is held twice: give one of them another CVE id, or reject it)");
      continue;
    }
    auto text = Render(a, history, format, draft);
    if (!text.ok()) {
      r.failed.push_back(text.status().ToString());
      continue;
    }
    Status st = WriteFileAtomic((std::filesystem::path(dir) / name).string(), *text);
    if (!st.ok()) return st;  // the disk, not the advisory: stop
    written[name] = a.id;
    ++r.written;
  }
  return r;
}

Result<std::vector<TagStatus>> PublishService::ReleaseStatuses(const Advisory& a) {
  std::vector<TagStatus> out;
  if (repo_dir_.empty() || !a.fix_facts) return out;
  AffectedModel am = DeriveAffected(a, config_.releases);
  if (am.fix_commits.empty()) return out;
  if (!git_) {
    PSIRT_ASSIGN_OR_RETURN(git_, GitService::Open(repo_dir_, config_.releases));
  }
  // The same containment facts as `psirt status`: a release is fixed when
  // it contains any of the fix commits (on main or backported).
  std::vector<std::string> revs = am.fix_commits;
  if (am.introduced_known) revs.push_back(a.introduced_by);
  auto contains = git_->Contains(revs, false);
  if (!contains.ok()) return out;  // history rewritten since the sync: no statuses
  std::set<std::string> fixed;
  for (size_t i = 0; i < am.fix_commits.size(); ++i)
    fixed.insert((*contains)[i].tags.begin(), (*contains)[i].tags.end());
  std::set<std::string> introduced;
  if (am.introduced_known) introduced.insert(contains->back().tags.begin(), contains->back().tags.end());
  for (const ReleaseTag& t : git_->release_tags())
    out.push_back({t.name, t.version, !fixed.count(t.name) && (!am.introduced_known || introduced.count(t.name))});
  return out;
}

Result<std::vector<std::string>> PublishService::AffectedTags(const Advisory& a) {
  PSIRT_ASSIGN_OR_RETURN(std::vector<TagStatus> releases, ReleaseStatuses(a));
  std::vector<std::string> out;
  for (const TagStatus& t : releases)
    if (t.affected) out.push_back(t.tag);
  return out;
}

Result<std::string> PublishService::ExportRstYear(int year) {
  PSIRT_ASSIGN_OR_RETURN(std::vector<FoldedAdvisory> all, AdvisoryService(store_, config_, clock_).All());
  std::vector<Advisory> list;
  for (FoldedAdvisory& f : all) {
    const Advisory& a = f.advisory;
    // The project's own CVEs: not those another CNA assigned (a module's).
    bool ours = a.cve_assigner.empty() || config_.cna.short_name.empty() ||
                a.cve_assigner == config_.cna.short_name;
    if (ours && OnVulnerabilityPage(a) && a.cve_id.rfind("CVE-" + std::to_string(year) + "-", 0) == 0)
      list.push_back(std::move(f.advisory));
  }
  // Imported entries keep their place on the page; the others follow in
  // order of publication, then CVE number.
  auto number = [](const std::string& cve) { return std::stol(cve.substr(9)); };
  std::stable_sort(list.begin(), list.end(), [&](const Advisory& x, const Advisory& y) {
    bool xi = x.page_position >= 0, yi = y.page_position >= 0;
    if (xi != yi) return xi;
    if (xi) return x.page_position < y.page_position;
    if (x.public_on != y.public_on) return x.public_on < y.public_on;
    return number(x.cve_id) < number(y.cve_id);
  });
  std::vector<RstPageEntry> entries;
  for (const Advisory& a : list)
    entries.push_back({AdvisoryToRstEntry(a, config_), a.published_text, a.published_fingerprint});
  return RenderVulnerabilityPage(year, entries, TrackerLabel(config_));
}

Result<std::string> PublishService::ExportReleaseNotes(const std::string& release) {
  std::string version = PlainVersion(release);
  std::vector<std::pair<std::string, ReleaseNoteItem>> items;  // sort key, item
  PSIRT_ASSIGN_OR_RETURN(std::vector<FoldedAdvisory> all, AdvisoryService(store_, config_, clock_).All());
  for (const FoldedAdvisory& f : all) {
    const Advisory& a = f.advisory;
    if (a.cve_id.empty() || a.state == State::kRejected) continue;
    AffectedModel am = DeriveAffected(a, config_.releases);
    bool addressed = am.main_fixed == version;
    for (const SeriesRange& r : am.series) addressed = addressed || r.fixed == version;
    if (!addressed) continue;
    ReleaseNoteItem item{a.cve_id, false, "", "", ""};
    item.embargoed = a.state != State::kPublic;
    if (item.embargoed)
      item.embargo_until = DateOr(DeadlinesOf(config_.policy, a).embargo_ends, "");
    else if (!a.ghsa_id.empty())
      item = {a.cve_id, false, "", a.ghsa_id, GhsaUrl(config_, a.ghsa_id, a.id)};
    std::string num = a.cve_id.substr(9);
    items.push_back({a.cve_id.substr(0, 9) + std::string(12 - std::min<size_t>(12, num.size()), '0') + num, item});
  }
  std::sort(items.begin(), items.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<ReleaseNoteItem> list;
  for (auto& [k, i] : items) list.push_back(i);
  return RenderReleaseNotesSection(list, config_.publish.vulnerabilities_url, TrackerLabel(config_));
}


}  // namespace psirt
