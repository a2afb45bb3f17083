#include "LocalDensity.h"

#include <algorithm>

namespace iliometry::segmentation {

std::vector<float> boxMean(const float* values, const SliceGeometry& geometry, int radiusPx) {
  const int nx = geometry.nx, ny = geometry.ny;
  // Summed-area table: each box sum in four look-ups, whatever the radius.
  std::vector<double> sums(static_cast<std::size_t>(nx + 1) * (ny + 1), 0.0);
  auto sumAt = [&](int i, int j) -> double& { return sums[static_cast<std::size_t>(j) * (nx + 1) + i]; };
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i)
      sumAt(i + 1, j + 1) = values[static_cast<std::size_t>(j) * nx + i] + sumAt(i, j + 1) + sumAt(i + 1, j) - sumAt(i, j);
  std::vector<float> out(geometry.count());
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i) {
      const int i0 = std::max(0, i - radiusPx), i1 = std::min(nx, i + radiusPx + 1);
      const int j0 = std::max(0, j - radiusPx), j1 = std::min(ny, j + radiusPx + 1);
      const double sum = sumAt(i1, j1) - sumAt(i0, j1) - sumAt(i1, j0) + sumAt(i0, j0);
      out[static_cast<std::size_t>(j) * nx + i] = static_cast<float>(sum / ((i1 - i0) * (j1 - j0)));
    }
  return out;
}

namespace {
// The minimum of `in` over the 2 r + 1 pixels around each pixel along x (`alongX`) or y.
std::vector<float> minimumAlong(const float* in, const SliceGeometry& geometry, int radiusPx, bool alongX) {
  const int nx = geometry.nx, ny = geometry.ny;
  const int length = alongX ? nx : ny;
  const std::size_t stride = alongX ? 1 : static_cast<std::size_t>(nx);
  std::vector<float> out(geometry.count());
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i) {
      const std::size_t n = static_cast<std::size_t>(j) * nx + i;
      const int position = alongX ? i : j;
      float lowest = in[n];
      for (int d = std::max(-radiusPx, -position); d <= std::min(radiusPx, length - 1 - position); ++d)
        lowest = std::min(lowest, in[static_cast<std::size_t>(static_cast<std::ptrdiff_t>(n) + d * static_cast<std::ptrdiff_t>(stride))]);
      out[n] = lowest;
    }
  return out;
}
} // namespace

std::vector<float> boxMinimum(const float* values, const SliceGeometry& geometry, int radiusPx) {
  // Separable: the minimum along rows, then along columns of those.
  const auto rows = minimumAlong(values, geometry, radiusPx, true);
  return minimumAlong(rows.data(), geometry, radiusPx, false);
}

} // namespace iliometry::segmentation
