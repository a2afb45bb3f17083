#include "BorderRefinement.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <vector>

using namespace iliometry::segmentation;

namespace {

constexpr int kSize = 64;
constexpr double kCentre = 31.5, kRadiusPixels = 12.3;
const SliceGeometry kGeometry{kSize, kSize, 1.5, 1.5};

bool inMuscle(double x, double y) { return std::hypot(x - kCentre, y - kCentre) <= kRadiusPixels; }

// Fat (-90 HU) left of the centre, `rightHu` right of it.
std::function<double(double, double)> fatLeftAnd(double rightHu) {
  return [rightHu](double x, double) { return x < kCentre ? -90.0 : rightHu; };
}

// A round muscle (50 HU) in `outsideHu`, each pixel the average over 4 x 4 sub-samples: the
// partial volume a scanner gives.
std::vector<float> slice(const std::function<double(double, double)>& outsideHu) {
  std::vector<float> hu(kGeometry.count());
  for (int j = 0; j < kSize; ++j)
    for (int i = 0; i < kSize; ++i) {
      double sum = 0.0;
      for (int b = 0; b < 4; ++b)
        for (int a = 0; a < 4; ++a) {
          const double x = i - 0.375 + 0.25 * a, y = j - 0.375 + 0.25 * b;
          sum += inMuscle(x, y) ? 50.0 : outsideHu(x, y);
        }
      hu[static_cast<std::size_t>(j) * kSize + i] = static_cast<float>(sum / 16.0);
    }
  return hu;
}

SliceMask maskWhere(const std::function<bool(int, int)>& on) {
  SliceMask m(kGeometry);
  for (int j = 0; j < kSize; ++j)
    for (int i = 0; i < kSize; ++i) m.set(i, j, on(i, j));
  return m;
}

// The muscle's true pixels (centre inside), grown by `rightPixels` on the right half and shrunk
// by `leftPixels` on the left: how a narrow-window tracker leaves an outline against touching
// bowel and against fat.
SliceMask trackedOutline(double rightPixels, double leftPixels) {
  return maskWhere([&](int i, int j) {
    const double r = std::hypot(i - kCentre, j - kCentre);
    return i > kCentre ? r <= kRadiusPixels + rightPixels : r <= kRadiusPixels - leftPixels;
  });
}

std::size_t mismatches(const SliceMask& found, const std::function<bool(int, int)>& region) {
  std::size_t wrong = 0;
  for (int j = 0; j < kSize; ++j)
    for (int i = 0; i < kSize; ++i)
      if (region(i, j) && found.at(i, j) != inMuscle(i, j)) ++wrong;
  return wrong;
}

BorderRule ruleForTest() {
  BorderRule rule;
  rule.insideHu = 50.0f;
  rule.minContrastHu = 16.0f;
  rule.outwardPixels = 3;
  return rule;
}

} // namespace

TEST(BorderRefinement, PlacesTheBorderHalfwayAgainstLessDenseTissueAndAtTheFatStandard) {
  const auto hu = slice(fatLeftAnd(20.0)); // bowel (20 HU) pressed against the muscle's right side
  const auto outline = trackedOutline(2.0, 1.0);
  const auto truth = maskWhere([](int i, int j) { return inMuscle(i, j); });
  ASSERT_GT(mismatches(outline, [](int, int) { return true; }), 60u); // the input is well off
  const auto refined = refineBorder(hu.data(), outline, SliceMask(kGeometry), ruleForTest());
  // Where fat and bowel meet at the muscle (the column at the centre, above and below it) the
  // neighbour's density is a mixture and a pixel or two of bowel can be taken: the checks
  // below leave those columns out.
  // Right side: the halfway rule between 50 and 20 HU is the 50 % coverage line, which is the
  // true border (pixel centre inside).
  EXPECT_LE(mismatches(refined, [](int i, int) { return i > kCentre + 2; }), 2u);
  // Left side: against fat, pixels down to -29 HU (41 % muscle and more) are muscle; the
  // true border (50 %) lies within that by at most the pixels between 41 and 50 % coverage.
  const std::size_t leftWrong = mismatches(refined, [](int i, int) { return i < kCentre - 2; });
  EXPECT_LE(leftWrong, 8u);
  for (int j = 0; j < kSize; ++j)
    for (int i = 0; i < kSize; ++i)
      if (std::abs(i - kCentre) > 2 && refined.at(i, j) && !truth.at(i, j)) EXPECT_LE(std::hypot(i - kCentre, j - kCentre), kRadiusPixels + 1.0);
}

TEST(BorderRefinement, KeepsTheOutlinesBorderAgainstTissueOfTheSameDensity) {
  const auto hu = slice(fatLeftAnd(50.0)); // another muscle right against it: no density border
  const auto outline = trackedOutline(2.0, 0.0);
  const auto refined = refineBorder(hu.data(), outline, SliceMask(kGeometry), ruleForTest());
  for (int j = 0; j < kSize; ++j)
    for (int i = static_cast<int>(kCentre) + 3; i < kSize; ++i)
      EXPECT_EQ(refined.at(i, j), outline.at(i, j)) << i << "," << j;
}

TEST(BorderRefinement, NeverTakesForbiddenPixels) {
  const auto hu = slice(fatLeftAnd(-90.0));
  const auto outline = trackedOutline(0.0, 0.0);
  const auto forbidden = maskWhere([](int, int j) { return j > 40; });
  const auto refined = refineBorder(hu.data(), outline, forbidden, ruleForTest());
  for (int j = 41; j < kSize; ++j)
    for (int i = 0; i < kSize; ++i) EXPECT_FALSE(refined.at(i, j)) << i << "," << j;
  EXPECT_GT(refined.pixelCount(), outline.pixelCount() / 2);
}

TEST(BorderRefinement, DoesNotJumpAFatPlaneIntoTheMuscleBehindIt) {
  // Another muscle begins two and a half pixels beyond the right border, fat between them:
  // within the three pixels the border may move outwards, but not connected to the muscle.
  const double planeEnd = kCentre + kRadiusPixels + 2.5;
  const auto hu = slice([planeEnd](double x, double) { return x >= planeEnd ? 50.0 : -90.0; });
  const auto outline = trackedOutline(0.0, 0.0);
  const auto refined = refineBorder(hu.data(), outline, SliceMask(kGeometry), ruleForTest());
  for (int j = 0; j < kSize; ++j)
    for (int i = static_cast<int>(std::ceil(planeEnd)); i < kSize; ++i) EXPECT_FALSE(refined.at(i, j)) << i << "," << j;
}
