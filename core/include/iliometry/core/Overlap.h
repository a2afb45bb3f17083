#pragma once
// Agreement between two label maps on the same grid (segmentation accuracy).
#include "iliometry/core/ImageTypes.h"

namespace iliometry {

// Dice = 2 |A and B| / (|A| + |B|) for the voxels carrying `label` in each map; 1 when both
// are empty. Asserts that the grids match.
double diceCoefficient(const LabelImage& a, const LabelImage& b, std::uint8_t label);

} // namespace iliometry
