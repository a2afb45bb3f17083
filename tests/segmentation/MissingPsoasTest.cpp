// A study in which one psoas is missing (atrophy after a denervation, a resection): the other
// side is still measured, and the warning names where the missing one was looked for in the
// patient's terms, not by a slice number of the pipeline's internal grid.
#include "iliometry/core/Overlap.h"
#include "iliometry/segmentation/CtSegmenter.h"
#include "iliometry/testdata/Phantom.h"

#include <itkImageRegionIterator.h>

#include <gtest/gtest.h>

#include <algorithm>

using namespace iliometry;

TEST(MissingPsoas, TheOtherSideIsMeasuredAndTheWarningNamesTheLevel) {
  testdata::PhantomParameters parameters;
  parameters.seed = 1;
  auto phantom = testdata::generatePhantom(parameters);
  // The left psoas becomes fat: nothing of it is left to find.
  const auto leftPsoas = labelOf({Muscle::PsoasMajor, Side::Left});
  itk::ImageRegionIterator<IntensityImage> hu(phantom.volume.image, phantom.volume.image->GetLargestPossibleRegion());
  itk::ImageRegionConstIterator<LabelImage> truth(phantom.labels, phantom.labels->GetLargestPossibleRegion());
  for (; !hu.IsAtEnd(); ++hu, ++truth)
    if (truth.Get() == leftPsoas) hu.Set(-100.0f);

  auto result = segmentation::segmentCt(*phantom.volume.image);
  ASSERT_TRUE(result) << result.error().describe();
  const auto& warnings = result.value().warnings;
  const bool named = std::any_of(warnings.begin(), warnings.end(), [](const std::string& w) {
    return w == "no Psoas major (left) found beside the vertebral body at mid-L3";
  });
  EXPECT_TRUE(named) << "warnings: " << ::testing::PrintToString(warnings);
  EXPECT_GE(diceCoefficient(*result.value().labels, *phantom.labels, labelOf({Muscle::PsoasMajor, Side::Right})), 0.9);
}
