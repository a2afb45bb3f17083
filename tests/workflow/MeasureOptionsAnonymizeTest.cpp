#include "iliometry/workflow/MeasureOptions.h"

#include <gtest/gtest.h>

using namespace iliometry;
using namespace iliometry::workflow;

namespace {

MeasureOptions basicOptions() {
  MeasureOptions options;
  options.inputPath = "in";
  options.outputDir = "out";
  return options;
}

} // namespace

TEST(MeasureOptionsAnonymize, ShortSecretIsRefusedNamingTheOptionAndTheEnvironmentVariable) {
  MeasureOptions options = basicOptions();
  options.anonymizeSecret = "short";
  const auto validated = validateMeasureOptions(options);
  ASSERT_FALSE(validated);
  EXPECT_EQ(validated.error().code, ErrorCode::InvalidArgument);
  EXPECT_NE(validated.error().message.find("--anonymize"), std::string::npos);
  EXPECT_NE(validated.error().message.find(kAnonymizeSecretEnvironmentVariable), std::string::npos);
  EXPECT_NE(validated.error().message.find("at least 8"), std::string::npos);
}

TEST(MeasureOptionsAnonymize, LongEnoughSecretIsKept) {
  MeasureOptions options = basicOptions();
  options.anonymizeSecret = "a-long-secret";
  const auto validated = validateMeasureOptions(options);
  ASSERT_TRUE(validated) << validated.error().describe();
  EXPECT_EQ(validated.value().anonymizeSecret, std::optional<std::string>("a-long-secret"));
}

TEST(MeasureOptionsAnonymize, NoSecretMeansNoAnonymization) {
  const auto validated = validateMeasureOptions(basicOptions());
  ASSERT_TRUE(validated);
  EXPECT_FALSE(validated.value().anonymizeSecret);
}
