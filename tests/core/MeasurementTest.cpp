#include "iliometry/core/Measurement.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

using namespace iliometry;

namespace {

template <typename TImage> typename TImage::Pointer makeImage(unsigned n, double spacingXY, double spacingZ) {
  auto image = TImage::New();
  typename TImage::RegionType region;
  region.SetSize({n, n, n});
  image->SetRegions(region);
  image->SetSpacing(itk::Vector<double, 3>(std::array<double, 3>{spacingXY, spacingXY, spacingZ}.data()));
  image->Allocate(true);
  return image;
}

} // namespace

TEST(Measurement, AreaOfSyntheticDiscMatchesAnalytic) {
  const unsigned n = 200;
  const double spacing = 0.25, radiusMm = 15.0;
  auto hu = makeImage<IntensityImage>(n, spacing, 2.0);
  hu->FillBuffer(50.0f);
  auto labels = makeImage<LabelImage>(n, spacing, 2.0);
  const double centre = n * spacing / 2.0;
  for (unsigned k = 10; k < 20; ++k)
    for (unsigned j = 0; j < n; ++j)
      for (unsigned i = 0; i < n; ++i) {
        const double x = (i + 0.5) * spacing - centre, y = (j + 0.5) * spacing - centre;
        if (x * x + y * y <= radiusMm * radiusMm) labels->SetPixel({{i, j, k}}, labelOf({Muscle::Iliacus, Side::Right}));
      }
  const auto set = measureStructures(*hu, *labels);
  const auto& m = set.of({Muscle::Iliacus, Side::Right});
  const double analyticMm2 = std::numbers::pi * radiusMm * radiusMm;
  EXPECT_NEAR(m.csaMm2PerSlice[12], analyticMm2, analyticMm2 * 0.005);
  EXPECT_EQ(m.csaMm2PerSlice[9], 0.0);
  EXPECT_EQ(m.firstSliceIndex, 10);
  EXPECT_EQ(m.lastSliceIndex, 19);
  EXPECT_NEAR(m.volumeMm3, analyticMm2 * 10 * 2.0, analyticMm2 * 20 * 0.005);
  ASSERT_TRUE(m.meanIntensity.has_value());
  EXPECT_FLOAT_EQ(*m.meanIntensity, 50.0);
  EXPECT_EQ(set.of({Muscle::PsoasMajor, Side::Left}).voxelCount, 0u);
  EXPECT_FALSE(set.of({Muscle::PsoasMajor, Side::Left}).meanIntensity.has_value());
}

TEST(Measurement, MaximumCsaIsFoundOnItsSlice) {
  auto hu = makeImage<IntensityImage>(20, 1.0, 3.0);
  auto labels = makeImage<LabelImage>(20, 1.0, 3.0);
  for (unsigned k = 0; k < 20; ++k)
    for (unsigned i = 0; i < (k == 7 ? 15u : 3u); ++i) labels->SetPixel({{i, 0, k}}, 1);
  const auto& m = measureStructures(*hu, *labels).of({Muscle::PsoasMajor, Side::Left});
  EXPECT_EQ(m.maxCsaSliceIndex, 7);
  EXPECT_DOUBLE_EQ(m.maxCsaMm2, 15.0);
  EXPECT_DOUBLE_EQ(m.volumeMm3, (19 * 3 + 15) * 3.0);
}

#include "iliometry/core/Overlap.h"

TEST(Overlap, DiceOfHalfOverlappingBlocksIsOneHalf) {
  auto a = makeImage<LabelImage>(10, 1.0, 1.0);
  auto b = makeImage<LabelImage>(10, 1.0, 1.0);
  for (unsigned i = 0; i < 4; ++i) {
    a->SetPixel({{i, 0, 0}}, 2);
    b->SetPixel({{i + 2, 0, 0}}, 2);
  }
  EXPECT_DOUBLE_EQ(diceCoefficient(*a, *b, 2), 0.5);
  EXPECT_DOUBLE_EQ(diceCoefficient(*a, *b, 3), 1.0); // both empty
  b->FillBuffer(0);
  EXPECT_DOUBLE_EQ(diceCoefficient(*a, *b, 2), 0.0);
}
