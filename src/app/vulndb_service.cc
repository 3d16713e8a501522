// The vulnerability database (see vulndb_service.h).
#include "app/vulndb_service.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "app/file_io.h"
#include "app/zip_archive.h"
#include "core/vuln_keys.h"
#include "formats/vuln_record_json.h"
#include "formats/vuln_record_read.h"

namespace psirt {
namespace {

namespace fs = std::filesystem;

constexpr std::uint64_t kMaxRecordBytes = 16u << 20;  // osv.dev's largest records are a few MB

bool RecordName(const std::string& name) {
  for (const char* ext : {".json", ".yaml", ".yml"}) {
    size_t n = std::char_traits<char>::length(ext);
    if (name.size() > n && name.compare(name.size() - n, n, ext) == 0) return true;
  }
  return false;
}

bool ZipName(const std::string& name) { return name.size() > 4 && name.compare(name.size() - 4, 4, ".zip") == 0; }

// Every record file named by `paths` (folders walked in sorted order).
Result<std::vector<std::string>> Expand(const std::vector<std::string>& paths, VulnImportReport& report) {
  std::vector<std::string> out;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        std::string f = it->path().string();
        if (RecordName(f) || ZipName(f)) found.push_back(f);
        else ++report.skipped;
      }
      if (ec) return Status::Io(p + ": " + ec.message());
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else if (fs::exists(p, ec)) {
      if (!RecordName(p) && !ZipName(p))
        return Status::Invalid(p + ": expected an OSV or CVE 5 record (.json, .yaml, .yml), a folder or a .zip of records");
      out.push_back(p);
    } else {
      return Status::NotFound(p + ": no such file or folder");
    }
  }
  return out;
}

}  // namespace

Result<VulnImportReport> ImportVulns(Store& store, const std::vector<std::string>& paths, const ImportProgress& progress) {
  VulnImportReport report;
  PSIRT_ASSIGN_OR_RETURN(std::vector<std::string> files, Expand(paths, report));
  // Read and check everything before writing anything. The newest of
  // several copies of one id within the import wins.
  std::map<std::string, ReadVuln> records;
  auto take = [&](const std::string& text, const std::string& where) -> Status {
    PSIRT_ASSIGN_OR_RETURN(ReadVuln r, ReadVulnRecord(text, where));
    ++report.files;
    if (progress) progress(report.files, 0);
    auto it = records.find(r.record.id);
    if (it == records.end() || it->second.record.modified < r.record.modified) records[r.record.id] = std::move(r);
    return Status::Ok();
  };
  for (const std::string& f : files) {
    if (ZipName(f)) {
      PSIRT_RETURN_IF_ERROR(ForEachZipMember(f, kMaxRecordBytes, [&](const std::string& name, std::string content) {
        if (!RecordName(name)) {
          ++report.skipped;
          return Status::Ok();
        }
        return take(content, f + ":" + name);
      }));
      continue;
    }
    std::error_code ec;
    auto size = fs::file_size(f, ec);
    if (!ec && size > kMaxRecordBytes) return Status::Invalid(f + ": " + std::to_string(size) + " bytes, more than a record may have");
    PSIRT_ASSIGN_OR_RETURN(std::string text, ReadFileText(f));
    PSIRT_RETURN_IF_ERROR(take(text, f));
  }
  size_t done = 0;
  PSIRT_RETURN_IF_ERROR(store.Write([&](StoreTx& tx) -> Status {
    report.added = report.updated = report.unchanged = report.osv = report.cve5 = 0;
    done = 0;
    for (auto& [id, r] : records) {
      if (progress && ++done % 256 == 0) progress(done, records.size());
      PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> stored, tx.VulnModified(id));
      if (stored && *stored >= r.record.modified) {
        ++report.unchanged;
        continue;
      }
      ++(stored ? report.updated : report.added);
      ++(r.source == "cve5" ? report.cve5 : report.osv);
      PSIRT_RETURN_IF_ERROR(tx.PutVuln({id, r.source, r.record.modified, VulnRecordToJson(r.record), VulnIndexKeys(r.record)}));
    }
    PSIRT_ASSIGN_OR_RETURN(report.total, tx.CountVulns());
    return Status::Ok();
  }));
  if (progress) progress(records.size(), records.size());
  return report;
}

nlohmann::json VulnImportReportToJson(const VulnImportReport& r) {
  return {{"records_read", r.files}, {"added", r.added},     {"updated", r.updated}, {"unchanged", r.unchanged},
          {"skipped_files", r.skipped}, {"osv", r.osv},      {"cve5", r.cve5},       {"total", r.total}};
}

Result<std::vector<VulnRecord>> FindVulnRecords(StoreTx& tx, const std::string& kind, const std::vector<std::string>& keys) {
  PSIRT_ASSIGN_OR_RETURN(std::vector<VulnRow> rows, tx.FindVulns(kind, keys));
  std::vector<VulnRecord> out;
  out.reserve(rows.size());
  for (const VulnRow& row : rows) {
    PSIRT_ASSIGN_OR_RETURN(VulnRecord r, VulnRecordFromJson(row.record));
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace psirt
