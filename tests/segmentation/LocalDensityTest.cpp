#include "LocalDensity.h"

#include <gtest/gtest.h>

#include <vector>

using namespace iliometry::segmentation;

namespace {
// A 9 x 7 slice: muscle (50) on the left, liver (60) from column 5 on, one pixel of fat (-90)
// at (2, 3).
std::vector<float> muscleAndLiver() {
  std::vector<float> values(9 * 7);
  for (int j = 0; j < 7; ++j)
    for (int i = 0; i < 9; ++i) values[static_cast<std::size_t>(j) * 9 + i] = i >= 5 ? 60.f : 50.f;
  values[3 * 9 + 2] = -90.f;
  return values;
}
const SliceGeometry kGeometry{9, 7, 1.5, 1.5};
float at(const std::vector<float>& values, int i, int j) { return values[static_cast<std::size_t>(j) * 9 + i]; }
} // namespace

TEST(LocalDensity, BoxMeansAverageTheNeighbourhoodAndShrinkTheBoxAtTheEdges) {
  const auto values = muscleAndLiver();
  const auto means = boxMean(values.data(), kGeometry, 1);
  EXPECT_FLOAT_EQ(at(means, 7, 3), 60.f);                      // inside the liver
  EXPECT_FLOAT_EQ(at(means, 4, 1), (6 * 50.f + 3 * 60.f) / 9); // one column of liver in the box
  EXPECT_FLOAT_EQ(at(means, 2, 3), (8 * 50.f - 90.f) / 9);     // the fat pixel in the middle
  EXPECT_FLOAT_EQ(at(means, 8, 0), 60.f);                      // corner: a 2 x 2 box
  EXPECT_FLOAT_EQ(at(means, 0, 6), 50.f);
  const auto wide = boxMean(values.data(), kGeometry, 2);
  EXPECT_FLOAT_EQ(at(wide, 6, 1), (4 * 50.f + 16 * 60.f) / 20); // clipped at the top: 5 x 4 pixels, one column of muscle
}

TEST(LocalDensity, BoxMinimaFindFatAnywhereInTheBox) {
  const auto values = muscleAndLiver();
  const auto lowest = boxMinimum(values.data(), kGeometry, 1);
  for (int j = 2; j <= 4; ++j)
    for (int i = 1; i <= 3; ++i) EXPECT_FLOAT_EQ(at(lowest, i, j), -90.f) << i << "," << j;
  EXPECT_FLOAT_EQ(at(lowest, 4, 3), 50.f); // the fat pixel is two columns away
  EXPECT_FLOAT_EQ(at(lowest, 5, 0), 50.f); // the muscle column beside the liver
  EXPECT_FLOAT_EQ(at(lowest, 6, 0), 60.f);
  EXPECT_FLOAT_EQ(at(lowest, 8, 6), 60.f);
  EXPECT_FLOAT_EQ(at(boxMinimum(values.data(), kGeometry, 2), 4, 5), -90.f);
}
