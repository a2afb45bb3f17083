#include "iliometry/report/VolumeGeometry.h"
#include "iliometry/core/ImageTypes.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

using namespace iliometry;
using namespace iliometry::report;

namespace {

IntensityImage::Pointer makeImage() {
  auto image = IntensityImage::New();
  IntensityImage::RegionType region;
  region.SetSize({5, 3, 4});
  image->SetRegions(region);
  image->SetSpacing(itk::Vector<double, 3>(std::array<double, 3>{0.5, 0.75, 3.0}.data()));
  IntensityImage::PointType origin;
  origin[0] = 1.0;
  origin[1] = 2.0;
  origin[2] = -50.0;
  image->SetOrigin(origin);
  return image;
}

} // namespace

TEST(VolumeGeometry, CopiesSizeSpacingOriginAndDirection) {
  auto image = makeImage();
  IntensityImage::DirectionType direction;
  direction.SetIdentity();
  direction(1, 1) = -1.0;
  image->SetDirection(direction);
  const VolumeGeometry g = geometryOf(*image);
  EXPECT_EQ(g.sizeVoxels, (std::array<std::size_t, 3>{5, 3, 4}));
  EXPECT_EQ(g.spacingMm, (std::array<double, 3>{0.5, 0.75, 3.0}));
  EXPECT_EQ(g.originLpsMm, (std::array<double, 3>{1.0, 2.0, -50.0}));
  EXPECT_EQ(g.direction[1][1], -1.0);
  EXPECT_EQ(g.direction[0][0], 1.0);
}

TEST(VolumeGeometry, SliceCentreZFollowsTheStackingAxis) {
  const VolumeGeometry g = geometryOf(*makeImage());
  EXPECT_DOUBLE_EQ(g.sliceCentreZMm(0), -50.0);
  EXPECT_DOUBLE_EQ(g.sliceCentreZMm(3), -41.0);
}

TEST(VolumeGeometry, SliceCentreZOfATiltedStackMatchesItk) {
  auto image = makeImage();
  // 20 degree tilt about the x axis: the rows axis gains a z component.
  const double angle = 20.0 * std::numbers::pi / 180.0;
  IntensityImage::DirectionType direction;
  direction.SetIdentity();
  direction(1, 1) = std::cos(angle);
  direction(2, 1) = std::sin(angle);
  direction(1, 2) = -std::sin(angle);
  direction(2, 2) = std::cos(angle);
  image->SetDirection(direction);
  itk::ContinuousIndex<double, 3> centre;
  centre[0] = 2.0;
  centre[1] = 1.0;
  centre[2] = 2.0;
  IntensityImage::PointType point;
  image->TransformContinuousIndexToPhysicalPoint(centre, point);
  EXPECT_NEAR(geometryOf(*image).sliceCentreZMm(2), point[2], 1e-9);
}

TEST(VolumeGeometry, SameGridDetectsADifferentOrigin) {
  auto a = makeImage();
  auto b = makeImage();
  EXPECT_TRUE(sameGrid(geometryOf(*a), geometryOf(*b)));
  auto origin = b->GetOrigin();
  origin[2] += 1.5;
  b->SetOrigin(origin);
  EXPECT_FALSE(sameGrid(geometryOf(*a), geometryOf(*b)));
}
