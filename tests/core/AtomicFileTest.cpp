#include "iliometry/core/AtomicFile.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

using namespace iliometry;
namespace fs = std::filesystem;

namespace {
std::string readAll(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
fs::path freshDir(const std::string& name) {
  auto dir = fs::temp_directory_path() / ("iliometry_core_" + name + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}
} // namespace

TEST(AtomicFile, WritesContentsAndLeavesNoTemporary) {
  auto dir = freshDir("write");
  ASSERT_TRUE(writeFileAtomically(dir / "sub" / "a.json", "{\"x\": 1}"));
  EXPECT_EQ(readAll(dir / "sub" / "a.json"), "{\"x\": 1}");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir / "sub"), fs::directory_iterator{}), 1);
}

TEST(AtomicFile, FailedWriterKeepsPreviousFile) {
  auto dir = freshDir("fail");
  ASSERT_TRUE(writeFileAtomically(dir / "a.txt", "old"));
  auto result = writeViaTemporary(dir / "a.txt", [](const fs::path& tmp) -> Result<void> {
    std::ofstream(tmp) << "half";
    return makeError(ErrorCode::OutputFailed, "disk full");
  });
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::OutputFailed);
  EXPECT_EQ(readAll(dir / "a.txt"), "old");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator{}), 1);
}

TEST(AtomicFile, FullDiskIsReportedNamingTheFile) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "/dev/full not available";
  // /dev/full is not a folder, so the temporary file cannot be created: the error must name
  // the target and nothing may be left behind.
  auto result = writeFileAtomically("/dev/full/report.json", "{}");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::OutputFailed);
  EXPECT_NE(result.error().message.find("/dev/full"), std::string::npos);
}
