#include "IliopsoasCompartment.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace iliometry::segmentation {

namespace {

// Both outlines live in a small part of the slice: the closing and the distance maps are
// computed on their bounding box, with room for the closing's dilation.
IliopsoasOutlines closeWithinFrame(const IliopsoasOutlines& outlines, const SliceMask& muscleDensity,
                                   const SliceMask& forbidden, double gapRadiusMm, std::size_t maxPsoasPixels) {
  const auto both = outlines.psoas | outlines.iliacus;
  const auto gap = (close(both, gapRadiusMm) & muscleDensity).minus(both).minus(forbidden);
  if (gap.empty()) return outlines;
  // Measured from the psoas' main belly: a stray piece of its outline (the tracker's leftover
  // at the iliacus' tip) does not pull the gap to the psoas.
  const auto toPsoasMm = distanceToMaskMm(largestComponent(outlines.psoas));
  const auto toIliacusMm = distanceToMaskMm(outlines.iliacus);
  IliopsoasOutlines out = outlines;
  // Only what lies between the two: a concavity of one outline (where bowel or a vessel
  // presses into it) is that outline's own business, far from the other one.
  const auto bridgeMm = static_cast<float>(2.0 * gapRadiusMm);
  std::vector<std::size_t> nearerPsoas;
  for (std::size_t n = 0; n < gap.geometry().count(); ++n) {
    if (!gap.at(n) || std::max(toPsoasMm[n], toIliacusMm[n]) > bridgeMm) continue;
    if (toPsoasMm[n] <= toIliacusMm[n]) nearerPsoas.push_back(n);
    else out.iliacus.set(n, true);
  }
  // The psoas takes the pixels nearest to it while it may grow; the rest of the belly is the
  // iliacus' (below the brim the psoas narrows into its tendon while the iliacus fills the
  // space in front of the hip).
  std::stable_sort(nearerPsoas.begin(), nearerPsoas.end(),
                   [&](std::size_t a, std::size_t b) { return toPsoasMm[a] < toPsoasMm[b]; });
  std::size_t psoasPixels = out.psoas.pixelCount();
  for (std::size_t n : nearerPsoas) {
    if (psoasPixels < maxPsoasPixels) {
      out.psoas.set(n, true);
      ++psoasPixels;
    } else {
      out.iliacus.set(n, true);
    }
  }
  return out;
}

} // namespace

IliopsoasOutlines closeIliopsoasGap(const IliopsoasOutlines& outlines, const SliceMask& muscleDensity,
                                    const SliceMask& forbidden, double gapRadiusMm, std::size_t maxPsoasPixels) {
  if (outlines.psoas.empty() || outlines.iliacus.empty()) return outlines;
  const auto& g = outlines.psoas.geometry();
  const int marginPx = static_cast<int>(std::ceil(gapRadiusMm / std::min(g.spacingXMm, g.spacingYMm))) + 2;
  const PixelBox box = boundingBox(outlines.psoas | outlines.iliacus, marginPx);
  const auto local = closeWithinFrame({cropTo(outlines.psoas, box), cropTo(outlines.iliacus, box)},
                                      cropTo(muscleDensity, box), cropTo(forbidden, box), gapRadiusMm, maxPsoasPixels);
  return {pasteInto(g, local.psoas, box), pasteInto(g, local.iliacus, box)};
}

} // namespace iliometry::segmentation
