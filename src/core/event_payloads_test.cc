// Tests of the event payload types: their JSON both ways, what older
// histories stored, bad payloads, and the one-line descriptions.
#include "core/event_payloads.h"

#include <gtest/gtest.h>

namespace psirt::ev {
namespace {

using nlohmann::json;

Event E(EventKind kind, json payload, std::string actor = "lead", int seq = 2) {
  Event e;
  e.advisory = "ZEPSEC-2026-0001";
  e.seq = seq;
  e.actor = std::move(actor);
  e.time = *Timestamp::Parse("2026-03-04T05:06:07Z");
  e.kind = kind;
  e.payload = std::move(payload);
  return e;
}

template <class P>
P RoundTrip(const P& p) {
  auto back = P::FromJson(p.ToJson());
  EXPECT_TRUE(back.ok()) << back.status().ToString();
  return back.ok() ? *back : P{};
}

Advisory FoldOf(std::vector<Event> events) {
  for (size_t i = 0; i < events.size(); ++i) events[i].seq = static_cast<int>(i) + 1;
  auto a = Fold(events);
  EXPECT_TRUE(a.ok()) << a.status().ToString();
  return a.ok() ? *a : Advisory{};
}

TEST(EventPayloads, EveryKindReadsBackWhatItWrote) {
  Reported r;
  r.title = "BT: overflow";
  r.description = "line 1\nline 2";
  r.reporter = {"Ann", "ann@example.org"};
  r.reported_on = *Date::Parse("2026-01-02");
  r.source = "web";
  r.message_id = "<m@x>";
  r.reporter_confirmed = false;
  Reported r2 = RoundTrip(r);
  EXPECT_EQ(r2.title, r.title);
  EXPECT_EQ(r2.description, r.description);
  EXPECT_EQ(r2.reporter.email, "ann@example.org");
  EXPECT_EQ(r2.reported_on, r.reported_on);
  EXPECT_EQ(r2.source, "web");
  EXPECT_EQ(r2.message_id, "<m@x>");
  EXPECT_EQ(r2.reporter_confirmed, std::optional<bool>(false));

  Moved m{State::kAccepted, State::kPublic, "released", "no CVE needed", std::nullopt};
  Moved m2 = RoundTrip(m);
  EXPECT_EQ(m2.from, State::kAccepted);
  EXPECT_EQ(m2.to, State::kPublic);
  EXPECT_EQ(m2.reason, "released");
  EXPECT_EQ(m2.no_cve_reason, std::optional<std::string>("no CVE needed"));
  EXPECT_FALSE(m2.early_reason);

  Imported i;
  i.format = "cve5";
  i.file = "CVE-2024-1.json";
  i.cve = "CVE-2024-1";
  i.state = State::kRejected;
  i.reason = "duplicate";
  i.cvss_score = 7.5;
  i.fixes = std::vector<Fix>{{Fix::Kind::kPr, "77", "main", "3.6", "https://x/77", "v3.6.0"}};
  i.references = std::vector<Reference>{{"record", "GHSA", "https://x/GHSA"}};
  i.credits = std::vector<Credit>{{"Ann", "finder"}};
  i.page_position = 3;
  i.embargo_ends = *Date::Parse("2026-05-01");
  Imported i2 = RoundTrip(i);
  EXPECT_EQ(i2.cve, i.cve);
  EXPECT_EQ(i2.state, State::kRejected);
  EXPECT_EQ(i2.reason, "duplicate");
  EXPECT_EQ(i2.cvss_score, 7.5);
  ASSERT_TRUE(i2.fixes && i2.fixes->size() == 1);
  EXPECT_EQ((*i2.fixes)[0], (*i.fixes)[0]);
  EXPECT_EQ(*i2.references, *i.references);
  EXPECT_EQ((*i2.credits)[0].type, "finder");
  EXPECT_EQ(i2.page_position, 3);
  EXPECT_EQ(i2.embargo_ends, i.embargo_ends);
  EXPECT_FALSE(i2.title) << "never given, never written";
  EXPECT_EQ(i2.FieldNames(), (std::vector<std::string>{"credits", "cve", "cvss_score", "embargo_ends", "fixes",
                                                       "page_position", "reason", "references", "state"}));

  Github g;
  g.repo = "o/r";
  g.pulls = json{{"77", {{"merged", true}, {"base", "main"}}}};
  g.resolved = Github::Resolution{"cvss", "theirs"};
  Github g2 = RoundTrip(g);
  EXPECT_EQ(g2.repo, std::optional<std::string>("o/r"));
  EXPECT_EQ((*g2.pulls)["77"]["base"], "main");
  EXPECT_EQ(g2.resolved->take, "theirs");
  EXPECT_FALSE(g2.base);

  Notified n{"ack:1", "acknowledgement", {"Ann <ann@example.org>"}, "<id@x>", "smtp"};
  Notified n2 = RoundTrip(n);
  EXPECT_EQ(n2.to, n.to);
  EXPECT_EQ(n2.transport, "smtp");
}

TEST(EventPayloads, OnlyGivenFieldsAreWrittenAndReplace) {
  Triaged t;
  t.cvss = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
  EXPECT_EQ(t.ToJson(), json({{"cvss", *t.cvss}}));
  EXPECT_TRUE(Triaged{}.empty());
  // An edit that clears the embargo writes null; one that sets it writes the
  // date; one that leaves it does not mention it.
  Edited clear;
  clear.embargo_ends.emplace(std::nullopt);
  clear.reason = "fix slipped";
  EXPECT_TRUE(clear.ToJson()["embargo_ends"].is_null());
  EXPECT_EQ(clear.ToJson()["reason"], "fix slipped");
  Edited title;
  title.title = "New title";
  EXPECT_EQ(title.ToJson(), json({{"title", "New title"}}));
  auto back = Edited::FromJson(clear.ToJson());
  ASSERT_TRUE(back.ok());
  ASSERT_TRUE(back->embargo_ends.has_value());
  EXPECT_FALSE(back->embargo_ends->has_value());

  Advisory a = FoldOf({E(EventKind::kReported, Reported{"T", "", {}, *Date::Parse("2026-01-01"), "cli"}.ToJson()),
                       E(EventKind::kTriaged, Triaged{.cvss = "x", .subsystem = "bt"}.ToJson()),
                       E(EventKind::kTriaged, Triaged{.files = std::vector<std::string>{"a.c"}}.ToJson()),
                       E(EventKind::kEdited, Edited{.embargo_ends = std::optional<Date>(*Date::Parse("2026-02-01"))}.ToJson()),
                       E(EventKind::kEdited, title.ToJson())});
  EXPECT_EQ(a.subsystem, "bt") << "a later triage replaces only what it gives";
  EXPECT_EQ(a.files, std::vector<std::string>{"a.c"});
  EXPECT_EQ(a.embargo_override, Date::Parse("2026-02-01").value()) << "an edit of the title keeps the embargo";
  EXPECT_EQ(a.title, "New title");
}

TEST(EventPayloads, OlderHistoriesFoldAsTheyAlwaysDid) {
  // Payloads as earlier psirt versions stored them: a fix with three keys, a
  // reporter's note without from_reporter, a web report without
  // reporter_confirmed, a move without reason.
  Advisory a = FoldOf({
      E(EventKind::kReported, {{"title", "T"}, {"description", ""}, {"reporter", {{"name", ""}, {"email", "x@y.z"}}},
                               {"reported_on", "2026-01-01"}, {"source", "web"}}),
      E(EventKind::kFixLinked, {{"kind", "pr"}, {"ref", "77"}, {"branch", "main"}}),
      E(EventKind::kNoted, {{"text", "hello"}, {"with_reporter", true}}, "reporter-link"),
      E(EventKind::kNoted, {{"text", "internal"}}),
      E(EventKind::kMoved, {{"from", "New"}, {"to", "Triage"}}),
  });
  EXPECT_FALSE(a.reporter_confirmed) << "typed into the public form";
  ASSERT_EQ(a.fixes.size(), 1u);
  EXPECT_EQ(a.fixes[0].ref, "77");
  EXPECT_EQ(a.fixes[0].label, "");
  ASSERT_EQ(a.notes.size(), 2u);
  EXPECT_TRUE(a.notes[0].from_reporter) << "older reporter notes are known by their actor";
  EXPECT_FALSE(a.notes[1].from_reporter);
  EXPECT_EQ(a.state, State::kTriage);
  EXPECT_EQ(a.version, 5);
}

TEST(EventPayloads, BadPayloadsNameTheEventAndTheField) {
  auto bad = [](EventKind k, json p) {
    Advisory a = FoldOf({E(EventKind::kReported, Reported{"T", "", {}, std::nullopt, "cli"}.ToJson())});
    Status st = Apply(a, E(k, std::move(p)));
    EXPECT_FALSE(st.ok());
    return st.message();
  };
  EXPECT_EQ(bad(EventKind::kMoved, {{"to", "Nowhere"}}), "event 2 (moved) of ZEPSEC-2026-0001: bad target state");
  EXPECT_EQ(bad(EventKind::kTriaged, {{"cvss_score", "high"}}), "event 2 (triaged) of ZEPSEC-2026-0001: bad cvss_score");
  EXPECT_EQ(bad(EventKind::kNoted, {{"text", 5}}), "event 2 (noted) of ZEPSEC-2026-0001: bad note");
  EXPECT_EQ(bad(EventKind::kImported, {{"fixes", {{{"kind", "tag"}}}}}), "event 2 (imported) of ZEPSEC-2026-0001: bad fix");
  EXPECT_EQ(bad(EventKind::kEdited, {{"embargo_ends", "soon"}}), "event 2 (edited) of ZEPSEC-2026-0001: bad embargo date");
  EXPECT_EQ(bad(EventKind::kNotified, {{"key", ""}}), "event 2 (notified) of ZEPSEC-2026-0001: bad notification key");
  EXPECT_EQ(bad(EventKind::kGithub, {{"pulls", json::array()}}), "event 2 (github) of ZEPSEC-2026-0001: bad pulls");
  EXPECT_EQ(bad(EventKind::kAssigned, json::array()), "event 2 (assigned) of ZEPSEC-2026-0001: payload is not an object");
  // Read as the wrong kind: an internal error, never a silent default.
  EXPECT_FALSE(PayloadOf<Moved>(E(EventKind::kNoted, {{"text", "x"}})).ok());
}

TEST(EventPayloads, DescriptionsSayWhatHappenedAndHideWhatOutsidersMayNotRead) {
  EXPECT_EQ(DescribeEvent(E(EventKind::kFixLinked, FixLinked{{Fix::Kind::kPr, "77", "main"}}.ToJson())),
            "fix linked: PR #77 on main");
  EXPECT_EQ(DescribeEvent(E(EventKind::kCveAssigned, CveAssigned{"CVE-2026-2", "CVE-2026-1", "typo"}.ToJson())),
            "CVE CVE-2026-2 (was CVE-2026-1: typo)");
  Event move = E(EventKind::kMoved, Moved{State::kReview, State::kAccepted, "internal reason"}.ToJson());
  EXPECT_EQ(DescribeEvent(move), "moved Review -> Accepted (internal reason)");
  EXPECT_EQ(DescribeEvent(move, /*insider=*/false), "moved Review -> Accepted");
  Event note = E(EventKind::kNoted, Noted{"secret detail", false}.ToJson());
  EXPECT_EQ(DescribeEvent(note), "note: secret detail");
  EXPECT_EQ(DescribeEvent(note, false), "note");
  EXPECT_EQ(DescribeEvent(E(EventKind::kNoted, Noted{"thanks", true, true}.ToJson())), "reporter wrote: thanks");
  EXPECT_EQ(DescribeEvent(E(EventKind::kCredited, Credited{{"Ann", "finder"}}.ToJson())), "credited Ann (finder)");
  EXPECT_EQ(DescribeEvent(E(EventKind::kMoved, {{"to", 3}})), "moved (unreadable)");
  // Whatever another tool stored inside a GitHub record is described, never thrown on.
  EXPECT_EQ(DescribeEvent(E(EventKind::kGithub, {{"repo", "o/r"}, {"facts", {{"state", 5}}},
                                                 {"pulls", {{"7", {{"merged", "yes"}, {"base", 1}}}}}})),
            "GitHub o/r: GHSA ?; PR #7 ? against ?");
  EXPECT_EQ(MovedTo(move), State::kAccepted);
  EXPECT_FALSE(MovedTo(note));
}

}  // namespace
}  // namespace psirt::ev
