#include "LabelSmoothing.h"

namespace iliometry::segmentation {

namespace {
// Sums of `values` over windows of three along one axis (neighbours `stride` apart), in place.
void sumOfThree(std::vector<std::uint8_t>& values, std::size_t stride, int length, int nx, int ny, int nz, int axis) {
  const std::vector<std::uint8_t> in = values;
  for (int k = 0; k < nz; ++k)
    for (int j = 0; j < ny; ++j)
      for (int i = 0; i < nx; ++i) {
        const std::size_t n = (static_cast<std::size_t>(k) * ny + j) * nx + i;
        const int position = axis == 0 ? i : axis == 1 ? j : k;
        int sum = in[n];
        if (position > 0) sum += in[n - stride];
        if (position + 1 < length) sum += in[n + stride];
        values[n] = static_cast<std::uint8_t>(sum);
      }
}
} // namespace

void majorityVote(std::vector<std::uint8_t>& labels, int nx, int ny, int nz, std::uint8_t label, VoteWindow window) {
  std::vector<std::uint8_t> counts(labels.size());
  for (std::size_t n = 0; n < labels.size(); ++n) counts[n] = labels[n] == label ? 1 : 0;
  // Separable (at most 27 fits in a byte).
  int windowVoxels = 1;
  if (window.inPlane) {
    sumOfThree(counts, 1, nx, nx, ny, nz, 0);
    sumOfThree(counts, static_cast<std::size_t>(nx), ny, nx, ny, nz, 1);
    windowVoxels *= 9;
  }
  if (window.acrossSlices) {
    sumOfThree(counts, static_cast<std::size_t>(nx) * ny, nz, nx, ny, nz, 2);
    windowVoxels *= 3;
  }
  for (std::size_t n = 0; n < labels.size(); ++n) {
    if (labels[n] != label && labels[n] != 0) continue;
    labels[n] = 2 * counts[n] > windowVoxels ? label : 0;
  }
}

} // namespace iliometry::segmentation
