#include "iliometry/report/VolumeGeometry.h"

#include <cmath>

namespace iliometry::report {

double VolumeGeometry::sliceCentreZMm(int sliceIndex) const {
  const std::array<double, 3> index{(static_cast<double>(sizeVoxels[0]) - 1.0) / 2.0,
                                    (static_cast<double>(sizeVoxels[1]) - 1.0) / 2.0, static_cast<double>(sliceIndex)};
  double z = originLpsMm[2];
  for (int axis = 0; axis < 3; ++axis)
    z += direction[2][axis] * spacingMm[axis] * index[axis];
  return z;
}

VolumeGeometry geometryOf(const itk::ImageBase<3>& image) {
  VolumeGeometry geometry;
  const auto size = image.GetLargestPossibleRegion().GetSize();
  for (unsigned row = 0; row < 3; ++row) {
    geometry.sizeVoxels[row] = size[row];
    geometry.spacingMm[row] = image.GetSpacing()[row];
    geometry.originLpsMm[row] = image.GetOrigin()[row];
    for (unsigned column = 0; column < 3; ++column)
      geometry.direction[row][column] = image.GetDirection()(row, column);
  }
  return geometry;
}

bool sameGrid(const VolumeGeometry& a, const VolumeGeometry& b, double toleranceMm) {
  if (a.sizeVoxels != b.sizeVoxels) return false;
  for (int i = 0; i < 3; ++i) {
    if (std::abs(a.spacingMm[i] - b.spacingMm[i]) > toleranceMm) return false;
    if (std::abs(a.originLpsMm[i] - b.originLpsMm[i]) > toleranceMm) return false;
    for (int j = 0; j < 3; ++j)
      if (std::abs(a.direction[i][j] - b.direction[i][j]) > 1e-6) return false;
  }
  return true;
}

} // namespace iliometry::report
