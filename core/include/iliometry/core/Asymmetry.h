#pragma once
// Left/right asymmetry: AI = (L - R) / ((L + R) / 2) x 100, per muscle and per basis.
#include "iliometry/core/Anatomy.h"
#include "iliometry/core/Measurement.h"

#include <optional>
#include <string>
#include <vector>

namespace iliometry {

// nullopt when both sides are zero (nothing to compare).
std::optional<double> asymmetryIndexPercent(double left, double right);

// A basis is "volume", "max_csa" or a level name ("L3", "L4/L5").
struct AsymmetryEntry {
  Muscle muscle = Muscle::PsoasMajor;
  std::string basis;
  double left = 0.0, right = 0.0; // mm3 for volume, mm2 otherwise
  std::optional<double> indexPercent;
};

struct AsymmetryVerdict {
  Muscle muscle = Muscle::PsoasMajor;
  std::string basis;     // the primary basis used for the flag
  double thresholdPercent = 10.0;
  std::optional<double> indexPercent;
  bool asymmetricHypertrophy = false;
  std::optional<Side> largerSide; // set when flagged
  std::string note;               // e.g. primary basis unavailable, near-threshold caution
};

struct AsymmetryOptions {
  double thresholdPercent = 10.0;
  std::string psoasPrimaryBasis = "volume";
  std::string iliacusPrimaryBasis = "volume";
  const std::string& primaryBasisFor(Muscle m) const { return m == Muscle::PsoasMajor ? psoasPrimaryBasis : iliacusPrimaryBasis; }
};

struct AsymmetryReport {
  std::vector<AsymmetryEntry> entries; // every basis for every muscle
  std::vector<AsymmetryVerdict> verdicts; // one per muscle
};

AsymmetryReport assessAsymmetry(const MeasurementSet& measurements, const LevelSet& levels,
                                const AsymmetryOptions& options);

} // namespace iliometry
