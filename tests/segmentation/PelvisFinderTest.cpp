#include "PelvisFinder.h"

#include <gtest/gtest.h>

#include <vector>

using namespace iliometry::segmentation;

namespace {

// 3 mm voxels, the column's centre at x = 180 mm on every slice. Each iliac wing is a bar of
// cortex 60-110 mm lateral of it, two voxels thick, on slices 0 .. `top`; `shape(k)` says how
// the left wing looks on slice k.
enum class Wing { Whole, Pieces, Absent };

CanonicalVolume pelvis(int top, Wing (*shape)(int)) {
  auto v = CanonicalVolume::blank({120, 40, 40}, {3.0, 3.0, 3.0});
  for (int k = 0; k <= top; ++k)
    for (int side : {-1, +1}) {
      const Wing wing = side > 0 ? shape(k) : Wing::Whole;
      if (wing == Wing::Absent) continue;
      for (int step = 20; step < 37; ++step) {
        // A plate cut obliquely near the crest: partial volume leaves pieces of four voxels'
        // length (72 mm2 each, under the 250 mm2 a wing's piece needs) one voxel apart.
        if (wing == Wing::Pieces && step % 5 == 4) continue;
        const int i = 60 + side * step;
        for (int j = 20; j < 22; ++j) v.values()[v.offset(i, j, k)] = 700.0f;
      }
    }
  return v;
}

SpineTrack centredColumn(int nz) {
  SpineTrack spine;
  spine.points.assign(static_cast<std::size_t>(nz), SpinePoint{true, true, 180.0, 60.0, 20.0});
  spine.firstSlice = 0;
  spine.lastSlice = nz - 1;
  return spine;
}

} // namespace

TEST(PelvisFinder, CrestIsTheTopOfWholeWings) {
  const auto v = pelvis(25, [](int) { return Wing::Whole; });
  EXPECT_EQ(iliacCrestSlice(v, centredColumn(v.nz())), 25);
}

// On the real CT (3 mm voxels) the upper wing's cortex fell into such pieces on ten slices and
// the crest was placed 30 mm low, and with it the bottom of the iliac fossa.
TEST(PelvisFinder, CrestIsFoundThroughAPlateBrokenIntoPieces) {
  const auto v = pelvis(25, [](int k) { return k >= 18 ? Wing::Pieces : Wing::Whole; });
  EXPECT_EQ(iliacCrestSlice(v, centredColumn(v.nz())), 25);
}

TEST(PelvisFinder, TwoSlicesWithoutAWingDoNotEndThePelvisButThreeDo) {
  const auto two = pelvis(25, [](int k) { return k == 20 || k == 21 ? Wing::Absent : Wing::Whole; });
  EXPECT_EQ(iliacCrestSlice(two, centredColumn(two.nz())), 25);
  const auto three = pelvis(25, [](int k) { return k >= 20 && k <= 22 ? Wing::Absent : Wing::Whole; });
  EXPECT_EQ(iliacCrestSlice(three, centredColumn(three.nz())), 19);
}
