#include "CanonicalVolume.h"

#include <gtest/gtest.h>

using namespace iliometry;
using namespace iliometry::segmentation;

namespace {

// A 4x3x2 image whose voxel value encodes its index, with a given direction matrix.
IntensityImage::Pointer indexedImage(const IntensityImage::DirectionType& direction) {
  auto image = IntensityImage::New();
  IntensityImage::RegionType region;
  region.SetSize({4, 3, 2});
  image->SetRegions(region);
  image->SetDirection(direction);
  const double spacing[3] = {0.5, 0.7, 3.0};
  image->SetSpacing(spacing);
  image->Allocate();
  for (unsigned k = 0; k < 2; ++k)
    for (unsigned j = 0; j < 3; ++j)
      for (unsigned i = 0; i < 4; ++i) image->SetPixel({{i, j, k}}, static_cast<float>(100 * k + 10 * j + i));
  return image;
}

} // namespace

TEST(CanonicalVolume, RasNiftiIsFlippedToPatientLeftPosteriorSuperior) {
  IntensityImage::DirectionType direction;
  direction.SetIdentity();
  direction[0][0] = -1; // index i runs to the patient's right (RAS storage)
  direction[1][1] = -1; // index j runs anterior
  auto image = indexedImage(direction);
  auto canonical = CanonicalVolume::fromImage(*image);
  ASSERT_TRUE(canonical);
  const auto& v = canonical.value();
  EXPECT_EQ(v.nx(), 4);
  EXPECT_EQ(v.ny(), 3);
  // canonical (0,0,0) is the source's last column and row
  EXPECT_FLOAT_EQ(v.at(0, 0, 0), 10 * 2 + 3);
  EXPECT_FLOAT_EQ(v.at(3, 2, 1), 100);
  EXPECT_DOUBLE_EQ(v.spacingMm(1), 0.7);
  EXPECT_EQ(v.sourceSliceIndex(1), 1);
}

TEST(CanonicalVolume, FeetFirstStackMapsSlicesBack) {
  IntensityImage::DirectionType direction;
  direction.SetIdentity();
  direction[2][2] = -1; // slices stacked from head to feet
  auto image = indexedImage(direction);
  auto canonical = CanonicalVolume::fromImage(*image);
  ASSERT_TRUE(canonical);
  EXPECT_FLOAT_EQ(canonical.value().at(0, 0, 0), 100); // the lowest slice is the source's last
  EXPECT_EQ(canonical.value().sourceSliceIndex(0), 1);
  // labels go back onto the source grid voxel for voxel
  std::vector<std::uint8_t> labels(4 * 3 * 2, 0);
  labels[canonical.value().offset(2, 1, 0)] = 3;
  auto back = canonical.value().labelsOnSourceGrid(labels, *image);
  EXPECT_EQ(back->GetPixel({{2, 1, 1}}), 3);
  EXPECT_EQ(back->GetPixel({{2, 1, 0}}), 0);
}

TEST(CanonicalVolume, SagittalStackIsRefused) {
  IntensityImage::DirectionType direction;
  direction.Fill(0);
  direction[1][0] = 1; // i -> posterior
  direction[2][1] = 1; // j -> superior
  direction[0][2] = 1; // slices along left-right
  auto result = CanonicalVolume::fromImage(*indexedImage(direction));
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("not axial"), std::string::npos);
}
