// ReporterPortal: what a reporter sees of their own report and how they
// answer the team - the one place for the private link (/r/<secret>), a
// signed-in reporter account and the e-mail intake. A reporter sees the
// state, the dates that concern them, the CVE once assigned, and the
// conversation with the team (notes marked for the reporter, theirs and
// the team's); never the team's internal notes, the need-to-know list,
// the suggested assignee or team members' names.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "base/time.h"
#include "core/advisory.h"
#include "core/config.h"
#include "store/store.h"

namespace psirt {

// The actor recorded for what a reporter writes through their private link.
inline constexpr const char* kReporterLinkActor = "reporter (private link)";

// One message of the conversation between the reporter and the team.
struct ReporterMessage {
  Timestamp time;
  bool from_reporter = false;  // "you"; else "security team"
  std::string text;
};

// Everything a reporter is shown of their own report.
struct ReporterView {
  std::string id;  // empty for a link holder until the advisory is Public
  std::string title;
  State state = State::kNew;
  std::optional<Date> reported_on;
  bool acknowledged = false;
  std::optional<Date> embargo_ends;
  std::string cve_id;
  std::vector<ReporterMessage> conversation;
};

nlohmann::json ToJson(const ReporterMessage& m);
nlohmann::json ToJson(const ReporterView& v);

// The reporter's view of `a` (pure). `with_id`: the advisory id is shown
// (to a reporter account; a link holder sees it once the advisory is
// Public, so ids never tell an anonymous reporter how many reports came in).
ReporterView ReporterViewOf(const Advisory& a, const Deadlines& d, bool with_id);

// The reporter's side: their view and their answers, by link or account.
class ReporterPortal {
 public:
  ReporterPortal(Store& store, const WorkspaceConfig& config, const Clock& clock)
      : store_(store), config_(config), clock_(clock) {}

  // For a reporter account (with the id).
  ReporterView ViewOf(const Advisory& a) const;
  // The advisory a private link opens; NotFound for any other value.
  Result<std::string> AdvisoryOfLink(const std::string& token);
  // What the link shows.
  Result<ReporterView> ByLink(const std::string& token);
  // The link holder's answer, recorded as a note of the conversation
  // written by the reporter through their link; the view after it.
  Result<ReporterView> ReplyByLink(const std::string& token, const std::string& text);
  // A reporter account's answer on its own report `ref` (id, CVE or GHSA
  // id), recorded as written by that account; the view after it (with the
  // id). NotFound for an advisory `v` may not see, Denied for one that is
  // not theirs.
  Result<ReporterView> ReplyAsAccount(const Viewer& v, const std::string& actor, const std::string& ref,
                                      const std::string& text);

 private:
  Result<ReporterView> Reply(const std::string& advisory, const std::string& actor, const std::string& text);

  Store& store_;
  const WorkspaceConfig& config_;
  const Clock& clock_;
};

}  // namespace psirt
