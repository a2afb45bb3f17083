#pragma once
// Partial coverage: a muscle cut off by the first or last slice of the volume has a volume that
// depends on where the scan stopped, so a volume-based asymmetry verdict would compare two
// truncated muscles. Its maximum CSA is far less affected (the belly is usually in view).
#include "iliometry/core/Asymmetry.h"
#include "iliometry/core/Measurement.h"

#include <string>
#include <vector>

namespace iliometry::workflow {

struct BasisFallback {
  Muscle muscle = Muscle::PsoasMajor;
  std::string requestedBasis; // "volume"
  std::string usedBasis;      // "max_csa"
  std::string reason;         // for the verdict note and the run's warnings
};

struct CoverageAdjustment {
  AsymmetryOptions options;             // what assessAsymmetry should use
  std::vector<BasisFallback> fallbacks; // one per muscle whose basis was switched
};

// True when either side's labelled slices reach slice 0 or the last slice of the volume.
bool touchesVolumeEdge(const MeasurementSet& measurements, Muscle muscle);

// Switches a muscle's "volume" basis to "max_csa" when that muscle touches the volume's edge;
// other bases (max_csa, a level) are kept as asked.
CoverageAdjustment adjustBasisForCoverage(const MeasurementSet& measurements, const AsymmetryOptions& requested);

// Adds each fallback's reason to its muscle's verdict note.
void annotateVerdicts(AsymmetryReport& report, const std::vector<BasisFallback>& fallbacks);

} // namespace iliometry::workflow
