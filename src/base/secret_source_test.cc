// Tests of reading secrets from a file or the environment.
#include "base/secret_source.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "testing/test_support.h"

namespace psirt {
namespace {

TEST(SecretSource, FileFirstThenEnvironmentNeverEchoed) {
  testing::TempDir dir;
  std::string file = dir / "token";
  std::ofstream(file) << "  s3cr3t-value-0123456789  \nsecond line\n";
  SecretSource s{file, "PSIRT_TEST_SECRET", "the test token", "test.token_file", 16};
  ::setenv("PSIRT_TEST_SECRET", "from-the-environment-0123", 1);
  EXPECT_EQ(ReadSecret(s).value(), "s3cr3t-value-0123456789") << "the file wins";
  s.file.clear();
  EXPECT_EQ(ReadSecret(s).value(), "from-the-environment-0123");
  ::setenv("PSIRT_TEST_SECRET", "short", 1);
  Status st = ReadSecret(s).status();
  EXPECT_EQ(st.message(), "PSIRT_TEST_SECRET: the test token is shorter than 16 characters");
  ::unsetenv("PSIRT_TEST_SECRET");
  EXPECT_EQ(ReadSecret(s).value(), "") << "no secret: none";
  std::ofstream(dir / "empty") << "\n";
  s.file = dir / "empty";
  EXPECT_EQ(ReadSecret(s).status().message(), s.file + ": the test token file is empty");
  std::ofstream(dir / "spaced") << "two words\n";
  s.file = dir / "spaced";
  EXPECT_EQ(ReadSecret(s).status().message(), s.file + ": the first line is not the test token");
  s.file = dir / "missing";
  st = ReadSecret(s).status();
  EXPECT_EQ(st.code(), Status::Code::kIo);
  EXPECT_EQ(st.message(), s.file + ": cannot read the test token (test.token_file)");
}

}  // namespace
}  // namespace psirt
