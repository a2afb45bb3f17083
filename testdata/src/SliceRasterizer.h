#pragma once
// Turns one slice's scene into voxels. Intensities are sampled on a half-pixel grid and
// filtered with a 3x3 tent kernel ([1 2 1] x [1 2 1] / 16), a scanner-like point spread that
// gives partial-volume edges; the label of a voxel is the structure containing its centre.
#include "AnatomyModel.h"

#include <array>
#include <cstdint>
#include <vector>

namespace iliometry::testdata::detail {

struct RasterGeometry {
  unsigned columns = 0, rows = 0;
  double spacingMm = 1.0;
  double originXMm = 0.0, originYMm = 0.0; // centre of voxel (0, 0)
  double offsetXMm = 0.0, offsetYMm = 0.0; // body frame origin in LPS
  double rotationRad = 0.0;                // body frame rotation about z
};

using TissueValues = std::array<float, static_cast<std::size_t>(Tissue::Count)>;

// Writes columns*rows values into each buffer, row-major (column index fastest).
// `scratch` is reused between calls to avoid reallocating the half-pixel grid.
void rasterizeSlice(const SliceScene& scene, const RasterGeometry& geometry, const TissueValues& values,
                    float* intensity, std::uint8_t* labels, std::vector<float>& scratch);

} // namespace iliometry::testdata::detail
