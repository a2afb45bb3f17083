// Writing a series from a known ITK geometry and reading it back must land every voxel at the
// same physical point: head-first, feet-first, prone and oblique.
#include "TestVolumes.h"

#include "iliometry/dicom/InputLoader.h"
#include "iliometry/dicom/SeriesWriter.h"

#include <gtest/gtest.h>

#include <cmath>

namespace iliometry::dicom {
namespace {

using test::Direction;
using test::TempFolder;

struct GeometryCase {
  std::string name;
  Direction direction;
  std::string patientPosition;
};

Direction rotationAboutX(double degrees) {
  const double a = degrees * M_PI / 180.0, c = std::cos(a), s = std::sin(a);
  return {1, 0, 0, 0, c, -s, 0, s, c};
}

class GeometryRoundTrip : public ::testing::TestWithParam<GeometryCase> {};

TEST_P(GeometryRoundTrip, OriginSpacingDirectionAndVoxelsSurviveWriteAndLoad) {
  TempFolder folder;
  const Volume written = test::makeVolume({12, 10, 7}, {0.8, 0.7, 2.5}, {-50.5, 20.25, -300.0}, GetParam().direction,
                                          Modality::CT, test::linearRamp);
  SeriesWriteOptions options;
  options.patientPosition = GetParam().patientPosition;
  auto slices = writeSeries(written, folder.path(), options);
  ASSERT_TRUE(slices) << slices.error().describe();
  ASSERT_EQ(slices.value().size(), 7u);

  auto loaded = loadInput(folder.path());
  ASSERT_TRUE(loaded) << loaded.error().describe();
  const IntensityImage& image = *loaded.value().volume.image;
  EXPECT_EQ(image.GetLargestPossibleRegion().GetSize(), written.image->GetLargestPossibleRegion().GetSize());
  for (unsigned r = 0; r < 3; ++r) {
    EXPECT_NEAR(image.GetOrigin()[r], written.image->GetOrigin()[r], 1e-4) << "origin " << r;
    EXPECT_NEAR(image.GetSpacing()[r], written.image->GetSpacing()[r], 1e-5) << "spacing " << r;
    for (unsigned c = 0; c < 3; ++c)
      EXPECT_NEAR(image.GetDirection()(r, c), written.image->GetDirection()(r, c), 1e-6)
          << "direction " << r << "," << c;
  }
  // Every voxel holds the value of its own physical point: nothing flipped or shifted.
  const auto size = image.GetLargestPossibleRegion().GetSize();
  for (long k = 0; k < static_cast<long>(size[2]); ++k)
    for (long j = 0; j < static_cast<long>(size[1]); ++j)
      for (long i = 0; i < static_cast<long>(size[0]); ++i) {
        IntensityImage::PointType p;
        image.TransformIndexToPhysicalPoint({{i, j, k}}, p);
        ASSERT_FLOAT_EQ(image.GetPixel({{i, j, k}}), test::linearRamp(p)) << "voxel " << i << "," << j << "," << k;
      }
  // Slices are listed in stacking order: the order they were written in.
  ASSERT_EQ(loaded.value().volume.slices.size(), 7u);
  for (std::size_t k = 0; k < 7; ++k)
    EXPECT_EQ(loaded.value().volume.slices[k].sopInstanceUid, slices.value()[k].sopInstanceUid);
}

INSTANTIATE_TEST_SUITE_P(
    PatientPositions, GeometryRoundTrip,
    ::testing::Values(GeometryCase{"HeadFirstSupine", test::kIdentity, "HFS"},
                      // Feet first: the scanner's row runs to the patient's right, slices stack caudally.
                      GeometryCase{"FeetFirstSupine", {-1, 0, 0, 0, 1, 0, 0, 0, -1}, "FFS"},
                      // Prone: rows run to the patient's right and columns anterior.
                      GeometryCase{"HeadFirstProne", {-1, 0, 0, 0, -1, 0, 0, 0, 1}, "HFP"},
                      GeometryCase{"ObliqueTwentyDegrees", rotationAboutX(20.0), "HFS"}),
    [](const auto& info) { return info.param.name; });

} // namespace
} // namespace iliometry::dicom
