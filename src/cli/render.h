// Human-readable rendering of advisories, lists, histories and the agenda.
// Plain text for terminals; --json output lives in formats/psirt_json.
#pragma once

#include <span>
#include <string>

#include "core/advisory.h"
#include "core/agenda.h"
#include "core/event.h"
#include "core/policy.h"
#include "core/summary.h"

namespace psirt::cli {

std::string RenderAdvisory(const Advisory& a, const Deadlines& d);
std::string RenderList(std::span<const AdvisorySummary> list, const Policy& policy);
std::string RenderHistory(std::span<const Event> events);
std::string RenderAgenda(std::span<const Task> tasks, Date as_of);
// One line saying what a command changed ("TRS-2026-0001: moved Triage -> Assigned").
std::string RenderEventLine(const Event& e);

}  // namespace psirt::cli
