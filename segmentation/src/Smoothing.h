#pragma once
#include "CanonicalVolume.h"

namespace iliometry::segmentation {

// Light in-plane Gaussian smoothing (sigma in mm) so thresholds see tissue, not noise.
void smoothInPlane(CanonicalVolume& volume, double sigmaMm);

} // namespace iliometry::segmentation
