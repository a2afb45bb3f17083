#pragma once
// Psoas major and iliacus, both sides, by slice-to-slice propagation from confident seeds.
#include "CanonicalVolume.h"
#include "SpineTrack.h"

#include "iliometry/core/Level.h"

#include <string>
#include <vector>

namespace iliometry::segmentation {

struct MuscleTrackingResult {
  std::vector<std::uint8_t> labels; // canonical grid, values per core/Anatomy.h
  std::vector<std::string> warnings;
  float muscleLowHu = -29.0f, muscleHighHu = 150.0f; // the scan's own muscle window, learned
  float muscleMeanHu = 50.0f;                        // the scan's muscle density (median of the seeds)
};

// `levels` carry native slice indices; `nativeSlicesPerSlice` converts them to `smoothed`'s.
MuscleTrackingResult trackMuscles(const CanonicalVolume& smoothed, const SpineTrack& spine, const LevelSet& levels,
                                  int nativeSlicesPerSlice);

} // namespace iliometry::segmentation
