// Event kind names.
#include "core/event.h"

namespace psirt {
namespace {
constexpr std::pair<EventKind, std::string_view> kNames[] = {
    {EventKind::kReported, "reported"},       {EventKind::kAcknowledged, "acknowledged"},
    {EventKind::kTriaged, "triaged"},         {EventKind::kAssigned, "assigned"},
    {EventKind::kFixLinked, "fix_linked"},    {EventKind::kCveAssigned, "cve_assigned"},
    {EventKind::kCredited, "credited"},       {EventKind::kNoted, "noted"},
    {EventKind::kMoved, "moved"},             {EventKind::kEdited, "edited"},
    {EventKind::kSynced, "synced"},
    {EventKind::kImported, "imported"},
    {EventKind::kNotified, "notified"},
    {EventKind::kGithub, "github"},
    {EventKind::kModule, "module"},
    {EventKind::kCveRecord, "cve_record"},
    {EventKind::kPatchAdded, "patch_added"},
    {EventKind::kPatchChecked, "patch_checked"},
    {EventKind::kPatchTested, "patch_tested"},
};
}  // namespace

std::string_view EventKindName(EventKind k) {
  for (auto& [kind, name] : kNames)
    if (kind == k) return name;
  return "?";
}

std::optional<EventKind> ParseEventKind(std::string_view name) {
  for (auto& [kind, n] : kNames)
    if (n == name) return kind;
  return std::nullopt;
}

}  // namespace psirt
