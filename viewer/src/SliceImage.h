#pragma once
// Turning one slice of the volume and of the label map into images for display: grey values
// through window/level, labels as a translucent fill with an opaque outline (so the boundary
// being measured stays visible at any opacity). Display only: nothing here measures.
#include "ViewerState.h"

#include <QImage>

#include <array>

namespace iliometry::viewer {

// How a view's image pixels (u to the right, v downwards) map to volume voxels.
struct SliceGeometry {
  SliceAxis axis = SliceAxis::Axial;
  int uAxis = 0, vAxis = 1;  // volume axes along the image's columns and rows
  bool flipV = false;        // rows run against the volume axis (cranial at the top)
  int width = 0, height = 0; // image size in pixels (voxels)
  double uSpacingMm = 1, vSpacingMm = 1;
  int sliceCount = 0; // along `axis`
};

SliceGeometry sliceGeometry(SliceAxis axis, const std::array<int, 3>& size, const std::array<double, 3>& spacingMm);

std::array<int, 3> voxelAt(const SliceGeometry& geometry, int sliceIndex, int u, int v);
// Image pixel (u, v) of a voxel in this geometry.
std::array<int, 2> pixelOf(const SliceGeometry& geometry, const std::array<int, 3>& voxel);

QImage intensitySlice(const IntensityImage& image, const SliceGeometry& geometry, int sliceIndex,
                      WindowLevel windowLevel);
QImage labelSlice(const LabelImage& labels, const SliceGeometry& geometry, int sliceIndex, double fillOpacity);

} // namespace iliometry::viewer
