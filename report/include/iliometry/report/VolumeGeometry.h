#pragma once
// The voxel grid of a volume in plain numbers, for reports and for comparing two grids.
// Coordinates are ITK's: patient LPS millimetres.
#include <itkImageBase.h>

#include <array>
#include <cstddef>

namespace iliometry::report {

struct VolumeGeometry {
  std::array<std::size_t, 3> sizeVoxels{}; // columns, rows, slices
  std::array<double, 3> spacingMm{};
  std::array<double, 3> originLpsMm{}; // centre of voxel (0, 0, 0)
  // ITK's direction matrix, direction[row][column]: column c is the LPS unit vector of axis c.
  std::array<std::array<double, 3>, 3> direction{{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}};

  // LPS z of the centre of slice `sliceIndex` (the in-plane centre, so that a tilted
  // slice gets the z where the body is, not the z of its corner).
  double sliceCentreZMm(int sliceIndex) const;
};

VolumeGeometry geometryOf(const itk::ImageBase<3>& image);

// Same size, and spacing/origin/direction equal within `toleranceMm` (direction within 1e-6).
bool sameGrid(const VolumeGeometry& a, const VolumeGeometry& b, double toleranceMm = 1e-4);

} // namespace iliometry::report
