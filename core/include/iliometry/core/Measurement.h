#pragma once
// Measurements of a label map: CSA per axial slice, volume, maximum CSA, mean intensity.
// Pure maths on images: no segmentation, no I/O.
#include "iliometry/core/Anatomy.h"
#include "iliometry/core/ImageTypes.h"
#include "iliometry/core/Level.h"

#include <array>
#include <optional>
#include <vector>

namespace iliometry {

struct StructureMeasurement {
  Structure structure{Muscle::PsoasMajor, Side::Left};
  std::vector<double> csaMm2PerSlice; // one entry per index along the third axis
  std::size_t voxelCount = 0;
  double volumeMm3 = 0.0;
  double maxCsaMm2 = 0.0;
  int maxCsaSliceIndex = -1; // -1 when the structure is empty
  std::optional<double> meanIntensity; // mean HU on CT; empty when the structure is empty
  int firstSliceIndex = -1, lastSliceIndex = -1;
};

struct MeasurementSet {
  std::array<StructureMeasurement, 4> structures; // indexed by indexOf(Structure)
  double sliceAreaMm2PerVoxel = 0.0;               // in-plane pixel area
  double voxelVolumeMm3 = 0.0;
  int sliceCount = 0;

  const StructureMeasurement& of(Structure s) const { return structures[indexOf(s)]; }
  double csaMm2(Structure s, int sliceIndex) const { return of(s).csaMm2PerSlice.at(static_cast<std::size_t>(sliceIndex)); }
};

// Assumes `labels` shares the voxel grid of `intensity` (asserted).
// The CSA on a slice is the in-plane voxel count times the in-plane pixel area; slices are the
// volume's third axis (axial for the axial series the loader chooses).
MeasurementSet measureStructures(const IntensityImage& intensity, const LabelImage& labels);

inline constexpr double kMm2PerCm2 = 100.0;
inline constexpr double kMm3PerCm3 = 1000.0;

} // namespace iliometry
