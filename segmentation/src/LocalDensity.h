#pragma once
// Local mean density: a neighbour a little denser than muscle (the liver against the right
// psoas at its origin, 10 HU above it on plain CT) is lost in a single pixel's noise, but
// not in the mean of a few pixels.
#include "SliceMask.h"

#include <vector>

namespace iliometry::segmentation {

// The mean of `values` (one per pixel of `geometry`) over the (2 r + 1)^2 box of pixels around
// each pixel, clipped at the slice's edges (ITK's box mean).
std::vector<float> boxMean(const float* values, const SliceGeometry& geometry, int radiusPx);

} // namespace iliometry::segmentation

namespace iliometry::segmentation {

// The minimum of `values` over the same boxes (ITK's grey-level erosion with a flat box).
std::vector<float> boxMinimum(const float* values, const SliceGeometry& geometry, int radiusPx);

} // namespace iliometry::segmentation
