#pragma once
// MR pipeline: the same outputs as the CT pipeline from T1-weighted, T2-weighted or Dixon
// series. Intensities are made comparable first (N4 bias-field correction), tissue classes are
// learned per scan, and the scan is turned into a CT-like density map on which the CT
// pipeline's anatomical rules run (see src/PseudoCt.h for the rules).
#include "iliometry/segmentation/CtSegmenter.h"

namespace iliometry::segmentation {

struct MrImages {
  const IntensityImage* structural = nullptr; // T1, T2 or Dixon in-phase; may be null when water and fat are given
  const IntensityImage* water = nullptr;      // Dixon water image, same grid as `structural`
  const IntensityImage* fat = nullptr;        // Dixon fat image, same grid
};

Result<SegmentationResult> segmentMr(const MrImages& images, const ProgressCallback& progress = {});

} // namespace iliometry::segmentation
