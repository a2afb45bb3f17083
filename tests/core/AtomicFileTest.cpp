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

TEST(AtomicFile, FilesWrittenTogetherAreAllReplacedOrNoneWhenOneCannotBeWritten) {
  auto dir = freshDir("together");
  ASSERT_TRUE(writeFilesAtomically({{dir / "table.json", "new json"}, {dir / "table.csv", "new csv"}}));
  EXPECT_EQ(readAll(dir / "table.json"), "new json");
  EXPECT_EQ(readAll(dir / "table.csv"), "new csv");

  // The second target's folder is a file, so its temporary cannot be created: the first file
  // must keep its old contents (no rename happens before every temporary is complete).
  std::ofstream(dir / "not-a-folder") << "x";
  auto result = writeFilesAtomically({{dir / "table.json", "newer json"}, {dir / "not-a-folder" / "t.csv", "csv"}});
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("not-a-folder"), std::string::npos) << result.error().message;
  EXPECT_EQ(readAll(dir / "table.json"), "new json");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator{}), 3) << "no temporary left behind";
}
