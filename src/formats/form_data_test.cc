// Form bodies as browsers send them: URL-encoded pairs and multipart parts
// (fields, files, the HTML standard's escaping of names), line breaks
// normalised in text but never in files, and malformed bodies refused.
#include "formats/form_data.h"

#include "base/strings.h"

#include <gtest/gtest.h>

namespace psirt {
namespace {

TEST(FormData, UrlEncodedPairs) {
  auto f = ParseUrlEncoded("title=Heap+overflow&description=line%20one%0D%0Aline+two&empty=&flag&&a=1&a=2");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  ASSERT_EQ(f->size(), 6u);
  EXPECT_EQ((*f)[0].name, "title");
  EXPECT_EQ((*f)[0].value, "Heap overflow");
  EXPECT_EQ((*f)[1].value, "line one\nline two") << "CRLF from a textarea becomes LF";
  EXPECT_EQ((*f)[2].value, "");
  EXPECT_EQ((*f)[3].name, "flag");
  EXPECT_EQ((*f)[4].value, "1");
  EXPECT_EQ((*f)[5].value, "2");
  for (const char* bad : {"a=%zz", "a=%4", "%=1", "a=%"}) {
    auto r = ParseUrlEncoded(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.status().message().find("malformed form data"), std::string::npos);
  }
  std::string many;
  for (int i = 0; i < 200; ++i) many += "f" + std::to_string(i) + "=x&";
  EXPECT_FALSE(ParseUrlEncoded(many).ok()) << "bounded number of fields";
}

TEST(FormData, MultipartFieldsAndFiles) {
  std::string body =
      "preamble is ignored\r\n"
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"title\"\r\n\r\n"
      "A title\r\n"
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"description\"\r\n\r\n"
      "one\r\ntwo\r\n\r\n"
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"attachment\"; filename=\"po%22c.bin\"\r\n"
      "Content-Type: application/octet-stream\r\n\r\n"
      "bin\r\nary#\xff\r\n"
      "--XyZ\r\n"
      "content-disposition: form-data; name=\"nofile\"; filename=\"\"\r\n\r\n"
      "\r\n"
      "--XyZ--\r\nepilogue";
  body[body.find("ary#") + 3] = '\0';  // a NUL byte in the file
  auto boundary = MultipartBoundary("multipart/form-data; boundary=XyZ");
  ASSERT_TRUE(boundary.ok());
  auto f = ParseMultipart(body, *boundary);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  ASSERT_EQ(f->size(), 4u);
  EXPECT_EQ((*f)[0].value, "A title");
  EXPECT_FALSE((*f)[0].is_file);
  EXPECT_EQ((*f)[1].value, "one\ntwo\n") << "text: CRLF to LF";
  EXPECT_TRUE((*f)[2].is_file);
  EXPECT_EQ((*f)[2].filename, "po\"c.bin") << "the HTML standard escapes '\"' as %22";
  EXPECT_EQ((*f)[2].content_type, "application/octet-stream");
  EXPECT_EQ((*f)[2].value, std::string("bin\r\nary\0\xff", 10)) << "files: byte for byte";
  EXPECT_TRUE((*f)[3].is_file);
  EXPECT_EQ((*f)[3].filename, "");
  // RFC 5987 file names.
  auto ext = ParseMultipart("--b\r\nContent-Disposition: form-data; name=\"f\"; filename*=UTF-8''%E2%82%AC.txt\r\n\r\nx\r\n--b--", "b");
  ASSERT_TRUE(ext.ok()) << ext.status().ToString();
  EXPECT_EQ((*ext)[0].filename, "\xE2\x82\xAC.txt");
}

TEST(FormData, MalformedMultipartIsRefused) {
  struct Case {
    const char* name;
    std::string body;
  };
  std::vector<Case> cases = {
      {"no boundary at all", "just text"},
      {"not closed", "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue"},
      {"no disposition", "--b\r\nContent-Type: text/plain\r\n\r\nv\r\n--b--"},
      {"no name", "--b\r\nContent-Disposition: form-data; filename=\"x\"\r\n\r\nv\r\n--b--"},
      {"not form-data", "--b\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nv\r\n--b--"},
      {"header without colon", "--b\r\nContent-Disposition form-data\r\n\r\nv\r\n--b--"},
      {"unterminated quote", "--b\r\nContent-Disposition: form-data; name=\"a\r\n\r\nv\r\n--b--"},
      {"headers never end", "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n" + std::string(9000, 'x')},
      {"no line break after boundary", "--bjunk"},
  };
  for (const Case& k : cases) {
    auto r = ParseMultipart(k.body, "b");
    ASSERT_FALSE(r.ok()) << k.name;
    EXPECT_EQ(r.status().code(), Status::Code::kInvalid) << k.name;
    EXPECT_NE(r.status().message().find("malformed form data"), std::string::npos) << k.name;
  }
  for (const char* type : {"text/plain", "multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=a\x01",
                           "multipart/form-data; boundary=\"" /* unterminated */})
    EXPECT_FALSE(MultipartBoundary(type).ok()) << type;
  EXPECT_EQ(*MultipartBoundary("Multipart/Form-Data; charset=x; boundary=\"----WebKitFormBoundaryAbC\""),
            "----WebKitFormBoundaryAbC");
}

TEST(FormData, LineBreaks) {
  EXPECT_EQ(NormalizeLineBreaks("a\r\nb\rc\nd\r\n"), "a\nb\nc\nd\n");
  EXPECT_EQ(NormalizeLineBreaks("plain"), "plain");
}

}  // namespace
}  // namespace psirt
