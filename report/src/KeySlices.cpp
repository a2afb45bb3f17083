#include "iliometry/report/KeySlices.h"

namespace iliometry::report {

KeySliceChoice chooseKeySlices(const MeasurementSet& measurements, const LevelSet& levels) {
  KeySliceChoice choice;
  for (const char* name : {"L3", "L4"}) {
    const VertebralLevel* level = levels.find(name);
    if (level != nullptr && level->sliceIndex >= 0 && level->sliceIndex < measurements.sliceCount)
      choice.slices.push_back({std::string("Mid-") + name, level->sliceIndex});
    else
      choice.notes.push_back(std::string(name) + " not identified: no mid-" + name + " image");
  }
  int bestSlice = -1;
  double bestAreaMm2 = 0.0;
  for (int slice = 0; slice < measurements.sliceCount; ++slice) {
    double areaMm2 = 0.0;
    for (Side side : kSides)
      areaMm2 += measurements.csaMm2({Muscle::Iliacus, side}, slice);
    if (areaMm2 > bestAreaMm2) {
      bestAreaMm2 = areaMm2;
      bestSlice = slice;
    }
  }
  if (bestSlice >= 0)
    choice.slices.push_back({"Largest iliacus CSA", bestSlice});
  else
    choice.notes.push_back("no iliacus segmented: no largest-iliacus image");
  return choice;
}

} // namespace iliometry::report
