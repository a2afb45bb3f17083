#pragma once
// Radiological display of an axial slice whatever the volume's orientation: the patient's
// left on the image's right, anterior at the top. Uses the direction matrix (LPS): display
// columns follow the in-plane axis closest to LPS x (towards the patient's left), display rows
// the one closest to LPS y (towards posterior). Only axis permutations and flips are applied,
// so no voxel is resampled.
#include "iliometry/report/VolumeGeometry.h"

#include <array>
#include <cstddef>

namespace iliometry::report {

struct RadiologicalView {
  int columnAxis = 0, rowAxis = 1;     // which volume axis runs along display columns / rows
  bool flipColumns = false, flipRows = false;
  int displayColumns = 0, displayRows = 0;
  double columnSpacingMm = 1.0, rowSpacingMm = 1.0; // display pixel size

  // The volume index (i, j, slice) shown at display pixel (column, row).
  std::array<long, 3> volumeIndex(int column, int row, int slice) const;
};

// Asserts a 3-D geometry with a non-degenerate direction matrix.
RadiologicalView radiologicalViewOf(const VolumeGeometry& geometry);

} // namespace iliometry::report
