#pragma once
// The key axial images of a report: mid-L3, mid-L4 and the slice with the largest iliacus CSA
// (left + right). A level that was not found is left out (with a note), never guessed.
#include "iliometry/core/Level.h"
#include "iliometry/core/Measurement.h"

#include <string>
#include <vector>

namespace iliometry::report {

struct KeySlice {
  std::string title;  // "Mid-L3", "Mid-L4", "Largest iliacus CSA"
  int sliceIndex = -1;
};

struct KeySliceChoice {
  std::vector<KeySlice> slices;   // in the order above, missing ones left out
  std::vector<std::string> notes; // e.g. "L4 not identified: no mid-L4 image"
};

KeySliceChoice chooseKeySlices(const MeasurementSet& measurements, const LevelSet& levels);

} // namespace iliometry::report
