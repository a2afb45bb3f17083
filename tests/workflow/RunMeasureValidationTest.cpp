#include "iliometry/workflow/MeasureWorkflow.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <unistd.h>

using namespace iliometry;
using namespace iliometry::workflow;

TEST(RunMeasure, InvalidOptionsFailBeforeAnythingIsLoadedOrCreated) {
  const auto output = std::filesystem::temp_directory_path() / ("iliometry-validation-" + std::to_string(::getpid()));
  MeasureOptions options;
  options.inputPath = "/nonexistent/input";
  options.outputDir = output;
  options.asymmetry.psoasPrimaryBasis = "L9";
  int progressCalls = 0;
  const auto result = runMeasure(options, [&](const std::string&, double) { ++progressCalls; });
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::InvalidArgument);
  EXPECT_NE(result.error().message.find("--psoas-basis"), std::string::npos);
  EXPECT_EQ(progressCalls, 0);
  EXPECT_FALSE(std::filesystem::exists(output));
}

TEST(SoftwareIdentity, NameAndProjectVersionAreReported) {
  EXPECT_STREQ(softwareName(), "iliometry");
  EXPECT_STREQ(softwareVersion(), ILIOMETRY_TEST_PROJECT_VERSION);
}
