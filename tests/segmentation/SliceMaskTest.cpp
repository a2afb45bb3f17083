#include "SliceMask.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

using namespace iliometry::segmentation;

namespace {
SliceMask singlePixel(int n, double spacingMm, int i, int j) {
  SliceMask mask(SliceGeometry{n, n, spacingMm, spacingMm});
  mask.set(i, j, true);
  return mask;
}
} // namespace

TEST(SliceMask, DilatingAPixelGivesADiscOfTheRadiusInMillimetres) {
  const double spacing = 0.5, radius = 10.0;
  const auto disc = dilate(singlePixel(101, spacing, 50, 50), radius);
  const double analytic = std::numbers::pi * radius * radius;
  EXPECT_NEAR(disc.areaMm2(), analytic, analytic * 0.03);
  EXPECT_TRUE(disc.at(50 + 20, 50));  // 10 mm to the right
  EXPECT_FALSE(disc.at(50 + 21, 50)); // 10.5 mm
}

TEST(SliceMask, ErodingUndoesDilatingAwayFromEdges) {
  const auto disc = dilate(singlePixel(101, 0.5, 50, 50), 10.0);
  const auto eroded = erode(disc, 4.0);
  const double analytic = std::numbers::pi * 6.0 * 6.0;
  EXPECT_NEAR(eroded.areaMm2(), analytic, analytic * 0.06);
}

TEST(SliceMask, ComponentsAreSeparatedAndSortedBySize) {
  SliceMask mask(SliceGeometry{20, 20, 1.0, 1.0});
  for (int i = 0; i < 3; ++i) mask.set(i, 0, true);   // 3 pixels
  for (int i = 10; i < 15; ++i) mask.set(i, 10, true); // 5 pixels
  const auto parts = components(mask, 1);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].pixelCount(), 5u);
  EXPECT_EQ(parts[1].pixelCount(), 3u);
  EXPECT_EQ(components(mask, 4).size(), 1u);
  EXPECT_EQ(componentsTouching(mask, singlePixel(20, 1.0, 1, 0)).pixelCount(), 3u);
}

TEST(SliceMask, FillHolesClosesARing) {
  auto ring = dilate(singlePixel(41, 1.0, 20, 20), 8.0).minus(dilate(singlePixel(41, 1.0, 20, 20), 4.0));
  EXPECT_FALSE(ring.at(20, 20));
  const auto filled = fillHoles(ring);
  EXPECT_TRUE(filled.at(20, 20));
  EXPECT_EQ(filled.pixelCount(), dilate(singlePixel(41, 1.0, 20, 20), 8.0).pixelCount());
}

// Radii that are whole multiples of the pixel spacing are the common case (one pixel, two
// pixels); rounding in the distance map must not make a dilation or erosion grow or shrink one
// side more than the other, or outlines drift slice after slice.
TEST(SliceMask, DilationAndErosionByWholePixelsAreSymmetric) {
  const SliceGeometry g{100, 100, 1.6, 1.6};
  SliceMask disk(g);
  for (int j = 0; j < 100; ++j)
    for (int i = 0; i < 100; ++i) disk.set(i, j, std::hypot(i - 50.0, j - 40.0) <= 10.0);
  const auto before = centroidOf(disk);
  const auto extentOnRow = [](const SliceMask& m, int row) {
    int lo = m.nx(), hi = -1;
    for (int i = 0; i < m.nx(); ++i)
      if (m.at(i, row)) lo = std::min(lo, i), hi = std::max(hi, i);
    return std::pair{lo, hi};
  };
  const auto extentOnColumn = [](const SliceMask& m, int column) {
    int lo = m.ny(), hi = -1;
    for (int j = 0; j < m.ny(); ++j)
      if (m.at(column, j)) lo = std::min(lo, j), hi = std::max(hi, j);
    return std::pair{lo, hi};
  };
  for (int pixels : {1, 2, 3}) {
    const double radiusMm = pixels * 1.6;
    const auto grown = dilate(disk, radiusMm);
    EXPECT_EQ(extentOnRow(grown, 40), (std::pair{40 - pixels, 60 + pixels})) << pixels << " px";
    EXPECT_EQ(extentOnColumn(grown, 50), (std::pair{30 - pixels, 50 + pixels})) << pixels << " px";
    // Erosion measures to the mask's boundary pixels (8-connected), so how much it takes off a
    // round shape is not exactly the radius; it takes the same off opposite sides.
    const auto shrunk = erode(disk, radiusMm);
    const auto [left, right] = extentOnRow(shrunk, 40);
    const auto [top, bottom] = extentOnColumn(shrunk, 50);
    EXPECT_GT(left, 40);
    EXPECT_EQ(left - 40, 60 - right) << pixels << " px";
    EXPECT_EQ(top - 30, 50 - bottom) << pixels << " px";
    for (const auto& m : {grown, shrunk}) {
      EXPECT_NEAR(centroidOf(m).xMm, before.xMm, 1e-9) << pixels << " px";
      EXPECT_NEAR(centroidOf(m).yMm, before.yMm, 1e-9) << pixels << " px";
    }
  }
}

// Beyond the slice is background: closing a bar that lies two pixels from the slice's edge
// fills no band between it and the edge (the dilation is clipped at the edge, and the erosion
// used to leave what it could not see past).
TEST(SliceMask, ClosingNearTheSliceEdgeAddsNothingThere) {
  SliceMask bar(SliceGeometry{30, 30, 1.0, 1.0});
  for (int j = 5; j < 25; ++j)
    for (int i = 25; i < 28; ++i) bar.set(i, j, true);
  const auto closed = close(bar, 4.0);
  EXPECT_EQ(closed.values(), bar.values());
}
