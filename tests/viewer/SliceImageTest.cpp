#include "SliceImage.h"

#include "iliometry/plugin/StructureColors.h"

#include <gtest/gtest.h>

using namespace iliometry;
using namespace iliometry::viewer;

namespace {

template <typename Image> typename Image::Pointer makeImage(std::array<int, 3> size, std::array<double, 3> spacing) {
  auto image = Image::New();
  typename Image::SizeType itkSize{{std::size_t(size[0]), std::size_t(size[1]), std::size_t(size[2])}};
  image->SetRegions(typename Image::RegionType(itkSize));
  typename Image::SpacingType itkSpacing;
  for (int a = 0; a < 3; ++a)
    itkSpacing[a] = spacing[a];
  image->SetSpacing(itkSpacing);
  image->Allocate(true);
  return image;
}

} // namespace

TEST(SliceImage, CoronalAndSagittalShowCranialAtTheTop) {
  const std::array<int, 3> size{4, 5, 6};
  for (SliceAxis axis : {SliceAxis::Coronal, SliceAxis::Sagittal}) {
    const SliceGeometry g = sliceGeometry(axis, size, {1, 1, 3});
    EXPECT_EQ(g.height, 6);
    EXPECT_EQ(voxelAt(g, 0, 0, 0)[2], 5) << "top row is the last (most cranial) slice";
    EXPECT_EQ(voxelAt(g, 0, 0, 5)[2], 0);
    EXPECT_DOUBLE_EQ(g.vSpacingMm, 3.0);
  }
  const SliceGeometry axial = sliceGeometry(SliceAxis::Axial, size, {1, 1, 3});
  EXPECT_EQ(voxelAt(axial, 2, 3, 4), (std::array<int, 3>{3, 4, 2}));
}

TEST(SliceImage, PixelOfInvertsVoxelAt) {
  const std::array<int, 3> size{7, 8, 9};
  for (SliceAxis axis : {SliceAxis::Axial, SliceAxis::Coronal, SliceAxis::Sagittal}) {
    const SliceGeometry g = sliceGeometry(axis, size, {1, 1, 1});
    const auto voxel = voxelAt(g, 3, 2, 5);
    EXPECT_EQ(pixelOf(g, voxel), (std::array<int, 2>{2, 5}));
  }
}

TEST(SliceImage, WindowLevelMapsTheWindowOntoTheGreyRange) {
  auto image = makeImage<IntensityImage>({3, 1, 1}, {1, 1, 1});
  image->GetBufferPointer()[0] = -160; // window 400 / level 40: -160 is black, 240 white
  image->GetBufferPointer()[1] = 40;
  image->GetBufferPointer()[2] = 1000;
  const QImage slice = intensitySlice(*image, sliceGeometry(SliceAxis::Axial, {3, 1, 1}, {1, 1, 1}), 0, {400, 40});
  EXPECT_EQ(qGray(slice.pixel(0, 0)), 0);
  EXPECT_NEAR(qGray(slice.pixel(1, 0)), 127, 1);
  EXPECT_EQ(qGray(slice.pixel(2, 0)), 255);
}

TEST(SliceImage, LabelsHaveOpaqueOutlinesAndTranslucentFill) {
  auto labels = makeImage<LabelImage>({7, 7, 1}, {1, 1, 1});
  const Structure psoasRight{Muscle::PsoasMajor, Side::Right};
  for (int j = 1; j <= 5; ++j)
    for (int i = 1; i <= 5; ++i)
      labels->GetBufferPointer()[i + 7 * j] = labelOf(psoasRight);
  const QImage overlay = labelSlice(*labels, sliceGeometry(SliceAxis::Axial, {7, 7, 1}, {1, 1, 1}), 0, 0.4);
  EXPECT_EQ(qAlpha(overlay.pixel(0, 0)), 0) << "background stays transparent";
  EXPECT_EQ(overlay.pixel(1, 3), plugin::structureColor(psoasRight).rgba()) << "edge voxel: the structure's colour";
  EXPECT_NEAR(qAlpha(overlay.pixel(3, 3)), 102, 1) << "inner voxel: fill at 40 %";
}
