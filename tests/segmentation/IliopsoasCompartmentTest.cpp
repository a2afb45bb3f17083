#include "IliopsoasCompartment.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace iliometry::segmentation;

namespace {

const SliceGeometry kGeometry{60, 60, 1.5, 1.5};
constexpr std::size_t kNoCap = std::numeric_limits<std::size_t>::max();

// The merged belly below the brim as a tracker may leave it: a psoas disk (radius 6 pixels,
// centre column 20) and an iliacus strip on the bone (columns 34-36), 7 pixels (10.5 mm) of
// muscle between them that neither outline took.
IliopsoasOutlines separatedOutlines(int iliacusColumn = 34) {
  IliopsoasOutlines out{SliceMask(kGeometry), SliceMask(kGeometry)};
  for (int j = 0; j < kGeometry.ny; ++j)
    for (int i = 0; i < kGeometry.nx; ++i) {
      if (std::hypot(i - 20, j - 30) <= 6.0) out.psoas.set(i, j, true);
      if (i >= iliacusColumn && i < iliacusColumn + 3 && j >= 15 && j <= 45) out.iliacus.set(i, j, true);
    }
  return out;
}

SliceMask all(bool on) {
  SliceMask m(kGeometry);
  for (std::size_t n = 0; n < kGeometry.count(); ++n) m.set(n, on);
  return m;
}

} // namespace

TEST(IliopsoasCompartment, MuscleBetweenTheOutlinesGoesToTheNearerOne) {
  const auto before = separatedOutlines();
  const auto after = closeIliopsoasGap(before, all(true), all(false), 9.0, kNoCap);
  // On the row through the disk's centre every pixel between the two is now labelled: the
  // ones nearer the disk (columns 27-29) psoas, the ones nearer the strip (31-33) iliacus.
  for (int i = 27; i <= 29; ++i) EXPECT_TRUE(after.psoas.at(i, 30) && !after.iliacus.at(i, 30)) << i;
  for (int i = 31; i <= 33; ++i) EXPECT_TRUE(after.iliacus.at(i, 30) && !after.psoas.at(i, 30)) << i;
  EXPECT_TRUE(after.psoas.at(30, 30) || after.iliacus.at(30, 30));
  // Nothing was taken away, and nothing far from both (the closing fills gaps, it does not grow).
  EXPECT_TRUE(before.psoas.minus(after.psoas).empty());
  EXPECT_TRUE(before.iliacus.minus(after.iliacus).empty());
  EXPECT_FALSE(after.psoas.at(5, 30) || after.iliacus.at(5, 30));
  EXPECT_FALSE(after.psoas.at(50, 30) || after.iliacus.at(50, 30));
  EXPECT_FALSE(after.psoas.overlaps(after.iliacus));
}

TEST(IliopsoasCompartment, FatBetweenTheOutlinesIsNotTaken) {
  auto muscle = all(true);
  for (int j = 0; j < kGeometry.ny; ++j)
    for (int i = 27; i <= 33; ++i) muscle.set(i, j, false); // a fat plane: two muscles, not one belly
  const auto before = separatedOutlines();
  const auto after = closeIliopsoasGap(before, muscle, all(false), 9.0, kNoCap);
  const auto added = (after.psoas | after.iliacus).minus(before.psoas | before.iliacus);
  EXPECT_FALSE(added.overlaps(all(true).minus(muscle)));
  // Only the disk's own pixel steps may be smoothed (a few pixels on its side of the plane).
  EXPECT_LE(added.pixelCount(), 10u);
  EXPECT_TRUE(before.iliacus.minus(after.iliacus).empty() && after.iliacus.minus(before.iliacus).empty());
}

TEST(IliopsoasCompartment, ForbiddenPixelsAndWideGapsStayUnlabelled) {
  auto forbidden = all(false);
  forbidden.set(30, 30, true); // another structure's pixel
  const auto after = closeIliopsoasGap(separatedOutlines(), all(true), forbidden, 9.0, kNoCap);
  EXPECT_FALSE(after.psoas.at(30, 30) || after.iliacus.at(30, 30));
  EXPECT_TRUE(after.psoas.at(29, 30));

  // 26 pixels (39 mm) apart the two are separate muscles, not one belly with a gap. (The strip
  // lies five pixels from the slice's edge: no band grows along the edge either.)
  const auto apart = separatedOutlines(52);
  const auto kept = closeIliopsoasGap(apart, all(true), all(false), 9.0, kNoCap);
  EXPECT_EQ(kept.psoas.values(), apart.psoas.values());
  EXPECT_EQ(kept.iliacus.values(), apart.iliacus.values());
}

TEST(IliopsoasCompartment, NothingToCloseWithoutBothOutlines) {
  IliopsoasOutlines onlyPsoas{separatedOutlines().psoas, SliceMask(kGeometry)};
  const auto after = closeIliopsoasGap(onlyPsoas, all(true), all(false), 9.0, kNoCap);
  EXPECT_EQ(after.psoas.values(), onlyPsoas.psoas.values());
  EXPECT_TRUE(after.iliacus.empty());
}

// The psoas narrows below the brim: it takes the gap's pixels nearest to it only up to its cap
// (from the slice above); the rest of the belly between them goes to the iliacus.
TEST(IliopsoasCompartment, PsoasGrowsOnlyToItsCapAndTheIliacusTakesTheRest) {
  const auto before = separatedOutlines();
  const auto uncapped = closeIliopsoasGap(before, all(true), all(false), 9.0, kNoCap);
  const std::size_t cap = before.psoas.pixelCount() + 5;
  const auto capped = closeIliopsoasGap(before, all(true), all(false), 9.0, cap);
  EXPECT_GT(uncapped.psoas.pixelCount(), cap);
  EXPECT_EQ(capped.psoas.pixelCount(), cap);
  // Nothing is lost to the cap: the belly is labelled as far as without it.
  EXPECT_EQ((capped.psoas | capped.iliacus).values(), (uncapped.psoas | uncapped.iliacus).values());
  EXPECT_FALSE(capped.psoas.overlaps(capped.iliacus));
  // The psoas' five are next to it (one pixel out), not scattered over the gap.
  const auto ring = dilate(before.psoas, 1.5 * 1.5);
  EXPECT_TRUE(capped.psoas.minus(ring).empty());
}
