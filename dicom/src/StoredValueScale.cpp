#include "StoredValueScale.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace iliometry::dicom {
namespace {

// The value as it reads back from a DS string written with %.9g.
double roundTripDs(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.9g", value);
  return std::strtod(text, nullptr);
}

} // namespace

std::int32_t StoredValueScale::toStored(float value) const {
  const double stored = std::nearbyint((static_cast<double>(value) - intercept) / slope);
  return static_cast<std::int32_t>(std::clamp(stored, static_cast<double>(minStored), static_cast<double>(maxStored)));
}

StoredValueScale chooseStoredValueScale(const float* begin, const float* end, bool eightBit) {
  StoredValueScale scale;
  if (eightBit) {
    scale.bitsAllocated = 8;
    scale.isSigned = false;
    scale.minStored = 0;
    scale.maxStored = 255;
  }
  double lo = 0.0, hi = 0.0;
  bool whole = true;
  if (begin != end) {
    const auto [minIt, maxIt] = std::minmax_element(begin, end);
    lo = *minIt;
    hi = *maxIt;
    whole = std::all_of(begin, end, [](float v) { return std::isfinite(v) && v == std::nearbyint(v); });
  }
  const double storedRange = static_cast<double>(scale.maxStored) - scale.minStored;
  if (whole && hi - lo <= storedRange) {
    scale.slope = 1.0;
    // Keep intercept 0 when the values fit as they are, so stored values equal HU.
    scale.intercept = (lo >= scale.minStored && hi <= scale.maxStored) ? 0.0 : lo - scale.minStored;
  } else {
    scale.slope = roundTripDs(hi > lo ? (hi - lo) / storedRange : 1.0);
    scale.intercept = roundTripDs(lo - scale.minStored * scale.slope);
  }
  scale.windowCenter = roundTripDs((lo + hi) / 2.0);
  scale.windowWidth = roundTripDs(std::max(1.0, hi - lo));
  return scale;
}

} // namespace iliometry::dicom
