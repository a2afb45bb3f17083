// The real `iliometry info` executable on written series, and dciodvfy's verdict on our files.
#include "TestVolumes.h"

#include "iliometry/dicom/SeriesWriter.h"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <sys/wait.h>

namespace iliometry::dicom {
namespace {

struct CommandRun {
  int exitCode = -1;
  std::string output;
};

CommandRun runCommand(const std::string& command) {
  CommandRun result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe))
    result.output += buffer.data();
  const int status = pclose(pipe);
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

Volume ctVolume() {
  Volume v = test::makeVolume({16, 12, 6}, {0.75, 0.8, 2.5}, {-5, 10, -200}, {-1, 0, 0, 0, 1, 0, 0, 0, -1},
                              Modality::CT, test::linearRamp);
  v.info.seriesDescription = "Abdomen";
  v.info.studyDate = "20240101";
  return v;
}

TEST(InfoCommandIntegration, JsonDescribesTheChosenVolumeInLps) {
  test::TempFolder folder;
  ASSERT_TRUE(writeSeries(ctVolume(), folder.path()));
  const CommandRun info = runCommand(std::string(ILIOMETRY_CLI) + " info '" + folder.path().string() + "' --json");
  ASSERT_EQ(info.exitCode, 0) << info.output;
  const auto j = nlohmann::json::parse(info.output);
  EXPECT_EQ(j["volume"]["size"], nlohmann::json({16, 12, 6}));
  EXPECT_NEAR(j["volume"]["spacing_mm"][0].get<double>(), 0.75, 1e-6);
  EXPECT_NEAR(j["volume"]["spacing_mm"][2].get<double>(), 2.5, 1e-6);
  EXPECT_NEAR(j["volume"]["origin_lps_mm"][2].get<double>(), -200.0, 1e-4);
  const std::vector<double> direction = j["volume"]["direction"];
  const std::vector<double> expected{-1, 0, 0, 0, 1, 0, 0, 0, -1};
  ASSERT_EQ(direction.size(), 9u);
  for (std::size_t i = 0; i < 9; ++i)
    EXPECT_NEAR(direction[i], expected[i], 1e-9) << i;
  EXPECT_EQ(j["modality"], "CT");
  ASSERT_EQ(j["series"].size(), 1u);
  EXPECT_EQ(j["series"][0]["is_candidate"], true);
  EXPECT_EQ(j["study"]["series_description"], "Abdomen");
  EXPECT_TRUE(j["warnings"].is_array());
}

TEST(InfoCommandIntegration, HumanSummaryNamesTheChosenSeries) {
  test::TempFolder folder;
  ASSERT_TRUE(writeSeries(ctVolume(), folder.path()));
  const CommandRun info = runCommand(std::string(ILIOMETRY_CLI) + " info '" + folder.path().string() + "'");
  ASSERT_EQ(info.exitCode, 0) << info.output;
  EXPECT_NE(info.output.find("16 x 12 x 6 voxels"), std::string::npos) << info.output;
  EXPECT_NE(info.output.find("[candidate]"), std::string::npos) << info.output;
}

TEST(InfoCommandIntegration, EmptyFolderExitsWithInputNotFoundCode) {
  test::TempFolder folder;
  const CommandRun info = runCommand(std::string(ILIOMETRY_CLI) + " info '" + folder.path().string() + "' 2>&1");
  EXPECT_EQ(info.exitCode, exitCodeFor(ErrorCode::InputNotFound)) << info.output;
  EXPECT_NE(info.output.find("no files"), std::string::npos) << info.output;
}

TEST(InfoCommandIntegration, UnknownSeriesUidExitsWithInvalidArgumentCode) {
  test::TempFolder folder;
  ASSERT_TRUE(writeSeries(ctVolume(), folder.path()));
  const CommandRun info =
      runCommand(std::string(ILIOMETRY_CLI) + " info '" + folder.path().string() + "' --series 9.9.9 2>&1");
  EXPECT_EQ(info.exitCode, exitCodeFor(ErrorCode::InvalidArgument)) << info.output;
}

class WrittenFilesIntegration : public ::testing::TestWithParam<Modality> {};

TEST_P(WrittenFilesIntegration, DciodvfyFindsNoErrors) {
  if (runCommand("command -v dciodvfy > /dev/null 2>&1").exitCode != 0)
    GTEST_SKIP() << "dciodvfy (dicom3tools) not installed";
  test::TempFolder folder;
  Volume v = ctVolume();
  v.info.modality = GetParam();
  auto slices = writeSeries(v, folder.path());
  ASSERT_TRUE(slices);
  const CommandRun check = runCommand("dciodvfy '" + slices.value().front().filePath + "' 2>&1");
  EXPECT_EQ(check.output.find("Error"), std::string::npos) << check.output;
}

INSTANTIATE_TEST_SUITE_P(CtAndMr, WrittenFilesIntegration, ::testing::Values(Modality::CT, Modality::MR),
                         [](const auto& info) { return modalityName(info.param); });

} // namespace
} // namespace iliometry::dicom
