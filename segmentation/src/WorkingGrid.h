#pragma once
// The segmentation runs on a working grid of about 1.5 mm pixels and 3 mm slices, made by
// averaging blocks of native voxels: fine CT (0.7 mm, 1 mm slices) would otherwise cost
// minutes, and the anatomy the rules rely on is millimetres wide. The labels come back to
// the native grid by interpolating each structure's indicator and re-deciding the boundary
// voxels on their own density, so the reported CSA follows the native edges.
#include "CanonicalVolume.h"

#include <array>
#include <cstdint>
#include <vector>

namespace iliometry::segmentation {

struct WorkingGrid {
  std::array<int, 3> factor{1, 1, 1}; // native voxels per working voxel along each axis
  CanonicalVolume volume;             // block averages of the native volume

  // Native slice index at the centre of working slice k.
  int nativeSlice(int k) const { return k * factor[2] + factor[2] / 2; }
};

// Block factors chosen so the working pixel is at least `targetPixelMm` and the working
// slice at least `targetSliceMm` (never upsampling).
WorkingGrid makeWorkingGrid(const CanonicalVolume& native, double targetPixelMm, double targetSliceMm);

// Native-grid labels from working-grid labels. A native voxel takes the structure whose
// trilinearly interpolated indicator is largest when that weight is at least one half and
// its density lies in [lowHu, highHu]; between `partialWeight` and one half it is taken
// only when its density lies in the scan's own muscle window [coreLowHu, coreHighHu].
//
// A voxel inside the outline (weight at least one half) that lies against bone is brightened
// by the cortex beyond the muscle window by partial volume: it is kept while its density lies
// nearer the muscle's (`muscleHu`) than the brightest bone voxel beside it (`boneHu` and above).
// The same holds for the two voxels beyond the outline towards the bone (the width of the
// cortex's blur), grown ring by ring from the outline.
struct UpsamplingRule {
  float lowHu = -29.0f, highHu = 150.0f;
  float coreLowHu = 20.0f, coreHighHu = 100.0f;
  double partialWeight = 0.3;
  float muscleHu = 50.0f;
  float boneHu = 180.0f;
  bool besideBone = false; // keep partial-volume voxels against bone as above
};
std::vector<std::uint8_t> upsampleLabels(const std::vector<std::uint8_t>& workingLabels, const WorkingGrid& grid,
                                         const CanonicalVolume& native, const UpsamplingRule& rule);

} // namespace iliometry::segmentation
