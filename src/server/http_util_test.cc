// Strict query strings (known names, typed values, the parameter named in
// each error), strict JSON bodies (types, duplicate and unknown keys at every depth,
// the field named in each error), error statuses, and the access log's
// redaction of secrets however a path is spelled.
#include "server/http_util.h"
#include "base/strings.h"

#include <gtest/gtest.h>

namespace psirt::http {
namespace {

Request Json(std::string body) {
  Request r;
  r.headers.emplace("Content-Type", "application/json; charset=utf-8");
  r.body = std::move(body);
  return r;
}

Request Query(std::vector<std::pair<std::string, std::string>> fields) {
  Request r;
  for (auto& [k, v] : fields) r.query.push_back(FormField{k, v});
  return r;
}

TEST(QueryParams, OnlyKnownNamesEachTypedAndTheErrorNamesTheParameter) {
  auto q = QueryParams::Read(Query({{"as_of", "2026-12-05"}, {"path", "a.c"}, {"path", "b.c"}}), {"as_of", "path"});
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->OptDate("as_of")->value().ToString(), "2026-12-05");
  EXPECT_EQ(*q->List("path", "?path=FILE", 10), (std::vector<std::string>{"a.c", "b.c"}));
  EXPECT_FALSE(q->OptDate("missing")->has_value());
  struct Bad {
    std::vector<std::pair<std::string, std::string>> query;
    std::string field, message;
  };
  for (const Bad& k : std::vector<Bad>{
           {{{"as_of", "2026-12-05"}, {"asof", "x"}}, "asof", "unknown query parameter 'asof' (known: as_of, path)"},
           {{{"as_of", "5 Dec"}}, "as_of", "as_of: "},
           {{{"as_of", "2026-12-05"}, {"as_of", "2026-12-06"}}, "as_of", "as_of: give it once"},
           {{}, "path", "path: give ?path=FILE (repeatable)"},
           {{{"path", "a"}, {"path", "b"}, {"path", "c"}}, "path", "path: at most 2 values"},
       }) {
    Status st;
    auto r = QueryParams::Read(Query(k.query), {"as_of", "path"});
    if (!r.ok()) st = r.status();
    else if (auto d = r->OptDate("as_of"); !d.ok()) st = d.status();
    else if (auto l = r->List("path", "?path=FILE", 2); !l.ok()) st = l.status();
    ASSERT_FALSE(st.ok()) << k.message;
    EXPECT_EQ(st.field(), k.field) << st.message();
    EXPECT_EQ(st.message().rfind(k.message, 0), 0u) << st.message();
    EXPECT_EQ(HttpStatus(st, true), 400);
  }
  auto none = QueryParams::Read(Query({{"vector", "x"}}), {});
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("this endpoint takes none"), std::string::npos);
  auto v = QueryParams::Read(Query({}), {"vector"});
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->Required("vector", "?vector=CVSS:3.1/...").status().message(), "vector: give ?vector=CVSS:3.1/...");
}

TEST(JsonBody, TypedFieldsNameTheFieldInEveryError) {
  auto b = JsonBody::Read(Json(R"({"text":"a\r\nb","flag":true,"list":["x","y"],"attachment":{"name":"f"}})"),
                          {"text", "flag", "list", "attachment", "absent"});
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(*b->String("text"), "a\nb") << "line breaks normalised";
  EXPECT_EQ(*b->Bool("flag", false), true);
  EXPECT_EQ(*b->Bool("absent", true), true);
  EXPECT_EQ(b->StringList("list")->size(), 2u);
  EXPECT_FALSE(b->OptString("absent")->has_value());
  auto a = b->Object("attachment", {"name", "data_base64"});
  ASSERT_TRUE(a.ok() && a->has_value());
  EXPECT_EQ(*(*a)->String("name"), "f");
  struct Case {
    std::string body;
    std::string field;
  };
  std::vector<Case> wrong = {
      {R"({"text":5})", "text"},
      {R"({"flag":"yes"})", "flag"},
      {R"({"list":"x"})", "list"},
      {R"({"list":["x",1]})", "list"},
      {R"({"attachment":[]})", "attachment"},
      {R"({"attachment":{"name":5}})", "attachment.name"},
      {R"({"attachment":{"name":"f","extra":1}})", "attachment.extra"},
      {R"({"text":"a","text":"b"})", "text"},
      {R"({"attachment":{"name":"a","name":"b"}})", "name"},
      {R"({"admin":true})", "admin"},
  };
  for (const Case& k : wrong) {
    auto r = JsonBody::Read(Json(k.body), {"text", "flag", "list", "attachment"});
    Status st = r.ok() ? Status::Ok() : r.status();
    if (r.ok()) {
      for (Status s : {r->String("text").status(), r->Bool("flag", false).status(), r->StringList("list").status()})
        if (!s.ok()) st = s;
      auto obj = r->Object("attachment", {"name"});
      if (!obj.ok()) st = obj.status();
      else if (obj->has_value() && !(*obj)->String("name").ok()) st = (*obj)->String("name").status();
    }
    ASSERT_FALSE(st.ok()) << k.body;
    EXPECT_EQ(st.code(), Status::Code::kInvalid) << k.body;
    EXPECT_EQ(st.field(), k.field) << k.body << ": " << st.ToString();
    EXPECT_EQ(HttpStatus(st, true), 400);
  }
  EXPECT_FALSE(JsonBody::Read(Json("[1]"), {}).ok());
  EXPECT_FALSE(JsonBody::Read(Json("{\"a\":"), {"a"}).ok());
  EXPECT_FALSE(JsonBody::Read(Json("{\"a\":\"\xff\"}"), {"a"}).ok());
  Request form = Json("{}");
  form.headers.clear();
  form.headers.emplace("Content-Type", "text/plain");
  EXPECT_FALSE(JsonBody::Read(form, {}).ok());
  Request empty;
  EXPECT_TRUE(JsonBody::Read(empty, {}).ok()) << "no body at all is an empty object";
}

TEST(HttpUtil, StatusesAndTheOneErrorShape) {
  Response r;
  SendError(r, Status::Io("disk /var/lib/x: gone"), true);
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.Header("Retry-After"), "5");
  EXPECT_EQ(r.body.find("/var/lib"), std::string::npos) << "no server details";
  auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["error"]["code"], "unavailable");
  SendError(r, Status::Denied("x"), false);
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.Header("WWW-Authenticate"), "Bearer");
  Response e;
  SendError(e, std::move(Status::Invalid("bad").Field("title")), true);
  EXPECT_EQ(nlohmann::json::parse(e.body)["error"]["field"], "title");
}

TEST(HttpUtil, SecretsAreRedactedHoweverThePathIsSpelled) {
  std::string secret = "r_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg";
  for (std::string p : {"/r/" + secret, "/R/" + secret, "/%72/" + secret, "/r/" + secret + "/x", "/api/v1/reports/" + secret + "/comments",
                        "/api/v1/Reports/" + secret, "/anything/" + secret, "/x/s_" + secret.substr(2)}) {
    std::string logged = RedactPath(p);
    EXPECT_EQ(logged.find(secret.substr(2, 30)), std::string::npos) << p << " -> " << logged;
    EXPECT_NE(logged.find("<secret>"), std::string::npos) << p;
  }
  EXPECT_EQ(RedactPath("/advisories/P-2026-0001"), "/advisories/P-2026-0001");
  EXPECT_EQ(RedactPath("/a\x1b[2J"), "/a\\x1b[2J");
  EXPECT_LE(RedactPath("/" + std::string(5000, 'a')).size(), 520u);
}

TEST(HttpUtil, EchoedValuesAreShort) {
  std::string huge(131072, 'x');
  std::string e = Shown(huge);
  EXPECT_LT(e.size(), 120u);
  EXPECT_NE(e.find("(131072 bytes)"), std::string::npos);
  EXPECT_EQ(Shown("short\x01"), "short\\x01");
}

}  // namespace
}  // namespace psirt::http
