#include "iliometry/segmentation/CtSegmenter.h"

#include <gtest/gtest.h>

using namespace iliometry;

namespace {
IntensityImage::Pointer uniformImage(unsigned nxy, unsigned nz, double spacingMm, float value) {
  auto image = IntensityImage::New();
  IntensityImage::RegionType region;
  region.SetSize({nxy, nxy, nz});
  image->SetRegions(region);
  const double spacing[3] = {spacingMm, spacingMm, 3.0};
  image->SetSpacing(spacing);
  image->Allocate();
  image->FillBuffer(value);
  return image;
}
} // namespace

TEST(SegmentationErrors, VolumeTooSmallForTheMusclesIsRefused) {
  auto result = segmentation::segmentCt(*uniformImage(40, 20, 1.0, 40.0f));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::SegmentationFailed);
  EXPECT_NE(result.error().message.find("too small"), std::string::npos);
}

TEST(SegmentationErrors, SoftTissueWithoutSpineIsRefused) {
  // A leg-like block of muscle: no vertebral column anywhere.
  auto result = segmentation::segmentCt(*uniformImage(200, 30, 1.5, 45.0f));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::SegmentationFailed);
  EXPECT_NE(result.error().message.find("no vertebral column"), std::string::npos);
}
