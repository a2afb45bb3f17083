#include "WorkingGrid.h"

#include <gtest/gtest.h>

using namespace iliometry::segmentation;

namespace {

// One row of a slice, from muscle to bone: muscle (50 HU) in columns 0-4, then the partial-
// volume slope of the cortex over two voxels (160, 300 HU), the cortex (700 HU) in columns 7-8
// and cancellous bone (250 HU) behind it. Every row of the 12 x 5 slice is the same.
CanonicalVolume muscleAgainstCortex() {
  auto v = CanonicalVolume::blank({12, 5, 1}, {1.0, 1.0, 3.0});
  const float row[12] = {50, 50, 50, 50, 50, 160, 300, 700, 700, 250, 250, 250};
  for (int j = 0; j < 5; ++j)
    for (int i = 0; i < 12; ++i) v.values()[v.offset(i, j, 0)] = row[i];
  return v;
}

} // namespace

TEST(WorkingGrid, MuscleKeepsBothPartialVolumeVoxelsBeforeTheCortexButNoBone) {
  const auto native = muscleAgainstCortex();
  const auto grid = makeWorkingGrid(native, 1.0, 3.0);
  ASSERT_EQ(grid.factor[0], 1);
  ASSERT_EQ(grid.factor[1], 1);
  // The working grid (which sees the slope as bone) outlines the muscle's columns 0-4.
  std::vector<std::uint8_t> working(grid.volume.values().size(), 0);
  for (int j = 0; j < 5; ++j)
    for (int i = 0; i < 5; ++i) working[grid.volume.offset(i, j, 0)] = 3;
  UpsamplingRule rule;
  rule.besideBone = true;
  const auto labels = upsampleLabels(working, grid, native, rule);
  for (int j = 1; j < 4; ++j) { // rows away from the slice's border
    for (int i = 0; i < 7; ++i) EXPECT_EQ(labels[native.offset(i, j, 0)], 3) << "column " << i << " row " << j;
    for (int i = 7; i < 12; ++i) EXPECT_EQ(labels[native.offset(i, j, 0)], 0) << "column " << i << " row " << j;
  }
}
