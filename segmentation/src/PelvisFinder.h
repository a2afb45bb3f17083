#pragma once
// The iliac wings: bone lateral of the column, from the iliac crest down.
#include "CanonicalVolume.h"
#include "SliceMask.h"
#include "SpineTrack.h"

#include "iliometry/core/Anatomy.h"

namespace iliometry::segmentation {

constexpr float kBoneHu = 180.0f;

// Bone on slice k whose pixels lie more than `minOffsetMm` from the column centre on `side`.
SliceMask iliacBone(const CanonicalVolume& v, const SpinePoint& centre, int k, Side side);

// The highest slice (largest k) on which both iliac wings are present; -1 when none.
int iliacCrestSlice(const CanonicalVolume& v, const SpineTrack& spine);

// All bone on slice k.
SliceMask boneMask(const CanonicalVolume& v, int k);

// +1 for the patient's left (+x in LPS), -1 for the right.
constexpr double lateralSign(Side side) { return side == Side::Left ? 1.0 : -1.0; }

} // namespace iliometry::segmentation

namespace iliometry::segmentation {

// The slice through the centres of the femoral heads: below the iliac fossa, the slice where
// the bone lateral of the column (head and acetabulum, filled) is largest; -1 when the hips are
// not in view. The iliopsoas inserts on the lesser trochanter about 50 mm lower.
int femoralHeadSlice(const CanonicalVolume& v, const SpineTrack& spine, int belowSlice);

} // namespace iliometry::segmentation
