#pragma once
// Vertebral levels along the tracked column: discs are the low-density dips of the column's
// intensity profile; the sacrum is where the bone widens into the alae; discs are counted
// upwards from it (L5/S1, L4/L5, ...). Mid-vertebra slices lie half-way between discs.
#include "CanonicalVolume.h"
#include "SpineTrack.h"

#include "iliometry/core/Level.h"

namespace iliometry::segmentation {

// Levels with canonical slice indices (the caller maps them onto the input grid).
LevelSet findLevels(const CanonicalVolume& smoothed, const SpineTrack& spine);

} // namespace iliometry::segmentation
