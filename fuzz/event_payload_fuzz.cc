// Fuzz target: stored event payloads (the durable JSON of every event kind),
// as another tool or an older psirt may have written them. Each is read as
// its payload type, folded onto an advisory and described; for what reads,
// writing it and reading it back gives the same JSON again.
// Input: "kind\njson" (kind: reported, noted, imported, ...).
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/advisory.h"
#include "core/event_payloads.h"

namespace {

using nlohmann::json;

template <class P>
void RoundTrip(const json& j) {
  auto p = P::FromJson(j);
  if (!p.ok()) return;
  json once = p->ToJson();
  auto again = P::FromJson(once);
  if (!again.ok() || again->ToJson() != once) __builtin_trap();  // what was written reads back the same
}

void RoundTripAs(psirt::EventKind k, const json& j) {
  using namespace psirt;
  switch (k) {
    case EventKind::kReported: return RoundTrip<ev::Reported>(j);
    case EventKind::kAcknowledged: return RoundTrip<ev::Acknowledged>(j);
    case EventKind::kTriaged: return RoundTrip<ev::Triaged>(j);
    case EventKind::kAssigned: return RoundTrip<ev::Assigned>(j);
    case EventKind::kFixLinked: return RoundTrip<ev::FixLinked>(j);
    case EventKind::kCveAssigned: return RoundTrip<ev::CveAssigned>(j);
    case EventKind::kCredited: return RoundTrip<ev::Credited>(j);
    case EventKind::kNoted: return RoundTrip<ev::Noted>(j);
    case EventKind::kMoved: return RoundTrip<ev::Moved>(j);
    case EventKind::kEdited: return RoundTrip<ev::Edited>(j);
    case EventKind::kSynced: return RoundTrip<ev::Synced>(j);
    case EventKind::kImported: return RoundTrip<ev::Imported>(j);
    case EventKind::kModule: return RoundTrip<ev::ModuleChanged>(j);
    case EventKind::kNotified: return RoundTrip<ev::Notified>(j);
    case EventKind::kGithub: return RoundTrip<ev::Github>(j);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace psirt;
  std::string in(reinterpret_cast<const char*>(data), size);
  size_t nl = in.find('\n');
  auto kind = ParseEventKind(in.substr(0, nl));
  if (!kind || nl == std::string::npos) return 0;
  json j = json::parse(in.substr(nl + 1), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return 0;
  Event first;
  first.advisory = "FUZZ-2026-0001";
  first.seq = 1;
  first.actor = "fuzz";
  first.kind = EventKind::kReported;
  first.payload = ev::Reported{"title", "", {}, std::nullopt, "cli"}.ToJson();
  Event e = first;
  e.seq = 2;
  e.kind = *kind;
  e.payload = j;
  Advisory a;
  if (!Apply(a, first).ok()) __builtin_trap();
  (void)Apply(a, e);
  (void)ev::DescribeEvent(e, true);
  (void)ev::DescribeEvent(e, false);
  if (j.is_object()) RoundTripAs(*kind, j);
  return 0;
}
