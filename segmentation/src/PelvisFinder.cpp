#include "PelvisFinder.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace iliometry::segmentation {

namespace {
// The iliac wing's inner edge lies well beyond the lumbar transverse processes' roots.
constexpr double kMinIliacOffsetMm = 45.0;
constexpr double kMinWingAreaMm2 = 250.0;
// Near the crest the wing is a plate about one 3 mm voxel thick, cut obliquely: partial volume
// breaks its cortex into pieces, each smaller than kMinWingAreaMm2 (seen on the real CT, where
// the crest was found 30 mm low). Pieces this close together count as one.
constexpr double kWingPieceGapMm = 3.0;
constexpr double kMinPelvisHeightMm = 40.0;
// Slices without both wings that do not end the pelvis going up (the plate near the crest can
// lose its cortex to partial volume on two 3 mm slices in a row, as on the real CT).
constexpr double kMaxWingGapMm = 6.0;
// Above that, the wing is followed up in bone this dense that continues it (traceWingsUp):
// cancellous bone and a blurred cortex, denser than muscle or unenhanced bowel.
constexpr float kWingTraceHu = 150.0f;
constexpr double kMinTracedWingAreaMm2 = 50.0;
// Both femoral heads with their acetabula, filled, cover at least this much of a slice.
constexpr double kMinFemoralHeadAreaMm2 = 2.0 * 1200.0;
} // namespace

namespace {

// Pixels of slice k at least `minHu` dense.
SliceMask denserThan(const CanonicalVolume& v, int k, float minHu) {
  return thresholdSlice(v.slice(k), {v.nx(), v.ny(), v.spacingMm(0), v.spacingMm(1)}, minHu, 1e9f);
}

// Bone of at least `minHu` on slice k lying more than kMinIliacOffsetMm beside the column on
// `side`, in pieces (those within kWingPieceGapMm of each other counting as one) of at least
// `minAreaMm2`.
SliceMask lateralBone(const CanonicalVolume& v, const SpinePoint& centre, int k, Side side, float minHu, double minAreaMm2) {
  auto bone = denserThan(v, k, minHu);
  const double sign = lateralSign(side);
  for (int j = 0; j < v.ny(); ++j)
    for (int i = 0; i < v.nx(); ++i)
      if (sign * (i * v.spacingMm(0) - centre.xMm) < kMinIliacOffsetMm) bone.set(i, j, false);
  const auto minPixels = static_cast<std::size_t>(minAreaMm2 / bone.geometry().pixelAreaMm2());
  SliceMask out(bone.geometry());
  for (const auto& near : components(dilate(bone, kWingPieceGapMm), minPixels))
    if (const auto piece = near & bone; piece.pixelCount() >= minPixels) out = out | piece;
  return out;
}

// Above the last slice with both wings at the bone threshold, the plate near the crest can
// stay below it for several slices (thin, cut obliquely, averaged onto the working grid: seen
// on a 0.8 mm copy of the real CT, eight slices in a row). It is followed up while, on both
// sides, bone of at least kWingTraceHu continues the wing of the slice below (overlapping it,
// within kWingPieceGapMm): a plate, not a new structure. Returns the last slice so followed.
template <typename CentreOf> int traceWingsUp(const CanonicalVolume& v, const CentreOf& centreOf, int top) {
  const auto slot = [](Side side) { return side == Side::Left ? 0 : 1; };
  std::array<SliceMask, 2> wings;
  for (Side side : kSides) wings[slot(side)] = iliacBone(v, centreOf(top), top, side);
  for (int k = top + 1; k < v.nz(); ++k) {
    std::array<SliceMask, 2> next;
    for (Side side : kSides) {
      next[slot(side)] = componentsTouching(lateralBone(v, centreOf(k), k, side, kWingTraceHu, kMinTracedWingAreaMm2),
                                            dilate(wings[slot(side)], kWingPieceGapMm));
      if (next[slot(side)].empty()) return k - 1;
    }
    wings = std::move(next);
  }
  return v.nz() - 1;
}

} // namespace

SliceMask boneMask(const CanonicalVolume& v, int k) { return denserThan(v, k, kBoneHu); }

SliceMask iliacBone(const CanonicalVolume& v, const SpinePoint& centre, int k, Side side) {
  // Ribs, costal cartilage and calcified vessels are small: keep substantial pieces only.
  return lateralBone(v, centre, k, side, kBoneHu, kMinWingAreaMm2);
}

int iliacCrestSlice(const CanonicalVolume& v, const SpineTrack& spine) {
  if (!spine.found()) return -1;
  // The pelvis is the lowest bone beside the column: search from the bottom up for the first
  // slice with both wings, then follow them up to the crest. Searching from the top would
  // take the lowest ribs, which also lie lateral of the column, for the wings.
  const auto centreOf = [&](int k) -> const SpinePoint& {
    return spine.points[static_cast<std::size_t>(std::clamp(k, spine.firstSlice, spine.lastSlice))];
  };
  const auto bothWings = [&](int k) {
    return !iliacBone(v, centreOf(k), k, Side::Left).empty() && !iliacBone(v, centreOf(k), k, Side::Right).empty();
  };
  // The pelvis spans many centimetres; a run of lateral bone shorter than that is ribs (their
  // pieces are small too, see kMinWingAreaMm2) on a scan that does not reach the pelvis.
  for (int k = 0; k < v.nz(); ++k) {
    if (!bothWings(k)) continue;
    const int start = k;
    // A few millimetres without a wing (a thin crest, noise) do not end the run.
    const auto wingsWithinGap = [&](int from) {
      for (int next = from + 1; next < v.nz() && (next - from - 1) * v.spacingMm(2) <= kMaxWingGapMm; ++next)
        if (bothWings(next)) return next;
      return -1;
    };
    for (int next = wingsWithinGap(k); next >= 0; next = wingsWithinGap(k)) k = next;
    if ((k - start + 1) * v.spacingMm(2) < kMinPelvisHeightMm) continue;
    return traceWingsUp(v, centreOf, k);
  }
  return -1;
}

int femoralHeadSlice(const CanonicalVolume& v, const SpineTrack& spine, int belowSlice) {
  if (!spine.found()) return -1;
  const auto& lowest = spine.points[static_cast<std::size_t>(spine.firstSlice)];
  int best = -1;
  double bestAreaMm2 = kMinFemoralHeadAreaMm2;
  for (int k = 0; k < std::min(belowSlice, v.nz()); ++k) {
    double areaMm2 = 0.0;
    for (Side side : kSides) {
      const auto head = largestComponent(fillHoles(iliacBone(v, lowest, k, side)));
      areaMm2 += head.areaMm2();
    }
    if (areaMm2 > bestAreaMm2) {
      bestAreaMm2 = areaMm2;
      best = k;
    }
  }
  return best;
}

} // namespace iliometry::segmentation
