#include "iliometry/core/ImageGrid.h"

#include <cmath>

namespace iliometry {

bool sameVoxelGrid(const IntensityImage& a, const IntensityImage& b, double toleranceMm) {
  if (a.GetLargestPossibleRegion().GetSize() != b.GetLargestPossibleRegion().GetSize()) return false;
  for (unsigned axis = 0; axis < 3; ++axis) {
    if (std::abs(a.GetSpacing()[axis] - b.GetSpacing()[axis]) > toleranceMm ||
        std::abs(a.GetOrigin()[axis] - b.GetOrigin()[axis]) > toleranceMm)
      return false;
    for (unsigned row = 0; row < 3; ++row)
      if (std::abs(a.GetDirection()[row][axis] - b.GetDirection()[row][axis]) > 1e-4) return false;
  }
  return true;
}

IntensityImage::Pointer allocateLike(const IntensityImage& image) {
  auto out = IntensityImage::New();
  out->CopyInformation(&image);
  out->SetRegions(image.GetLargestPossibleRegion());
  out->Allocate();
  return out;
}

} // namespace iliometry
