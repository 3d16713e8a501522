// Human-readable rendering of advisories, lists, histories and the agenda.
// Plain text for terminals; --json output lives in formats/psirt_json.
#pragma once

#include <span>
#include <string>

#include <nlohmann/json.hpp>

#include "core/advisory.h"
#include "core/agenda.h"
#include "core/event.h"
#include "core/policy.h"
#include "core/summary.h"

namespace psirt::cli {

std::string RenderAdvisory(const Advisory& a, const Deadlines& d);
// The rows of `list --json` (a server's or the workspace's) as a table.
std::string RenderList(const nlohmann::json& rows);
std::string RenderHistory(std::span<const Event> events);
// The agenda as `todo --json` gives it ({"as_of", "tasks"}).
std::string RenderAgenda(const nlohmann::json& agenda);
// One line saying what a command changed ("TRS-2026-0001: moved Triage -> Assigned").
std::string RenderEventLine(const Event& e);

}  // namespace psirt::cli
