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
};

MuscleTrackingResult trackMuscles(const CanonicalVolume& smoothed, const SpineTrack& spine, const LevelSet& levels);

} // namespace iliometry::segmentation
