#include "PelvisFinder.h"

#include <algorithm>
#include <cmath>

namespace iliometry::segmentation {

namespace {
// The iliac wing's inner edge lies well beyond the lumbar transverse processes' roots.
constexpr double kMinIliacOffsetMm = 45.0;
constexpr double kMinWingAreaMm2 = 250.0;
constexpr double kMinPelvisHeightMm = 40.0;
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
  SliceMask out(bone.geometry());
  for (const auto& piece : components(bone, static_cast<std::size_t>(kMinWingAreaMm2 / bone.geometry().pixelAreaMm2())))
    out = out | piece;
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
    // One slice without a wing (a thin crest, noise) does not end the run.
    while (k + 1 < v.nz() && (bothWings(k + 1) || (k + 2 < v.nz() && bothWings(k + 2)))) ++k;
    if ((k - start + 1) * v.spacingMm(2) >= kMinPelvisHeightMm) return k;
  }
  return -1;
}

SliceMask convexHull(const SliceMask& mask) {
  struct P {
    long x, y;
  };
  std::vector<P> points;
  for (int j = 0; j < mask.ny(); ++j)
    for (int i = 0; i < mask.nx(); ++i)
      if (mask.at(i, j)) points.push_back({i, j});
  SliceMask out(mask.geometry());
  if (points.size() < 3) return out;
  std::sort(points.begin(), points.end(), [](P a, P b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
  auto cross = [](P o, P a, P b) { return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x); };
  std::vector<P> hull(2 * points.size());
  std::size_t h = 0;
  for (std::size_t n = 0; n < points.size(); ++n) { // Andrew's monotone chain
    while (h >= 2 && cross(hull[h - 2], hull[h - 1], points[n]) <= 0) --h;
    hull[h++] = points[n];
  }
  for (std::size_t n = points.size() - 1, lower = h + 1; n-- > 0;) {
    while (h >= lower && cross(hull[h - 2], hull[h - 1], points[n]) <= 0) --h;
    hull[h++] = points[n];
  }
  hull.resize(h - 1);
  // A pixel is inside when it lies left of (or on) every counter-clockwise edge.
  for (int j = 0; j < mask.ny(); ++j)
    for (int i = 0; i < mask.nx(); ++i) {
      bool inside = true;
      for (std::size_t e = 0; e < hull.size() && inside; ++e)
        inside = cross(hull[e], hull[(e + 1) % hull.size()], P{i, j}) >= 0;
      out.set(i, j, inside);
    }
  return out;
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
