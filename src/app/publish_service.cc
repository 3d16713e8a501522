// Publishing and import over the advisory store.
#include "app/publish_service.h"

#include <algorithm>
#include <filesystem>

#include "formats/advisory_rst.h"
#include "formats/zephyr_rst.h"

namespace psirt {

class SchemaSet {};

std::optional<ExportFormat> ParseExportFormat(std::string_view name) {
  if (name == "cve5") return ExportFormat::kCve5;
  if (name == "osv") return ExportFormat::kOsv;
  if (name == "csaf") return ExportFormat::kCsaf;
  if (name == "rst") return ExportFormat::kRst;
  return std::nullopt;
}

PublishService::PublishService(Store& store, const WorkspaceConfig& config, const Clock& clock,
                               std::string schema_dir)
    : store_(store), config_(config), clock_(clock), schema_dir_(std::move(schema_dir)) {}
PublishService::~PublishService() = default;

Result<ImportOutcome> PublishService::ImportZephyrRst(const std::vector<InputFile>& files) {
  // Every file is read before anything is written: one bad page, no import.
  std::vector<ImportItem> items;
  for (const InputFile& f : files) {
    PSIRT_ASSIGN_OR_RETURN(RstPage page, ParseVulnerabilityPage(f.text, f.name));
    for (size_t i = 0; i < page.entries.size(); ++i) {
      const RstEntry& e = page.entries[i];
      ImportItem item;
      item.cve = e.cve;
      item.fields = RstEntryToImportFields(e, config_);
      item.fields["format"] = "zephyr-rst";
      item.fields["file"] = std::filesystem::path(f.name).filename().string();
      item.fields["published_text"] = e.source;
      item.fields["published_fingerprint"] = RstFingerprint(e);
      item.fields["page_position"] = static_cast<int>(i);
      int year = std::stoi(e.cve.substr(4, 4));
      auto d = Date::Parse(std::to_string(year) + "-01-01");
      if (!d.ok()) return Status::Invalid(f.name + ":" + std::to_string(e.line) + ": bad CVE year");
      item.reported_on = *d;
      items.push_back(std::move(item));
    }
  }
  AdvisoryService svc(store_, config_, clock_);
  return svc.Import("import", items);
}

Result<ImportOutcome> PublishService::ImportCve5(const std::vector<InputFile>&) {
  return Status::Internal("cve5 import is not implemented yet");
}

Result<Advisory> PublishService::Load(const std::string& id) {
  AdvisoryService svc(store_, config_, clock_);
  return svc.Get(id);
}

Status PublishService::CheckPublishable(const Advisory& a, ExportFormat f) const {
  std::vector<std::string> missing;
  if (a.cve_id.empty() && f != ExportFormat::kOsv && f != ExportFormat::kCsaf)
    missing.push_back("a CVE id (psirt cve " + a.id + " CVE-YYYY-NNNN)");
  if (a.title.empty()) missing.push_back("a title");
  if (a.state == State::kRejected) missing.push_back("a state other than Rejected");
  else if (a.state != State::kPublic) missing.push_back("the embargo to be over (state Public; it is " +
                                                        std::string(StateName(a.state)) + ")");
  if (missing.empty()) return Status::Ok();
  std::string msg = a.id + " cannot be published yet; it needs:";
  for (const std::string& m : missing) msg += "\n  - " + m;
  msg += "\n(--draft exports it anyway, marked as a draft)";
  return Status::Invalid(msg);
}

Result<std::string> PublishService::Export(const std::string& id, ExportFormat format, bool draft) {
  PSIRT_ASSIGN_OR_RETURN(Advisory a, Load(id));
  if (!draft) PSIRT_RETURN_IF_ERROR(CheckPublishable(a, format));
  switch (format) {
    case ExportFormat::kRst:
      return RenderRstEntry(AdvisoryToRstEntry(a, config_), TrackerLabel(config_));
    default:
      return Status::Internal("format not implemented yet");
  }
}

Result<std::string> PublishService::ExportRstYear(int year) {
  std::vector<Advisory> list;
  PSIRT_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(std::vector<std::string> ids, tx.AdvisoryIds());
    for (const std::string& id : ids) {
      PSIRT_ASSIGN_OR_RETURN(std::vector<Event> events, tx.LoadEvents(id));
      PSIRT_ASSIGN_OR_RETURN(Advisory a, Fold(events));
      if (a.state == State::kPublic && a.cve_id.rfind("CVE-" + std::to_string(year) + "-", 0) == 0)
        list.push_back(std::move(a));
    }
    return Status::Ok();
  }));
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

Result<std::string> PublishService::ExportReleaseNotes(const std::string&) {
  return Status::Internal("release notes are not implemented yet");
}

Result<const SchemaSet*> PublishService::Schemas() { return schemas_.get(); }

}  // namespace psirt
