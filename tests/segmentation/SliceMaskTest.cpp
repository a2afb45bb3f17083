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
