// Request values: canonical targets only (decoded, no dot or empty
// segments, no controls), query and form fields, cookies, files, headers
// in any case; responses replace headers but add cookies.
#include "server/http_message.h"

#include <gtest/gtest.h>

namespace psirt::http {
namespace {

TEST(HttpMessage, CanonicalTargetsOnly) {
  std::string path;
  std::vector<FormField> query;
  ASSERT_TRUE(ParseTarget("/advisories/P-2026-0001?state=New&q=heap+overflow", path, query).ok());
  EXPECT_EQ(path, "/advisories/P-2026-0001");
  ASSERT_EQ(query.size(), 2u);
  EXPECT_EQ(query[1].value, "heap overflow");
  ASSERT_TRUE(ParseTarget("/%72/abc/", path, query).ok());
  EXPECT_EQ(path, "/r/abc/");
  for (const char* bad : {"//r/x", "/./r/x", "/a/../b", "/a/%2e%2e/b", "/%2E/x", "/a//b", "/%00", "/a%0Ab", "x/y", "",
                          "/%zz", "/a#frag", "/\xff", "/q?a=%zz"}) {
    Status st = ParseTarget(bad, path, query);
    EXPECT_FALSE(st.ok()) << bad;
    EXPECT_EQ(st.field(), "path") << bad;
  }
}

TEST(HttpMessage, FieldsCookiesFilesAndHeaders) {
  Request r;
  r.headers.emplace("content-type", "multipart/form-data; boundary=b");
  r.headers.emplace("COOKIE", "a=1; psirt_session=s_abc; b=2");
  r.body = "--b\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nhi\r\nthere\r\n"
           "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.txt\"\r\n\r\nraw\r\n--b--";
  ASSERT_TRUE(ParseTarget("/x?text=query&n=1&n=2", r.path, r.query).ok());
  ASSERT_TRUE(r.ReadForm().ok());
  EXPECT_EQ(r.Param("text"), "hi\nthere") << "the body's field before the query's";
  EXPECT_EQ(r.Param("text", 1), "query");
  EXPECT_EQ(r.ParamCount("n"), 2u);
  EXPECT_EQ(r.Param("n", 1), "2");
  EXPECT_FALSE(r.HasParam("file")) << "a file is not a text field";
  ASSERT_NE(r.File("file"), nullptr);
  EXPECT_EQ(r.File("file")->value, "raw");
  EXPECT_EQ(r.Cookie("psirt_session"), "s_abc");
  EXPECT_EQ(r.Cookie("missing"), "");
  EXPECT_EQ(r.Header("Content-Type"), "multipart/form-data; boundary=b");
  r.body = "--b\r\nbroken";
  EXPECT_FALSE(r.ReadForm().ok());
  Response res;
  res.SetHeader("Content-Type", "a");
  res.SetHeader("content-type", "b");
  res.SetHeader("Set-Cookie", "x=1");
  res.SetHeader("Set-Cookie", "y=2");
  EXPECT_EQ(res.Header("CONTENT-TYPE"), "b");
  EXPECT_EQ(res.headers.size(), 3u);
}

}  // namespace
}  // namespace psirt::http
