#include "PelvisFinder.h"

#include <algorithm>
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
// Both femoral heads with their acetabula, filled, cover at least this much of a slice.
constexpr double kMinFemoralHeadAreaMm2 = 2.0 * 1200.0;
} // namespace

SliceMask boneMask(const CanonicalVolume& v, int k) {
  return thresholdSlice(v.slice(k), {v.nx(), v.ny(), v.spacingMm(0), v.spacingMm(1)}, kBoneHu, 1e9f);
}

SliceMask iliacBone(const CanonicalVolume& v, const SpinePoint& centre, int k, Side side) {
  auto bone = boneMask(v, k);
  const double sign = lateralSign(side);
  for (int j = 0; j < v.ny(); ++j)
    for (int i = 0; i < v.nx(); ++i)
      if (sign * (i * v.spacingMm(0) - centre.xMm) < kMinIliacOffsetMm) bone.set(i, j, false);
  // Ribs, costal cartilage and calcified vessels are small: keep substantial pieces only.
  const auto minPixels = static_cast<std::size_t>(kMinWingAreaMm2 / bone.geometry().pixelAreaMm2());
  SliceMask out(bone.geometry());
  for (const auto& near : components(dilate(bone, kWingPieceGapMm), minPixels))
    if (const auto piece = near & bone; piece.pixelCount() >= minPixels) out = out | piece;
  return out;
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
    if ((k - start + 1) * v.spacingMm(2) >= kMinPelvisHeightMm) return k;
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
