#pragma once
// Voxel-grid helpers shared by the loader, the segmentation and the phantom: comparing two
// grids and allocating an image on the grid of another.
#include "iliometry/core/ImageTypes.h"

namespace iliometry {

// Same size, and spacing and origin within `toleranceMm`, direction cosines within 1e-4:
// images whose voxels can be paired one to one (Dixon water/fat with their in-phase image).
bool sameVoxelGrid(const IntensityImage& a, const IntensityImage& b, double toleranceMm = 0.01);

// A new, uninitialised image on `image`'s grid.
IntensityImage::Pointer allocateLike(const IntensityImage& image);

} // namespace iliometry
