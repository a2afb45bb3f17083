#pragma once
// Dixon fat fraction: the share of a voxel's signal that comes from fat, F / (W + F), from the
// water (W) and fat (F) images of one Dixon acquisition. It measures fatty infiltration of a
// muscle independently of coil sensitivity (the bias field cancels in the ratio).
#include "iliometry/core/Anatomy.h"
#include "iliometry/core/ImageTypes.h"

#include <array>
#include <optional>
#include <vector>

namespace iliometry {

// 0..1 per voxel; 0 where W + F <= 0. `water` and `fat` share one grid (asserted).
IntensityImage::Pointer fatFractionImage(const IntensityImage& water, const IntensityImage& fat);

struct StructureFatFraction {
  Structure structure{Muscle::PsoasMajor, Side::Left};
  // Per slice and over the whole muscle: sum F / sum (W + F) over the muscle's voxels, in %.
  // A ratio of sums, not a mean of voxel ratios: noisy low-signal voxels do not dominate it.
  std::vector<std::optional<double>> percentPerSlice;
  std::optional<double> volumePercent;
};

struct FatFractionSet {
  std::array<StructureFatFraction, 4> structures; // indexed by indexOf(Structure)
  const StructureFatFraction& of(Structure s) const { return structures[indexOf(s)]; }
};

// `labels` shares the grid of the images (asserted).
FatFractionSet measureFatFraction(const IntensityImage& water, const IntensityImage& fat, const LabelImage& labels);

} // namespace iliometry
