// Tests of the vulnerability database import: OSV YAML and JSON, CVE 5 and
// a ZIP archive built by the test land with their keys; a later `modified`
// replaces, an older one does not; one bad record anywhere writes nothing.
#include "app/vulndb_service.h"

#include <zip.h>

#include <filesystem>

#include <gtest/gtest.h>

#include "testing/test_support.h"

namespace psirt {
namespace {

std::string Osv(const std::string& id, const std::string& modified, const std::string& repo, const std::string& fixed) {
  return R"({"schema_version":"1.6.0","id":")" + id + R"(","modified":")" + modified +
         R"(","affected":[{"package":{"ecosystem":"OSS-Fuzz","name":"x"},"ranges":[{"type":"GIT","repo":")" + repo +
         R"(","events":[{"introduced":"0"},{"fixed":")" + fixed + R"("}]}]}]})";
}

void WriteZip(const std::string& path, const std::vector<std::pair<std::string, std::string>>& members) {
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  ASSERT_NE(z, nullptr);
  for (const auto& [name, content] : members) {
    char* copy = static_cast<char*>(malloc(content.size()));
    memcpy(copy, content.data(), content.size());
    zip_source_t* src = zip_source_buffer(z, copy, content.size(), 1);
    ASSERT_GE(zip_file_add(z, name.c_str(), src, ZIP_FL_ENC_UTF_8), 0);
  }
  ASSERT_EQ(zip_close(z), 0);
}

struct Db {
  testing::TempDir dir;
  std::unique_ptr<Store> store;
  Db() {
    auto s = OpenSqliteStore(dir / "psirt.db", OpenMode::kCreate);
    EXPECT_TRUE(s.ok());
    store = std::move(s).value();
  }
  std::vector<VulnRecord> Find(const std::string& kind, const std::string& key) {
    std::vector<VulnRecord> out;
    EXPECT_TRUE(store->Read([&](StoreTx& tx) -> Status {
      PSIRT_ASSIGN_OR_RETURN(out, FindVulnRecords(tx, kind, {key}));
      return Status::Ok();
    }).ok());
    return out;
  }
};

TEST(Vulndb, ImportsFilesFoldersZipAndCve5WithTheirKeys) {
  Db db;
  testing::TempDir in;
  std::string sha(40, 'a');
  testing::WriteFile(in / "recs/OSV-1.json", Osv("OSV-1", "2024-01-01T00:00:00Z", "https://github.com/Mbed-TLS/mbedtls.git", sha));
  testing::WriteFile(in / "recs/notes.txt", "not a record");
  std::filesystem::copy_file(testing::SharedData("records/osv/OSV-2022-1223.yaml"), in / "recs/OSV-2022-1223.yaml");
  WriteZip(in / "all.zip", {{"OSV-2.json", Osv("OSV-2", "2024-01-01T00:00:00Z", "https://github.com/x/y", std::string(40, 'b'))},
                            {"README", "ignored"}});
  auto r = ImportVulns(*db.store, {in / "recs", in / "all.zip", testing::SharedData("records/linux-cna/CVE-2024-26581.json")});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->files, 4u);
  EXPECT_EQ(r->added, 4u);
  EXPECT_EQ(r->osv, 3u);
  EXPECT_EQ(r->cve5, 1u);
  EXPECT_EQ(r->skipped, 2u);  // notes.txt and the archive's README
  EXPECT_EQ(r->total, 4);
  // Found by normalised repository, by commit, and decoded with their ranges.
  auto by_repo = db.Find("repo", "github.com/mbed-tls/mbedtls");
  ASSERT_EQ(by_repo.size(), 2u);  // OSV-1 and the real Mbed TLS record
  auto by_commit = db.Find("commit", sha);
  ASSERT_EQ(by_commit.size(), 1u);
  EXPECT_EQ(by_commit[0].id, "OSV-1");
  ASSERT_EQ(by_commit[0].affected.size(), 1u);
  EXPECT_EQ(by_commit[0].affected[0].ranges[0].Values(RangeEvent::Kind::kFixed), std::vector<std::string>{sha});
  auto kernel = db.Find("repo", "git.kernel.org/pub/scm/linux/kernel/git/stable/linux");
  ASSERT_EQ(kernel.size(), 1u);
  EXPECT_EQ(kernel[0].id, "CVE-2024-26581");
  EXPECT_EQ(db.Find("commit", "c60d252949caf9aba537525195edae6bbabc35eb").size(), 1u);
  EXPECT_EQ(db.Find("repo", "github.com/x/y").size(), 1u);
}

TEST(Vulndb, ReplacesOnlyWithALaterModifiedTime) {
  Db db;
  testing::TempDir in;
  testing::WriteFile(in / "a.json", Osv("OSV-1", "2024-02-01T00:00:00Z", "https://github.com/a/b", std::string(40, '1')));
  ASSERT_TRUE(ImportVulns(*db.store, {in / "a.json"}).ok());
  testing::WriteFile(in / "old.json", Osv("OSV-1", "2024-01-01T00:00:00Z", "https://github.com/a/b", std::string(40, '2')));
  auto old = ImportVulns(*db.store, {in / "old.json"});
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(old->unchanged, 1u);
  EXPECT_EQ(db.Find("commit", std::string(40, '1')).size(), 1u);
  testing::WriteFile(in / "new.json", Osv("OSV-1", "2024-03-01T00:00:00Z", "https://github.com/a/b", std::string(40, '3')));
  auto upd = ImportVulns(*db.store, {in / "new.json"});
  ASSERT_TRUE(upd.ok());
  EXPECT_EQ(upd->updated, 1u);
  EXPECT_EQ(db.Find("commit", std::string(40, '1')).size(), 0u);  // the old keys went with it
  EXPECT_EQ(db.Find("commit", std::string(40, '3')).size(), 1u);
}

TEST(Vulndb, OneBadRecordWritesNothingAndNamesTheFile) {
  Db db;
  testing::TempDir in;
  testing::WriteFile(in / "recs/a.json", Osv("OSV-1", "2024-01-01T00:00:00Z", "https://github.com/a/b", std::string(40, '1')));
  testing::WriteFile(in / "recs/b.json", R"({"id":"OSV-2","modified":"x","affected":[{"ranges":[{"type":"GIT"}]}]})");
  auto r = ImportVulns(*db.store, {in / "recs"});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().ToString().find("b.json"), std::string::npos) << r.status().ToString();
  EXPECT_TRUE(db.Find("commit", std::string(40, '1')).empty());
  testing::WriteFile(in / "bad.zip", "PK not really");
  auto z = ImportVulns(*db.store, {in / "bad.zip"});
  ASSERT_FALSE(z.ok());
  EXPECT_NE(z.status().ToString().find("bad.zip"), std::string::npos);
  EXPECT_FALSE(ImportVulns(*db.store, {in / "missing"}).ok());
  testing::WriteFile(in / "x.txt", "");
  EXPECT_EQ(ImportVulns(*db.store, {in / "x.txt"}).status().code(), Status::Code::kInvalid);
}

}  // namespace
}  // namespace psirt
