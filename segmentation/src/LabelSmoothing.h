#pragma once
// A majority vote over each voxel's neighbourhood for one label: slice-by-slice tracking
// leaves its outlines jittering from slice to slice (a bump where a bowel loop touched, a
// notch where noise fell out of the window); the vote keeps what most of the neighbourhood
// agrees on.
#include <cstdint>
#include <vector>

namespace iliometry::segmentation {

struct VoteWindow {
  bool inPlane = true; // 3 x 3 pixels in-plane, or the voxel alone
  bool acrossSlices = true; // the slices above and below too
};

// `labels` holds nx * ny * nz voxels, x fastest. Voxels of `label` that no more than half of
// their window's voxels (themselves included; beyond the volume's edge the edge repeats) share
// are cleared; unlabelled voxels that more than half of them share take `label`. Voxels of
// other labels are never touched. The vote is ITK's binary median.
void majorityVote(std::vector<std::uint8_t>& labels, int nx, int ny, int nz, std::uint8_t label, VoteWindow window);

} // namespace iliometry::segmentation
