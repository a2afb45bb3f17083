// The CT and MR pipelines against phantoms with exact ground truth: Dice per structure, CSA at
// every level, vertebral levels and the asymmetry verdict. Targets from the issues: CT Dice >=
// 0.95 per structure and CSA error <= 3 % at every level; MR Dice >= 0.93 and CSA error <= 5 %;
// the asymmetry flag right in every case.
#include "iliometry/core/Asymmetry.h"
#include "iliometry/core/Overlap.h"
#include "iliometry/segmentation/CtSegmenter.h"
#include "iliometry/segmentation/MrSegmenter.h"
#include "iliometry/testdata/Phantom.h"
#include "PhantomCases.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace iliometry;
using iliometry::testing::PhantomCase;

namespace {

struct Targets {
  double minDice = 0.95;
  double maxCsaErrorFraction = 0.03;
};

Targets targetsFor(Modality modality) { return modality == Modality::MR ? Targets{0.93, 0.05} : Targets{}; }

Result<segmentation::SegmentationResult> segment(const testdata::Phantom& phantom) {
  if (phantom.parameters.modality == Modality::MR)
    return segmentation::segmentMr({phantom.volume.image.GetPointer(), phantom.dixonWater.image.GetPointer(),
                                    phantom.dixonFat.image.GetPointer()});
  return segmentation::segmentCt(*phantom.volume.image);
}

class PhantomSegmentation : public ::testing::TestWithParam<PhantomCase> {};

} // namespace

TEST_P(PhantomSegmentation, MeetsAccuracyTargets) {
  const auto& parameters = GetParam().parameters;
  const auto phantom = testdata::generatePhantom(parameters);
  const Targets targets = targetsFor(parameters.modality);
  auto result = segment(phantom);
  ASSERT_TRUE(result) << result.error().describe();
  const auto& segmented = result.value();

  for (Structure s : kStructures)
    EXPECT_GE(diceCoefficient(*segmented.labels, *phantom.labels, labelOf(s)), targets.minDice) << structureKey(s);

  // Every true level is found on the same slice (within one slice), with the right name.
  for (const auto& truth : phantom.levels.levels) {
    if (truth.name.rfind("T", 0) == 0) continue; // thoracic levels are optional
    const auto* found = segmented.levels.find(truth.name);
    ASSERT_NE(found, nullptr) << truth.name << " not identified";
    EXPECT_LE(std::abs(found->sliceIndex - truth.sliceIndex), 1) << truth.name;
  }

  // CSA at every true level, for every structure present there.
  const auto measured = measureStructures(*phantom.volume.image, *segmented.labels);
  for (const auto& level : phantom.levels.levels)
    for (Structure s : kStructures) {
      const double truthMm2 = phantom.truth.csaMm2(s, level.sliceIndex);
      if (truthMm2 < 100.0) continue; // a muscle's tip: one pixel row is several percent
      EXPECT_NEAR(measured.csaMm2(s, level.sliceIndex), truthMm2, targets.maxCsaErrorFraction * truthMm2)
          << structureKey(s) << " at " << level.name;
    }

  // The asymmetry verdict on the default basis matches the truth's.
  const AsymmetryOptions options;
  const auto truthVerdicts = assessAsymmetry(phantom.truth, phantom.levels, options).verdicts;
  const auto foundVerdicts = assessAsymmetry(measured, segmented.levels, options).verdicts;
  for (std::size_t m = 0; m < truthVerdicts.size(); ++m) {
    EXPECT_EQ(foundVerdicts[m].asymmetricHypertrophy, truthVerdicts[m].asymmetricHypertrophy)
        << muscleKey(truthVerdicts[m].muscle) << " truth AI " << truthVerdicts[m].indexPercent.value_or(0) << " found AI "
        << foundVerdicts[m].indexPercent.value_or(0);
    EXPECT_EQ(foundVerdicts[m].largerSide, truthVerdicts[m].largerSide);
  }
}

INSTANTIATE_TEST_SUITE_P(Accuracy, PhantomSegmentation, ::testing::ValuesIn(iliometry::testing::phantomCases()),
                         [](const auto& info) { return info.param.name; });
INSTANTIATE_TEST_SUITE_P(MrAccuracy, PhantomSegmentation, ::testing::ValuesIn(iliometry::testing::mrPhantomCases()),
                         [](const auto& info) { return info.param.name; });
