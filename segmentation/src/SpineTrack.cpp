#include "SpineTrack.h"

#include "Median.h"
#include "SliceMask.h"

#include <algorithm>
#include <cmath>

namespace iliometry::segmentation {

namespace {

// On the strongly smoothed copy the kDenseBoneHu threshold keeps the vertebral body and mostly
// drops the discs (70-110 HU), which is fine: disc slices are bridged by interpolation.
// Eroding this much removes laminae, pedicles, transverse processes, ribs and most vessels;
// a vertebral body (about 45 x 35 mm) keeps a large core.
constexpr double kCoreErosionMm = 4.0;
constexpr double kMinCoreAreaMm2 = 120.0;
// The column lies near the body's left-right middle (scoliosis and offsets included).
constexpr double kMaxLateralOffsetMm = 40.0;

SliceGeometry geometryOf(const CanonicalVolume& v) { return {v.nx(), v.ny(), v.spacingMm(0), v.spacingMm(1)}; }

struct BodyExtent {
  bool found = false;
  double centreXMm = 0, yMinMm = 0, yMaxMm = 0;
};

BodyExtent bodyExtent(const CanonicalVolume& v, int k) {
  const auto geometry = geometryOf(v);
  const auto body = largestComponent(thresholdSlice(v.slice(k), geometry, -300.0f, 1e9f));
  BodyExtent extent;
  if (body.areaMm2() < 5000.0) return extent;
  int jMin = v.ny(), jMax = -1;
  for (int j = 0; j < v.ny(); ++j)
    for (int i = 0; i < v.nx(); ++i)
      if (body.at(i, j)) {
        jMin = std::min(jMin, j);
        jMax = std::max(jMax, j);
      }
  extent.found = true;
  extent.centreXMm = centroidOf(body).xMm;
  extent.yMinMm = jMin * v.spacingMm(1);
  extent.yMaxMm = jMax * v.spacingMm(1);
  return extent;
}

SpinePoint findVertebralCore(const CanonicalVolume& v, int k) {
  SpinePoint point;
  const auto extent = bodyExtent(v, k);
  if (!extent.found) return point;
  const auto geometry = geometryOf(v);
  // The vertebral body sits in the posterior half of the trunk.
  const double yFromMm = extent.yMinMm + 0.35 * (extent.yMaxMm - extent.yMinMm);
  auto dense = thresholdSlice(v.slice(k), geometry, kDenseBoneHu, 1e9f);
  for (int j = 0; j < v.ny(); ++j)
    for (int i = 0; i < v.nx(); ++i)
      if (j * geometry.spacingYMm < yFromMm) dense.set(i, j, false);
  const auto cores = components(erode(dense, kCoreErosionMm), static_cast<std::size_t>(kMinCoreAreaMm2 / geometry.pixelAreaMm2()));
  for (const auto& core : cores) {
    const auto c = centroidOf(core);
    if (std::abs(c.xMm - extent.centreXMm) > kMaxLateralOffsetMm) continue;
    point.present = point.measured = true;
    point.xMm = c.xMm;
    point.yMm = c.yMm;
    point.radiusMm = std::sqrt(core.areaMm2() / M_PI) + kCoreErosionMm;
    return point; // components come largest first
  }
  return point;
}

// Rejects slices whose centre jumps away from the median of its neighbours (a vessel or
// kidney picked up by mistake), then bridges short gaps (discs) by linear interpolation.
void regularise(SpineTrack& track, double sliceSpacingMm) {
  auto& pts = track.points;
  const int n = static_cast<int>(pts.size());
  const int half = std::max(2, static_cast<int>(std::lround(15.0 / sliceSpacingMm)));
  std::vector<SpinePoint> filtered = pts;
  for (int k = 0; k < n; ++k) {
    if (!pts[k].measured) continue;
    std::vector<double> xs, ys;
    for (int q = std::max(0, k - half); q <= std::min(n - 1, k + half); ++q)
      if (pts[q].measured) {
        xs.push_back(pts[q].xMm);
        ys.push_back(pts[q].yMm);
      }
    if (std::hypot(pts[k].xMm - medianOf(xs), pts[k].yMm - medianOf(ys)) > 12.0) filtered[k] = SpinePoint{};
  }
  pts = filtered;
  const int maxGap = std::max(2, static_cast<int>(std::lround(25.0 / sliceSpacingMm)));
  int previous = -1;
  for (int k = 0; k < n; ++k) {
    if (!pts[k].measured) continue;
    if (previous >= 0 && k - previous > 1 && k - previous <= maxGap) {
      for (int q = previous + 1; q < k; ++q) {
        const double t = double(q - previous) / double(k - previous);
        pts[q].present = true;
        pts[q].xMm = pts[previous].xMm + t * (pts[k].xMm - pts[previous].xMm);
        pts[q].yMm = pts[previous].yMm + t * (pts[k].yMm - pts[previous].yMm);
        pts[q].radiusMm = pts[previous].radiusMm + t * (pts[k].radiusMm - pts[previous].radiusMm);
      }
    }
    previous = k;
  }
  // The column is the longest run of present slices.
  int bestStart = -1, bestLength = 0;
  for (int k = 0; k < n;) {
    if (!pts[k].present) {
      ++k;
      continue;
    }
    int end = k;
    while (end < n && pts[end].present) ++end;
    if (end - k > bestLength) {
      bestLength = end - k;
      bestStart = k;
    }
    k = end;
  }
  for (int k = 0; k < n; ++k)
    if (k < bestStart || k >= bestStart + bestLength) pts[k] = SpinePoint{};
  if (bestLength > 0) {
    track.firstSlice = bestStart;
    track.lastSlice = bestStart + bestLength - 1;
  }
}

} // namespace

SpineTrack trackSpine(const CanonicalVolume& smoothed) {
  SpineTrack track;
  track.points.resize(static_cast<std::size_t>(smoothed.nz()));
  for (int k = 0; k < smoothed.nz(); ++k) track.points[static_cast<std::size_t>(k)] = findVertebralCore(smoothed, k);
  regularise(track, smoothed.spacingMm(2));
  return track;
}

} // namespace iliometry::segmentation
