// Tests of private, atomic writes and mbox appends: modes, symlinks,
// non-mbox files, directories, leftovers of killed runs.
#include "app/file_io.h"

#include <gtest/gtest.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "testing/test_support.h"

namespace psirt {
namespace {

namespace fs = std::filesystem;

unsigned Mode(const std::string& p) {
  struct stat sb;
  EXPECT_EQ(::lstat(p.c_str(), &sb), 0);
  return sb.st_mode & 0777;
}

TEST(FileIo, AtomicWritesArePrivateAndRefuseDirectories) {
  testing::TempDir d;
  mode_t old = ::umask(0);
  ASSERT_TRUE(WriteFileAtomic(d / "a.json", "{}").ok());
  ::umask(old);
  EXPECT_EQ(Mode(d / "a.json"), 0600u);
  EXPECT_EQ(testing::ReadFile(d / "a.json"), "{}");
  Status st = WriteFileAtomic(d.path(), "x");
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("is a directory"), std::string::npos);
  for (const auto& e : fs::directory_iterator(d.path()))
    EXPECT_EQ(e.path().filename().string().find(kTempMarker), std::string::npos);
}

TEST(FileIo, OutputDirectoryLosesWhatKilledRunsLeft) {
  testing::TempDir d;
  std::string out = d / "out";
  ASSERT_TRUE(PrepareOutputDirectory(out).ok());
  EXPECT_EQ(Mode(out), 0700u);
  testing::WriteFile(out + "/.X.json" + kTempMarker + "999999", "partial");  // no such process
  // Left by a killed run whose PID now belongs to a live process (here:
  // PID 1): still stale, since nobody holds its lock.
  std::string reused = out + "/.Z.json" + kTempMarker + "1";
  testing::WriteFile(reused, "partial");
  // Being written right now: its writer holds the lock.
  std::string mine = out + "/.Y.json" + kTempMarker + std::to_string(::getppid());
  testing::WriteFile(mine, "in progress");
  int held = ::open(mine.c_str(), O_RDONLY);
  ASSERT_EQ(::flock(held, LOCK_EX), 0);
  testing::WriteFile(out + "/keep.json", "{}");
  ASSERT_TRUE(PrepareOutputDirectory(out).ok());
  EXPECT_FALSE(fs::exists(out + "/.X.json" + kTempMarker + "999999"));
  EXPECT_FALSE(fs::exists(reused)) << "a reused PID does not keep a stale file";
  EXPECT_TRUE(fs::exists(mine));
  ::close(held);
  EXPECT_TRUE(fs::exists(out + "/keep.json"));
  testing::WriteFile(d / "file", "x");
  EXPECT_FALSE(PrepareOutputDirectory(d / "file").ok());
}

TEST(FileIo, MboxAppendsRefuseSymlinksAndOtherFiles) {
  testing::TempDir d;
  std::string mbox = d / "out.mbox";
  ASSERT_TRUE(AppendToMbox(mbox, "From a Mon Jan  1 00:00:00 2026\nSubject: x\n\nbody\n\n").ok());
  EXPECT_EQ(Mode(mbox), 0600u);
  ASSERT_TRUE(AppendToMbox(mbox, "From a Mon Jan  1 00:00:00 2026\nSubject: y\n\nbody\n\n").ok());
  EXPECT_NE(testing::ReadFile(mbox).find("Subject: y"), std::string::npos);
  // Not an mbox: refused, untouched.
  testing::WriteFile(d / "notes.txt", "my notes\n");
  Status st = AppendToMbox(d / "notes.txt", "From a\n\n");
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("is not an mbox file"), std::string::npos);
  EXPECT_EQ(testing::ReadFile(d / "notes.txt"), "my notes\n");
  // A symlink (to anything): refused, its target untouched.
  fs::create_symlink(d / "notes.txt", d / "link.mbox");
  st = AppendToMbox(d / "link.mbox", "From a\n\n");
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("symbolic link"), std::string::npos) << st.message();
  EXPECT_EQ(testing::ReadFile(d / "notes.txt"), "my notes\n");
  EXPECT_FALSE(AppendToMbox(d.path(), "From a\n\n").ok());  // a directory
}

}  // namespace
}  // namespace psirt
