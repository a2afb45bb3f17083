#include "BorderRefinement.h"

#include "Median.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>
#include <vector>

namespace iliometry::segmentation {

namespace {

// The neighbour's density is sampled in this many rings beyond the pixels that may be added:
// past the partial-volume slope, in the neighbour itself.
constexpr int kSampleRings = 3;
// The neighbour next to a pixel is the median of this many samples nearest to it: enough to
// average out noise, few enough to stay on the pixel's own side of the muscle.
constexpr std::size_t kNeighbourSamples = 12;
constexpr std::size_t kMinInsideSamples = 12;
// Distances compare with whole pixels: rounding must not move a pixel to the next ring.
constexpr float kPixelTolerance = 0.01f;

struct Neighbourhood {
  const float* hu;
  const SliceGeometry& g;
  std::vector<bool> isSample;
  int halfWindow;

  // The median density of the samples nearest to pixel (i, j); none when too few lie near.
  std::optional<float> neighbourHu(int i, int j) const {
    std::vector<std::pair<int, float>> near; // squared pixel distance, density
    // The window widens until it holds enough samples (most pixels near the border find them
    // within a few pixels); the nearest ones are then taken from what it holds.
    for (int half = std::min(3, halfWindow);; half = std::min(half + 3, halfWindow)) {
      near.clear();
      for (int jj = std::max(0, j - half); jj <= std::min(g.ny - 1, j + half); ++jj)
        for (int ii = std::max(0, i - half); ii <= std::min(g.nx - 1, i + half); ++ii) {
          const std::size_t n = static_cast<std::size_t>(jj) * g.nx + ii;
          if (isSample[n]) near.emplace_back((ii - i) * (ii - i) + (jj - j) * (jj - j), hu[n]);
        }
      if (near.size() >= kNeighbourSamples || half == halfWindow) break;
    }
    if (near.size() < kNeighbourSamples / 2) return std::nullopt;
    const auto count = std::min(near.size(), kNeighbourSamples);
    std::partial_sort(near.begin(), near.begin() + static_cast<std::ptrdiff_t>(count), near.end(),
                      [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<float> values;
    for (std::size_t s = 0; s < count; ++s) values.push_back(near[s].second);
    return medianOf(std::move(values));
  }
};

SliceMask refineWithinFrame(const float* hu, const SliceMask& outline, const SliceMask& forbidden, const BorderRule& rule) {
  const SliceGeometry& g = outline.geometry();
  const float pixelMm = static_cast<float>(std::min(g.spacingXMm, g.spacingYMm));
  const auto outsideMm = distanceToMaskMm(outline);
  const auto depthMm = depthInsideMaskMm(outline);
  const auto ringOf = [&](std::size_t n) { // 0 deep inside, -1..-inward inner band, 1..outward beyond
    if (outline.at(n)) { // the depth is 0 on the outline's own border pixels
      const int ring = 1 + static_cast<int>(std::floor(depthMm[n] / pixelMm + kPixelTolerance));
      return ring > rule.inwardPixels ? 0 : -ring;
    }
    return static_cast<int>(std::ceil(outsideMm[n] / pixelMm - kPixelTolerance));
  };

  std::vector<int> ring(g.count());
  std::vector<float> inside;
  Neighbourhood neighbourhood{hu, g, std::vector<bool>(g.count(), false), rule.inwardPixels + rule.outwardPixels + kSampleRings + 1};
  SliceMask core(g);
  for (std::size_t n = 0; n < g.count(); ++n) {
    ring[n] = ringOf(n);
    if (ring[n] == 0) {
      core.set(n, true);
      inside.push_back(hu[n]);
    }
    neighbourhood.isSample[n] = ring[n] > rule.outwardPixels && ring[n] <= rule.outwardPixels + kSampleRings;
  }
  const float insideHu = inside.size() >= kMinInsideSamples ? medianOf(inside) : rule.insideHu;

  // Whether pixel (i, j) is muscle: nearer the muscle's density than its neighbour's, or, where
  // the two are alike, as the outline has it.
  const auto isMuscle = [&](int i, int j) {
    const std::size_t n = static_cast<std::size_t>(j) * g.nx + i;
    const auto neighbourHu = neighbourhood.neighbourHu(i, j);
    if (!neighbourHu || std::abs(insideHu - *neighbourHu) < rule.minContrastHu)
      return outline.at(n);
    // Against fat the body-composition standard decides: muscle down to its window's floor.
    if (*neighbourHu < rule.fatBelowHu) return hu[n] >= rule.fatBelowHu;
    return std::abs(hu[n] - insideHu) < std::abs(hu[n] - *neighbourHu);
  };

  SliceMask kept = core;
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i) {
      const std::size_t n = static_cast<std::size_t>(j) * g.nx + i;
      if (ring[n] < 0 && !forbidden.at(n) && isMuscle(i, j)) kept.set(n, true);
    }
  // Beyond the outline, ring by ring: a pixel joins only next to one already kept, so the
  // border cannot jump a fat plane or a cortex into the tissue behind it.
  for (int r = 1; r <= rule.outwardPixels; ++r) {
    SliceMask joined(g);
    for (int j = 0; j < g.ny; ++j)
      for (int i = 0; i < g.nx; ++i) {
        const std::size_t n = static_cast<std::size_t>(j) * g.nx + i;
        if (ring[n] != r || forbidden.at(n)) continue;
        const bool besideKept = (i > 0 && kept.at(i - 1, j)) || (i + 1 < g.nx && kept.at(i + 1, j)) ||
                                (j > 0 && kept.at(i, j - 1)) || (j + 1 < g.ny && kept.at(i, j + 1));
        if (besideKept && isMuscle(i, j)) joined.set(n, true);
      }
    kept = kept | joined;
  }
  // Every pixel added joined one already kept, and the tracker's own outline is not cut into
  // pieces here (a thin strip along bone has no interior to anchor it): nothing to drop.
  return fillHoles(kept).minus(forbidden);
}

} // namespace

SliceMask refineBorder(const float* hu, const SliceMask& outline, const SliceMask& forbidden, const BorderRule& rule) {
  if (outline.empty()) return outline;
  // Everything happens within a few pixels of the outline: the work (distance maps above all)
  // is done on a frame around it, not on the whole slice.
  const SliceGeometry& g = outline.geometry();
  const PixelBox box = boundingBox(outline, rule.outwardPixels + kSampleRings + rule.inwardPixels + 2);
  std::vector<float> huInBox(static_cast<std::size_t>(box.i1 - box.i0) * (box.j1 - box.j0));
  for (int j = box.j0; j < box.j1; ++j)
    std::copy_n(hu + static_cast<std::size_t>(j) * g.nx + box.i0, box.i1 - box.i0,
                huInBox.begin() + static_cast<std::ptrdiff_t>(j - box.j0) * (box.i1 - box.i0));
  return pasteInto(g, refineWithinFrame(huInBox.data(), cropTo(outline, box), cropTo(forbidden, box), rule), box);
}

} // namespace iliometry::segmentation
