// Regression floors for the CT pipeline on phantoms: what the pipeline reaches today, so it
// cannot silently get worse. These are not the brief's targets (Dice >= 0.95, CSA within
// 3 %): those live in PhantomSegmentationTest (label 'accuracy') and are not met yet.
#include "PhantomCases.h"

#include "iliometry/core/Asymmetry.h"
#include "iliometry/core/Overlap.h"
#include "iliometry/segmentation/CtSegmenter.h"

#include <itkExtractImageFilter.h>
#include <itkImageRegionConstIterator.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

using namespace iliometry;
using iliometry::testing::PhantomCase;

namespace {

constexpr double kMinWholePsoasDice = 0.945;
constexpr double kMinWholeIliacusDice = 0.77;
constexpr double kMinLumbarPsoasDice = 0.85; // from mid-L1 to the L5/S1 disc
// Above mid-L1 the psoas tapers to its origin; the right one lies against the liver and the
// crus there, with no fat plane to end it. At most this many times the truth is labelled there
// (today 1.2-1.6 on the right; an outline that kept its area up to the T12/L1 disc labelled
// 3.0-3.7 times the truth).
constexpr double kMaxPsoasAboveMidL1Ratio = 1.8;
// The psoas' labelled volume exceeds the truth by at most this fraction: touching tissue (bowel,
// vessels) taken along its border shows here before it shows in the Dice.
constexpr double kMaxPsoasVolumeExcess = 0.10;
// The phantom's femoral heads (centre z = 88 mm, radius 24 mm) end here; below lie the thighs.
constexpr double kFemoralHeadsBottomZMm = 64.0;
// Of the psoas or iliacus labelled in the thighs, at least this fraction is that muscle.
constexpr double kMinThighPrecision = 0.5;
// The iliacus runs beside the psoas to the lesser trochanter: on the symmetric phantom at least
// this fraction of both sides' iliacus in the thighs is found (today 0.39; a rule that ended an
// iliacus not touching the psoas there found none).
constexpr double kMinThighIliacusRecall = 0.3;
// A left/right difference this clear (AI of 20 % or more) must be flagged on the right side.
constexpr double kClearAsymmetryPercent = 20.0;

LabelImage::Pointer slab(const LabelImage& labels, int firstSlice, int lastSlice) {
  auto extract = itk::ExtractImageFilter<LabelImage, LabelImage>::New();
  auto region = labels.GetLargestPossibleRegion();
  region.SetIndex(2, firstSlice);
  region.SetSize(2, static_cast<itk::SizeValueType>(lastSlice - firstSlice + 1));
  extract->SetInput(&labels);
  extract->SetExtractionRegion(region);
  extract->SetDirectionCollapseToIdentity();
  extract->Update();
  return extract->GetOutput();
}

// The last slice below the phantom's femoral heads (the thighs), or -1 when none is in view.
int thighTopSlice(const LabelImage& labels) {
  return static_cast<int>(std::floor((kFemoralHeadsBottomZMm - labels.GetOrigin()[2]) / labels.GetSpacing()[2]));
}

// Voxels of one label in the thighs (below the phantom's femoral heads): labelled, of those
// right, and in the truth.
struct ThighCounts {
  std::size_t labelled = 0, right = 0, truth = 0;
};

ThighCounts countInThighs(const LabelImage& found, const LabelImage& truth, std::uint8_t label) {
  ThighCounts counts;
  const int thighTop = thighTopSlice(truth);
  if (thighTop <= 0) return counts;
  const auto truthThighs = slab(truth, 0, thighTop);
  const auto foundThighs = slab(found, 0, thighTop);
  itk::ImageRegionConstIterator<LabelImage> f(foundThighs, foundThighs->GetLargestPossibleRegion());
  itk::ImageRegionConstIterator<LabelImage> t(truthThighs, truthThighs->GetLargestPossibleRegion());
  for (; !f.IsAtEnd(); ++f, ++t) {
    if (t.Get() == label) ++counts.truth;
    if (f.Get() == label) {
      ++counts.labelled;
      if (t.Get() == label) ++counts.right;
    }
  }
  return counts;
}

std::size_t countLabel(const LabelImage& labels, std::uint8_t label) {
  const auto* begin = labels.GetBufferPointer();
  return static_cast<std::size_t>(std::count(begin, begin + labels.GetBufferedRegion().GetNumberOfPixels(), label));
}

class PhantomRegression : public ::testing::TestWithParam<PhantomCase> {};

} // namespace

TEST_P(PhantomRegression, StaysAboveTodaysFloors) {
  const auto phantom = testdata::generatePhantom(GetParam().parameters);
  auto result = segmentation::segmentCt(*phantom.volume.image);
  ASSERT_TRUE(result) << result.error().describe();
  const auto& found = result.value();

  for (Muscle muscle : kMuscles)
    for (Side side : kSides) {
      const Structure s{muscle, side};
      EXPECT_GE(diceCoefficient(*found.labels, *phantom.labels, labelOf(s)),
                muscle == Muscle::PsoasMajor ? kMinWholePsoasDice : kMinWholeIliacusDice)
          << structureKey(s);
    }
  for (Side side : kSides) {
    const std::uint8_t label = labelOf({Muscle::PsoasMajor, side});
    const auto labelled = countLabel(*found.labels, label), truth = countLabel(*phantom.labels, label);
    ASSERT_GT(truth, 0u);
    EXPECT_LE(static_cast<double>(labelled) / truth, 1.0 + kMaxPsoasVolumeExcess) << "psoas volume, " << sideKey(side);
  }

  const auto* l1 = phantom.levels.find("L1");
  const auto* l5s1 = phantom.levels.find("L5/S1");
  ASSERT_TRUE(l1 && l5s1);
  const int topSlice = static_cast<int>(phantom.labels->GetLargestPossibleRegion().GetSize(2)) - 1;
  const auto truthAboveL1 = slab(*phantom.labels, l1->sliceIndex + 1, topSlice);
  const auto foundAboveL1 = slab(*found.labels, l1->sliceIndex + 1, topSlice);
  for (Side side : kSides) {
    const std::uint8_t label = labelOf({Muscle::PsoasMajor, side});
    const auto truth = countLabel(*truthAboveL1, label);
    ASSERT_GT(truth, 0u);
    EXPECT_LE(static_cast<double>(countLabel(*foundAboveL1, label)) / truth, kMaxPsoasAboveMidL1Ratio)
        << "psoas above mid-L1, " << sideKey(side);
  }
  const auto truthLumbar = slab(*phantom.labels, l5s1->sliceIndex, l1->sliceIndex);
  const auto foundLumbar = slab(*found.labels, l5s1->sliceIndex, l1->sliceIndex);
  for (Side side : kSides)
    EXPECT_GE(diceCoefficient(*foundLumbar, *truthLumbar, labelOf({Muscle::PsoasMajor, side})), kMinLumbarPsoasDice)
        << "lumbar psoas " << sideKey(side);

  // Every lumbar level on its slice, within one slice.
  for (const auto& truth : phantom.levels.levels) {
    if (truth.name.rfind("T", 0) == 0) continue;
    const auto* level = found.levels.find(truth.name);
    ASSERT_NE(level, nullptr) << truth.name;
    EXPECT_LE(std::abs(level->sliceIndex - truth.sliceIndex), 1) << truth.name;
  }

  // In the thighs (below the femoral heads) a psoas or iliacus outline, where there is one,
  // lies on that muscle: the thigh's own muscles around them are not taken instead.
  for (Structure s : kStructures) {
    const auto counts = countInThighs(*found.labels, *phantom.labels, labelOf(s));
    if (counts.labelled > 0)
      EXPECT_GE(static_cast<double>(counts.right) / counts.labelled, kMinThighPrecision)
          << "in the thigh, " << structureKey(s);
  }

  // Clear asymmetries are flagged, on the right side.
  iliometry::testing::expectClearAsymmetriesFlagged(phantom, found, kClearAsymmetryPercent,
                                                    {Muscle::PsoasMajor, Muscle::Iliacus});
}

TEST(PhantomRegressionThighs, TheIliacusIsFollowedBesideThePsoasBelowTheFemoralHeads) {
  const auto phantom = testdata::generatePhantom(iliometry::testing::phantomCases().front().parameters);
  auto result = segmentation::segmentCt(*phantom.volume.image);
  ASSERT_TRUE(result) << result.error().describe();
  std::size_t truth = 0, found = 0;
  for (Side side : kSides) {
    const auto counts = countInThighs(*result.value().labels, *phantom.labels, labelOf({Muscle::Iliacus, side}));
    truth += counts.truth;
    found += counts.right;
  }
  ASSERT_GT(truth, 0u);
  EXPECT_GE(static_cast<double>(found) / truth, kMinThighIliacusRecall);
}

INSTANTIATE_TEST_SUITE_P(Integration, PhantomRegression, ::testing::ValuesIn(iliometry::testing::phantomCases()),
                         [](const auto& info) { return info.param.name; });
