#include "PelvisFinder.h"

#include <gtest/gtest.h>

#include <vector>

using namespace iliometry::segmentation;

namespace {

// 3 mm voxels, the column's centre at x = 180 mm on every slice. Each iliac wing is a bar of
// cortex 60-110 mm lateral of it, two voxels thick, on slices 0 .. `top`; `shape(k)` says how
// the left wing looks on slice k.
enum class Wing { Whole, Pieces, Faint, Absent };

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
        // A faint plate: partial volume and the working grid's averaging leave it at 160 HU.
        for (int j = 20; j < 22; ++j) v.values()[v.offset(i, j, k)] = wing == Wing::Faint ? 160.0f : 700.0f;
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

// On a 0.8 mm copy of the real CT the plate near the crest stayed under the 180 HU bone
// threshold on eight working slices in a row and the crest was found 30 mm low. Above the
// wings found at the threshold, bone of at least 150 HU that continues them on both sides is
// followed up.
TEST(PelvisFinder, AFaintPlateContinuingBothWingsIsFollowedUpToTheCrest) {
  const auto v = pelvis(27, [](int k) { return k >= 18 ? Wing::Faint : Wing::Whole; });
  EXPECT_EQ(iliacCrestSlice(v, centredColumn(v.nz())), 27);
}

TEST(PelvisFinder, FaintBoneThatDoesNotContinueTheWingsIsNotFollowed) {
  // Only one side continues (the other ends at 17): the pelvis ends where both wings end.
  const auto oneSide = pelvis(27, [](int k) { return k >= 18 ? Wing::Faint : Wing::Whole; });
  auto v = oneSide;
  for (int k = 18; k <= 27; ++k)
    for (int i = 0; i < 60; ++i)
      for (int j = 0; j < v.ny(); ++j) v.values()[v.offset(i, j, k)] = 0.0f; // right wing gone
  EXPECT_EQ(iliacCrestSlice(v, centredColumn(v.nz())), 17);
  // Faint bone elsewhere beside the column (here 20 rows behind the wing) is no plate of it.
  auto shifted = pelvis(17, [](int) { return Wing::Whole; });
  for (int k = 18; k <= 27; ++k)
    for (int side : {-1, +1})
      for (int step = 20; step < 37; ++step)
        for (int j = 30; j < 32; ++j) shifted.values()[shifted.offset(60 + side * step, j, k)] = 160.0f;
  EXPECT_EQ(iliacCrestSlice(shifted, centredColumn(shifted.nz())), 17);
}
