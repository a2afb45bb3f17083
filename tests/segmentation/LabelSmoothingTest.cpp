#include "LabelSmoothing.h"

#include <gtest/gtest.h>

#include <vector>

using namespace iliometry::segmentation;

namespace {
constexpr int kN = 12;
struct Volume {
  std::vector<std::uint8_t> labels = std::vector<std::uint8_t>(kN * kN * kN, 0);
  std::uint8_t& at(int i, int j, int k) { return labels[(static_cast<std::size_t>(k) * kN + j) * kN + i]; }
  std::size_t count(std::uint8_t label) const {
    std::size_t n = 0;
    for (auto value : labels) n += value == label ? 1 : 0;
    return n;
  }
};
// A block of `label` over [2, 10) in x and y and [1, 11) in z.
Volume block(std::uint8_t label) {
  Volume v;
  for (int k = 1; k < 11; ++k)
    for (int j = 2; j < 10; ++j)
      for (int i = 2; i < 10; ++i) v.at(i, j, k) = label;
  return v;
}
} // namespace

TEST(LabelSmoothing, TheVoteRemovesABumpAndFillsANotchOnOneSlice) {
  auto v = block(1);
  v.at(10, 5, 6) = 1; // a one-voxel bump beside the block on slice 6
  v.at(2, 5, 6) = 0;  // a one-voxel notch in its border
  majorityVote(v.labels, kN, kN, kN, 1, VoteWindow{});
  EXPECT_EQ(v.at(10, 5, 6), 0);
  EXPECT_EQ(v.at(2, 5, 6), 1);
  EXPECT_EQ(v.at(5, 5, 6), 1);
  // A flat face keeps its place: 18 of the 27 voxels around a face voxel are inside.
  EXPECT_EQ(v.at(2, 5, 3), 1);
  EXPECT_EQ(v.at(1, 5, 3), 0);
}

TEST(LabelSmoothing, OtherLabelsAreNeverTaken) {
  auto v = block(1);
  for (int k = 0; k < kN; ++k)
    for (int j = 0; j < kN; ++j) v.at(5, j, k) = 3; // a wall of another structure through it
  const auto others = v.count(3);
  majorityVote(v.labels, kN, kN, kN, 1, VoteWindow{});
  EXPECT_EQ(v.count(3), others);
}

TEST(LabelSmoothing, AcrossSlicesOnlyTheVoteLeavesTheInPlaneOutlineAlone) {
  auto v = block(1);
  v.at(10, 5, 6) = 1; // a bump on one slice only: two of its three voxels across slices are empty
  v.at(1, 1, 3) = 1;  // a corner pixel that the slices above and below share
  v.at(1, 1, 4) = 1;
  v.at(1, 1, 5) = 1;
  majorityVote(v.labels, kN, kN, kN, 1, VoteWindow{false, true});
  EXPECT_EQ(v.at(10, 5, 6), 0);
  EXPECT_EQ(v.at(1, 1, 4), 1); // a 3 x 3 window would have cleared it
  EXPECT_EQ(v.at(9, 9, 5), 1);
  EXPECT_EQ(v.at(2, 2, 1), 1); // the end slice keeps what the slice after it shares
}

TEST(LabelSmoothing, TheVolumesEndSliceKeepsItsOutlineAcrossSlices) {
  // Partial coverage: a muscle cut by the end of the volume is not voted away there.
  Volume v;
  for (int j = 2; j < 10; ++j)
    for (int i = 2; i < 10; ++i) v.at(i, j, kN - 1) = 1; // on the last slice only
  majorityVote(v.labels, kN, kN, kN, 1, VoteWindow{false, true});
  EXPECT_EQ(v.count(1), 64u);
}
