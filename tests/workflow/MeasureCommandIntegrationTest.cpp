// `iliometry measure` as a user runs it: exit codes, progress on stderr, --quiet.
#include "TempFolder.h"

#include "iliometry/dicom/SeriesWriter.h"
#include "iliometry/testdata/Phantom.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/wait.h>

using namespace iliometry;
using iliometry::testing_support::TempFolder;
namespace fs = std::filesystem;

namespace {

struct CommandResult {
  int exitCode = -1;
  std::string out, err;
};

std::string readFile(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string quoted(const fs::path& path) { return "'" + path.string() + "'"; }

CommandResult runCli(const std::string& arguments, const fs::path& folder) {
  const fs::path out = folder / "stdout.txt", err = folder / "stderr.txt";
  const std::string command = std::string(ILIOMETRY_CLI) + " " + arguments + " >" + quoted(out) + " 2>" + quoted(err);
  const int status = std::system(command.c_str());
  CommandResult result;
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = readFile(out);
  result.err = readFile(err);
  return result;
}

fs::path writeCtNifti(const fs::path& folder) {
  const auto phantom = testdata::generatePhantom(testdata::PhantomParameters{});
  const fs::path path = folder / "ct.nii.gz";
  const auto written = dicom::writeImageFile(*phantom.volume.image, path);
  EXPECT_TRUE(written) << (written ? "" : written.error().describe());
  return path;
}

} // namespace

TEST(MeasureCommandIntegration, NonexistentInputExitsWithTheInputNotFoundCode) {
  TempFolder folder("cli-missing");
  const auto result =
      runCli("measure " + quoted(folder.path() / "nothing") + " -o " + quoted(folder.path() / "out"), folder.path());
  EXPECT_EQ(result.exitCode, exitCodeFor(ErrorCode::InputNotFound));
  EXPECT_NE(result.err.find("iliometry: error:"), std::string::npos);
}

TEST(MeasureCommandIntegration, UnknownBasisExitsWithTheInvalidArgumentCode) {
  TempFolder folder("cli-basis");
  const auto result = runCli("measure in -o out --psoas-basis L9", folder.path());
  EXPECT_EQ(result.exitCode, exitCodeFor(ErrorCode::InvalidArgument));
  EXPECT_NE(result.err.find("--psoas-basis"), std::string::npos);
  EXPECT_NE(result.err.find("L9"), std::string::npos);
}

TEST(MeasureCommandIntegration, UnknownModalityExitsWithTheInvalidArgumentCode) {
  TempFolder folder("cli-modality");
  const auto result = runCli("measure in -o out --modality PET", folder.path());
  EXPECT_EQ(result.exitCode, exitCodeFor(ErrorCode::InvalidArgument));
  EXPECT_NE(result.err.find("--modality"), std::string::npos);
}

TEST(MeasureCommandIntegration, ProgressGoesToStderrAndQuietSilencesIt) {
  TempFolder folder("cli-progress");
  const fs::path input = writeCtNifti(folder.path());
  // --modality MR stops the run right after loading, with UnsupportedModality.
  const std::string arguments = "measure " + quoted(input) + " -o " + quoted(folder.path() / "out") + " --modality MR";
  const auto loud = runCli(arguments, folder.path());
  EXPECT_EQ(loud.exitCode, exitCodeFor(ErrorCode::UnsupportedModality));
  EXPECT_NE(loud.err.find("[  0%] loading"), std::string::npos) << loud.err;
  EXPECT_EQ(loud.out, "");
  const auto quiet = runCli(arguments + " --quiet", folder.path());
  EXPECT_EQ(quiet.exitCode, exitCodeFor(ErrorCode::UnsupportedModality));
  EXPECT_EQ(quiet.err.find("%]"), std::string::npos) << quiet.err;
  EXPECT_NE(quiet.err.find("iliometry: error:"), std::string::npos);
}

// [segmentation] needs segmentation::segmentCt.
TEST(MeasureCommandIntegration, CtPhantomRunWritesTheThreeOutputsAndExitsZero) {
  TempFolder folder("cli-ct");
  const fs::path input = writeCtNifti(folder.path());
  const fs::path output = folder.path() / "out";
  const auto result =
      runCli("measure " + quoted(input) + " -o " + quoted(output) + " --modality CT --height-m 1.75", folder.path());
  ASSERT_EQ(result.exitCode, 0) << result.err;
  EXPECT_TRUE(fs::is_regular_file(output / "labels.nii.gz"));
  EXPECT_TRUE(fs::is_regular_file(output / "measurements.json"));
  EXPECT_TRUE(fs::is_regular_file(output / "measurements.csv"));
  EXPECT_NE(result.err.find("] segmenting"), std::string::npos);
  EXPECT_NE(result.err.find("[100%] done"), std::string::npos);
  EXPECT_NE(result.out.find("Psoas major:"), std::string::npos);
  EXPECT_NE(result.out.find("Psoas muscle index:"), std::string::npos);
}
