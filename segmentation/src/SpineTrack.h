#pragma once
// The vertebral column's centre on every axial slice, and the body outline's extent.
#include "CanonicalVolume.h"

#include <optional>
#include <vector>

namespace iliometry::segmentation {

struct SpinePoint {
  bool present = false;  // a vertebral body (or sacrum) was found or interpolated here
  bool measured = false; // found on this slice itself, not interpolated across a disc
  double xMm = 0.0, yMm = 0.0; // centre of the vertebral body in slice mm coordinates
  double radiusMm = 0.0;       // equivalent radius of the dense core found
};

struct SpineTrack {
  std::vector<SpinePoint> points; // one per canonical slice
  int firstSlice = -1, lastSlice = -1; // range where the column is present
  bool found() const { return firstSlice >= 0; }
};

// Cancellous bone in older patients is only 100-170 HU (anatomy notes), muscle 40-60 HU: above
// this density a vertebral body's interior, never muscle.
constexpr float kDenseBoneHu = 100.0f;

// `smoothed` is the canonical CT in HU after light in-plane smoothing.
SpineTrack trackSpine(const CanonicalVolume& smoothed);

} // namespace iliometry::segmentation
