#pragma once
// Psoas muscle index (PMI): total psoas major CSA (left + right) at mid-L3 in cm2, divided by
// the patient's height in metres squared. A common sarcopenia marker on abdominal CT.
#include "iliometry/core/Level.h"
#include "iliometry/core/Measurement.h"

#include <optional>
#include <string>

namespace iliometry::report {

// Heights outside this range are not trusted (a DICOM Patient Size of 170 is centimetres
// entered into a metres field, 0 means "not recorded").
inline constexpr double kMinPlausibleHeightM = 0.5;
inline constexpr double kMaxPlausibleHeightM = 2.5;

struct PsoasMuscleIndex {
  std::optional<double> valueCm2PerM2; // empty when the level or the height is missing
  std::optional<double> psoasCsaCm2;   // left + right psoas major at mid-L3
  std::optional<int> sliceIndex;       // the mid-L3 slice
  std::optional<double> heightM;
  std::string heightSource; // "option", "dicom" or empty
  std::string note;         // why the value is missing, or caveats
};

// `heightFromOptionM` (the user's --height-m) wins over `heightFromDicomM` (Patient Size).
PsoasMuscleIndex computePsoasMuscleIndex(const MeasurementSet& measurements, const LevelSet& levels,
                                         std::optional<double> heightFromOptionM,
                                         std::optional<double> heightFromDicomM);

} // namespace iliometry::report
