// Regression floors for the MR pipeline on phantoms: what it reaches today, so it cannot
// silently get worse. The targets (Dice >= 0.93, CSA within 5 %, flags right) live in
// MrPhantomAccuracyTest (label 'accuracy') and are not met yet; docs/accuracy.md has the figures.
#include "PhantomCases.h"

#include "iliometry/core/Asymmetry.h"
#include "iliometry/core/FatFraction.h"
#include "iliometry/core/Overlap.h"
#include "iliometry/segmentation/MrSegmenter.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace iliometry;
using iliometry::testing::PhantomCase;

namespace {

// Today's lowest values, less a margin: psoas 0.93 (all ten outlines), iliacus 0.55.
constexpr double kMinPsoasDice = 0.90;
constexpr double kMinIliacusDice = 0.50;
// A named level must be right within this many slices; MR may name none (then it says why).
constexpr int kMaxLevelErrorSlices = 2;
constexpr double kClearAsymmetryPercent = 20.0;
// Fat fraction: the ratio of sums on our outlines against the truth on the true outlines
// (partial-volume edges raise the truth), and on the true outlines against the truth (the
// measurement itself, with the noise floor of magnitude images).
constexpr double kMaxFatFractionErrorPoints = 3.5;
constexpr double kMaxFatFractionMeasurementErrorPoints = 1.0;

class MrPhantomRegression : public ::testing::TestWithParam<PhantomCase> {};

segmentation::MrImages imagesOf(const testdata::Phantom& phantom) {
  return {phantom.volume.image.GetPointer(), phantom.dixonWater.image.GetPointer(), phantom.dixonFat.image.GetPointer()};
}

} // namespace

TEST_P(MrPhantomRegression, StaysAboveTodaysFloors) {
  const auto phantom = testdata::generatePhantom(GetParam().parameters);
  auto result = segmentation::segmentMr(imagesOf(phantom));
  ASSERT_TRUE(result) << result.error().describe();
  const auto& found = result.value();

  for (Muscle muscle : kMuscles)
    for (Side side : kSides) {
      const Structure s{muscle, side};
      const double dice = diceCoefficient(*found.labels, *phantom.labels, labelOf(s));
      std::cout << GetParam().name << " " << structureKey(s) << " Dice " << dice << "\n";
      EXPECT_GE(dice, muscle == Muscle::PsoasMajor ? kMinPsoasDice : kMinIliacusDice) << structureKey(s);
    }

  for (const auto& level : found.levels.levels) {
    const auto* truth = phantom.levels.find(level.name);
    ASSERT_NE(truth, nullptr) << level.name << " named but not in view";
    EXPECT_LE(std::abs(level.sliceIndex - truth->sliceIndex), kMaxLevelErrorSlices) << level.name;
  }
  if (found.levels.levels.empty()) EXPECT_FALSE(found.warnings.empty()) << "no level named and no word why";

  // Iliacus verdicts are not reliable on MR yet (docs/accuracy.md).
  iliometry::testing::expectClearAsymmetriesFlagged(phantom, found, kClearAsymmetryPercent, {Muscle::PsoasMajor});

  if (!phantom.dixonWater.image) return;
  const auto ours = measureFatFraction(*phantom.dixonWater.image, *phantom.dixonFat.image, *found.labels);
  const auto onTruth = measureFatFraction(*phantom.dixonWater.image, *phantom.dixonFat.image, *phantom.labels);
  for (Structure s : kStructures) {
    const auto truth = phantom.truthFatFractionPercent[indexOf(s)];
    ASSERT_TRUE(truth && ours.of(s).volumePercent && onTruth.of(s).volumePercent) << structureKey(s);
    std::cout << structureKey(s) << " fat fraction " << *ours.of(s).volumePercent << " % (true outlines "
              << *onTruth.of(s).volumePercent << " %, truth " << *truth << " %)\n";
    EXPECT_NEAR(*onTruth.of(s).volumePercent, *truth, kMaxFatFractionMeasurementErrorPoints) << structureKey(s);
    EXPECT_NEAR(*ours.of(s).volumePercent, *truth, kMaxFatFractionErrorPoints) << structureKey(s);
  }
}

TEST(MrPipeline, CtValuesAreRefusedNamingWhatWasExpected) {
  testdata::PhantomParameters p;
  p.columns = p.rows = 128;
  p.pixelSpacingMm = 3.2;
  const auto ct = testdata::generatePhantom(p);
  const auto result = segmentation::segmentMr({ct.volume.image.GetPointer()});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::UnsupportedModality);
  EXPECT_NE(result.error().message.find("expected an MR series"), std::string::npos) << result.error().message;
}

INSTANTIATE_TEST_SUITE_P(Integration, MrPhantomRegression, ::testing::ValuesIn(iliometry::testing::mrPhantomCases()),
                         [](const auto& info) { return info.param.name; });
