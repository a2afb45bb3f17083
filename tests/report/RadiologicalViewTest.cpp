#include "iliometry/report/RadiologicalView.h"

#include <gtest/gtest.h>

using namespace iliometry::report;

namespace {

VolumeGeometry grid(std::array<std::array<double, 3>, 3> direction) {
  VolumeGeometry g;
  g.sizeVoxels = {4, 3, 2};
  g.spacingMm = {0.5, 0.8, 3.0};
  g.direction = direction;
  return g;
}

} // namespace

TEST(RadiologicalView, IdentityLpsNeedsNoFlip) {
  // LPS: +x towards the patient's left (image right), +y posterior (image bottom).
  const RadiologicalView view = radiologicalViewOf(grid({{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}}));
  EXPECT_EQ(view.columnAxis, 0);
  EXPECT_FALSE(view.flipColumns);
  EXPECT_FALSE(view.flipRows);
  EXPECT_EQ(view.volumeIndex(0, 0, 1), (std::array<long, 3>{0, 0, 1}));
  EXPECT_DOUBLE_EQ(view.columnSpacingMm, 0.5);
  EXPECT_DOUBLE_EQ(view.rowSpacingMm, 0.8);
}

TEST(RadiologicalView, RasVolumeIsFlippedInBothDirections) {
  // NIfTI-style RAS: axis 0 points to the patient's right, axis 1 anterior.
  const RadiologicalView view = radiologicalViewOf(grid({{{-1, 0, 0}, {0, -1, 0}, {0, 0, 1}}}));
  EXPECT_TRUE(view.flipColumns);
  EXPECT_TRUE(view.flipRows);
  // Display top-left is the patient's right-anterior corner: the largest index on both axes.
  EXPECT_EQ(view.volumeIndex(0, 0, 0), (std::array<long, 3>{3, 2, 0}));
}

TEST(RadiologicalView, SwappedInPlaneAxesAreTransposed) {
  // Axis 0 runs posterior (LPS +y), axis 1 runs to the patient's left (LPS +x).
  const RadiologicalView view = radiologicalViewOf(grid({{{0, 1, 0}, {1, 0, 0}, {0, 0, 1}}}));
  EXPECT_EQ(view.columnAxis, 1);
  EXPECT_EQ(view.rowAxis, 0);
  EXPECT_EQ(view.displayColumns, 3);
  EXPECT_EQ(view.displayRows, 4);
  EXPECT_EQ(view.volumeIndex(2, 1, 0), (std::array<long, 3>{1, 2, 0}));
  EXPECT_DOUBLE_EQ(view.columnSpacingMm, 0.8);
}
