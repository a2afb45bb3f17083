#include "iliometry/workflow/CoverageCheck.h"

namespace iliometry::workflow {

bool touchesVolumeEdge(const MeasurementSet& measurements, Muscle muscle) {
  const int lastSlice = measurements.sliceCount - 1;
  for (Side side : kSides) {
    const StructureMeasurement& m = measurements.of({muscle, side});
    if (m.voxelCount == 0) continue;
    if (m.firstSliceIndex == 0 || m.lastSliceIndex == lastSlice) return true;
  }
  return false;
}

CoverageAdjustment adjustBasisForCoverage(const MeasurementSet& measurements, const AsymmetryOptions& requested) {
  CoverageAdjustment adjustment{requested, {}};
  for (Muscle muscle : kMuscles) {
    std::string& basis =
        muscle == Muscle::PsoasMajor ? adjustment.options.psoasPrimaryBasis : adjustment.options.iliacusPrimaryBasis;
    if (basis != "volume" || !touchesVolumeEdge(measurements, muscle)) continue;
    adjustment.fallbacks.push_back({muscle, basis, "max_csa",
                                    muscleDisplayName(muscle) +
                                        " reaches the first or last slice of the volume (partial coverage): "
                                        "verdict on max_csa instead of volume"});
    basis = "max_csa";
  }
  return adjustment;
}

void annotateVerdicts(AsymmetryReport& report, const std::vector<BasisFallback>& fallbacks) {
  for (const auto& fallback : fallbacks)
    for (auto& verdict : report.verdicts)
      if (verdict.muscle == fallback.muscle)
        verdict.note = fallback.reason + (verdict.note.empty() ? "" : "; " + verdict.note);
}

} // namespace iliometry::workflow
