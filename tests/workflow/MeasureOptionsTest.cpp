#include "iliometry/workflow/MeasureOptions.h"

#include <gtest/gtest.h>

using namespace iliometry;
using namespace iliometry::workflow;

namespace {

MeasureOptions validOptions() {
  MeasureOptions options;
  options.inputPath = "/data/ct";
  options.outputDir = "/tmp/out";
  return options;
}

} // namespace

TEST(AsymmetryBasis, AcceptsVolumeMaxCsaAndLevelNamesInAnyCase) {
  EXPECT_EQ(normaliseAsymmetryBasis("volume").value(), "volume");
  EXPECT_EQ(normaliseAsymmetryBasis("Max_CSA").value(), "max_csa");
  EXPECT_EQ(normaliseAsymmetryBasis("L3").value(), "L3");
  EXPECT_EQ(normaliseAsymmetryBasis("l4/l5").value(), "L4/L5");
  EXPECT_EQ(normaliseAsymmetryBasis("L5/S1").value(), "L5/S1");
  EXPECT_EQ(normaliseAsymmetryBasis("T12/L1").value(), "T12/L1");
  EXPECT_EQ(normaliseAsymmetryBasis("S1").value(), "S1");
}

TEST(AsymmetryBasis, RejectsUnknownNamesAndNonNeighbouringDiscs) {
  for (const char* basis : {"", "area", "L6", "L3/L5", "L4-L5", "max csa", "L3 "}) {
    const auto result = normaliseAsymmetryBasis(basis);
    ASSERT_FALSE(result) << basis;
    EXPECT_EQ(result.error().code, ErrorCode::InvalidArgument);
    EXPECT_NE(result.error().message.find("expected volume, max_csa or a level name"), std::string::npos);
  }
}

TEST(ModalityOption, ParsesCtAndMrInAnyCase) {
  EXPECT_EQ(parseModality("CT").value(), Modality::CT);
  EXPECT_EQ(parseModality("mr").value(), Modality::MR);
  const auto bad = parseModality("PET");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::InvalidArgument);
  EXPECT_NE(bad.error().message.find("PET"), std::string::npos);
}

TEST(MeasureOptionsValidation, DefaultsAreValidAndUseVolumeForBothMuscles) {
  const auto valid = validateMeasureOptions(validOptions());
  ASSERT_TRUE(valid);
  EXPECT_EQ(valid.value().asymmetry.psoasPrimaryBasis, "volume");
  EXPECT_EQ(valid.value().asymmetry.iliacusPrimaryBasis, "volume");
}

TEST(MeasureOptionsValidation, BasisNamesAreMadeCanonical) {
  auto options = validOptions();
  options.asymmetry.psoasPrimaryBasis = "l3";
  options.asymmetry.iliacusPrimaryBasis = "MAX_CSA";
  const auto valid = validateMeasureOptions(options);
  ASSERT_TRUE(valid);
  EXPECT_EQ(valid.value().asymmetry.psoasPrimaryBasis, "L3");
  EXPECT_EQ(valid.value().asymmetry.iliacusPrimaryBasis, "max_csa");
}

TEST(MeasureOptionsValidation, UnknownBasisNamesTheOption) {
  auto options = validOptions();
  options.asymmetry.iliacusPrimaryBasis = "median";
  const auto result = validateMeasureOptions(options);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::InvalidArgument);
  EXPECT_NE(result.error().message.find("--iliacus-basis"), std::string::npos);
  EXPECT_NE(result.error().message.find("median"), std::string::npos);
}

TEST(MeasureOptionsValidation, ImplausibleHeightIsRejected) {
  auto options = validOptions();
  options.heightM = 175.0; // centimetres typed as metres
  const auto result = validateMeasureOptions(options);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::InvalidArgument);
  EXPECT_NE(result.error().message.find("--height-m"), std::string::npos);
  EXPECT_NE(result.error().message.find("175"), std::string::npos);
  options.heightM = 1.75;
  EXPECT_TRUE(validateMeasureOptions(options));
}

TEST(MeasureOptionsValidation, ThresholdMustLieBetweenZeroAndTwoHundredPercent) {
  auto options = validOptions();
  for (double threshold : {0.0, -5.0, 200.0, 250.0}) {
    options.asymmetry.thresholdPercent = threshold;
    const auto result = validateMeasureOptions(options);
    ASSERT_FALSE(result) << threshold;
    EXPECT_NE(result.error().message.find("--asymmetry-threshold"), std::string::npos);
  }
  options.asymmetry.thresholdPercent = 15.0;
  EXPECT_TRUE(validateMeasureOptions(options));
}

TEST(MeasureOptionsValidation, InputAndOutputAreRequired) {
  auto options = validOptions();
  options.outputDir.clear();
  EXPECT_EQ(validateMeasureOptions(options).error().code, ErrorCode::InvalidArgument);
  options = validOptions();
  options.inputPath.clear();
  EXPECT_EQ(validateMeasureOptions(options).error().code, ErrorCode::InvalidArgument);
}
