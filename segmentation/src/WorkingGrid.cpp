#include "WorkingGrid.h"

#include "SliceMask.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace iliometry::segmentation {

WorkingGrid makeWorkingGrid(const CanonicalVolume& native, double targetPixelMm, double targetSliceMm) {
  WorkingGrid grid;
  const std::array<double, 3> target{targetPixelMm, targetPixelMm, targetSliceMm};
  std::array<int, 3> size{};
  std::array<double, 3> spacing{};
  const std::array<int, 3> nativeSize{native.nx(), native.ny(), native.nz()};
  for (int a = 0; a < 3; ++a) {
    grid.factor[a] = std::max(1, static_cast<int>(std::lround(target[a] / native.spacingMm(a))));
    size[a] = (nativeSize[a] + grid.factor[a] - 1) / grid.factor[a];
    spacing[a] = native.spacingMm(a) * grid.factor[a];
  }
  grid.volume = CanonicalVolume::blank(size, spacing);
  auto& out = grid.volume.values();
  std::vector<int> counts(out.size(), 0);
  for (int k = 0; k < native.nz(); ++k)
    for (int j = 0; j < native.ny(); ++j) {
      const float* row = native.slice(k) + static_cast<std::size_t>(j) * native.nx();
      const std::size_t base = grid.volume.offset(0, j / grid.factor[1], k / grid.factor[2]);
      for (int i = 0; i < native.nx(); ++i) {
        out[base + static_cast<std::size_t>(i / grid.factor[0])] += row[i];
        ++counts[base + static_cast<std::size_t>(i / grid.factor[0])];
      }
    }
  for (std::size_t n = 0; n < out.size(); ++n) out[n] /= static_cast<float>(std::max(1, counts[n]));
  return grid;
}

namespace {

// Working-grid coordinate of a native index along one axis, clamped to the grid, with the
// lower neighbour and the weight of the upper one.
struct Interpolant {
  int lower;
  int upper;
  double upperWeight;
};

Interpolant interpolantFor(int nativeIndex, int factor, int workingSize) {
  const double u = (nativeIndex + 0.5) / factor - 0.5;
  const int lower = std::clamp(static_cast<int>(std::floor(u)), 0, workingSize - 1);
  const int upper = std::min(lower + 1, workingSize - 1);
  const double weight = std::clamp(u - lower, 0.0, 1.0);
  return {lower, upper, upper == lower ? 0.0 : weight};
}

// The labelled voxels of each slice lie in a small box (the muscles against a whole slice):
// per slice, the box of its labelled voxels (empty when it has none).
std::vector<PixelBox> labelledBoxes(const std::vector<std::uint8_t>& labels, const CanonicalVolume& grid) {
  std::vector<PixelBox> boxes(static_cast<std::size_t>(grid.nz()));
  for (int k = 0; k < grid.nz(); ++k)
    boxes[static_cast<std::size_t>(k)] = boundingBox(labels.data() + grid.offset(0, 0, k), grid.nx(), grid.ny());
  return boxes;
}

PixelBox unite(const PixelBox& a, const PixelBox& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return {std::min(a.i0, b.i0), std::min(a.j0, b.j0), std::max(a.i1, b.i1), std::max(a.j1, b.j1)};
}

// The brightest in-plane neighbour of native voxel (i, j, k), itself included.
float brightestAround(const CanonicalVolume& native, int i, int j, int k) {
  float brightestHu = native.at(i, j, k);
  for (int dj = -1; dj <= 1; ++dj)
    for (int di = -1; di <= 1; ++di) {
      const int ii = i + di, jj = j + dj;
      if (ii >= 0 && jj >= 0 && ii < native.nx() && jj < native.ny()) brightestHu = std::max(brightestHu, native.at(ii, jj, k));
    }
  return brightestHu;
}

// The scanner's point spread blurs the cortex over about two voxels on either side, in-plane: the
// muscle's last two voxels before the bone can be brightened beyond the muscle window.
constexpr int kBoneRingVoxels = 2;

// The voxels between a labelled muscle and bone: unlabelled, next to a labelled voxel (4-connected,
// in-plane) and to bone, with a density nearer the muscle's than the bone's beside them. Their
// density is explained by partial volume of the muscle with the cortex; the working grid, averaged
// and smoothed, sees them as bone. One ring per call.
void addBoneRing(std::vector<std::uint8_t>& labels, const CanonicalVolume& native, const UpsamplingRule& rule) {
  const auto before = labels;
  const auto boxes = labelledBoxes(before, native);
  for (int k = 0; k < native.nz(); ++k) {
    const auto& box = boxes[static_cast<std::size_t>(k)];
    if (box.empty()) continue;
    // A ring voxel is 4-adjacent to a labelled one: within one voxel of the slice's box.
    for (int j = std::max(1, box.j0 - 1); j <= std::min(native.ny() - 2, box.j1); ++j)
      for (int i = std::max(1, box.i0 - 1); i <= std::min(native.nx() - 2, box.i1); ++i) {
        const std::size_t n = native.offset(i, j, k);
        if (before[n] != 0) continue;
        const float hu = native.at(i, j, k);
        if (hu < rule.lowHu) continue;
        std::uint8_t neighbour = 0;
        for (const auto& [di, dj] : {std::pair{1, 0}, std::pair{-1, 0}, std::pair{0, 1}, std::pair{0, -1}})
          if (const auto l = before[native.offset(i + di, j + dj, k)]; l != 0) neighbour = l;
        if (neighbour == 0) continue;
        const float brightestHu = brightestAround(native, i, j, k);
        if (brightestHu >= rule.boneHu && hu < 0.5f * (rule.muscleHu + brightestHu)) labels[n] = neighbour;
      }
  }
}

} // namespace

std::vector<std::uint8_t> upsampleLabels(const std::vector<std::uint8_t>& workingLabels, const WorkingGrid& grid,
                                         const CanonicalVolume& native, const UpsamplingRule& rule) {
  const auto& w = grid.volume;
  std::vector<std::uint8_t> out(native.values().size(), 0);
  std::vector<Interpolant> alongX(static_cast<std::size_t>(native.nx())), alongY(static_cast<std::size_t>(native.ny()));
  for (int i = 0; i < native.nx(); ++i) alongX[static_cast<std::size_t>(i)] = interpolantFor(i, grid.factor[0], w.nx());
  for (int j = 0; j < native.ny(); ++j) alongY[static_cast<std::size_t>(j)] = interpolantFor(j, grid.factor[1], w.ny());
  // A native voxel none of whose eight working neighbours is labelled stays unlabelled: only
  // the voxels whose neighbours lie in a labelled box of the two working slices are visited.
  const auto boxes = labelledBoxes(workingLabels, w);
  for (int k = 0; k < native.nz(); ++k) {
    const auto iz = interpolantFor(k, grid.factor[2], w.nz());
    const PixelBox box = unite(boxes[static_cast<std::size_t>(iz.lower)], boxes[static_cast<std::size_t>(iz.upper)]);
    if (box.empty()) continue;
    const auto inside = [](int index, int from, int to) { return index >= from && index < to; };
    for (int j = 0; j < native.ny(); ++j) {
      const auto& iy = alongY[static_cast<std::size_t>(j)];
      if (!inside(iy.lower, box.j0, box.j1) && !inside(iy.upper, box.j0, box.j1)) continue;
      for (int i = 0; i < native.nx(); ++i) {
        const auto& ix = alongX[static_cast<std::size_t>(i)];
        if (!inside(ix.lower, box.i0, box.i1) && !inside(ix.upper, box.i0, box.i1)) continue;
        std::array<double, 5> weight{};
        bool any = false;
        for (int c = 0; c < 8; ++c) {
          const int wi = c & 1 ? ix.upper : ix.lower, wj = c & 2 ? iy.upper : iy.lower, wk = c & 4 ? iz.upper : iz.lower;
          const std::uint8_t label = workingLabels[w.offset(wi, wj, wk)];
          if (label == 0) continue;
          any = true;
          weight[label] += (c & 1 ? ix.upperWeight : 1 - ix.upperWeight) * (c & 2 ? iy.upperWeight : 1 - iy.upperWeight) *
                           (c & 4 ? iz.upperWeight : 1 - iz.upperWeight);
        }
        if (!any) continue;
        const int best = static_cast<int>(std::max_element(weight.begin() + 1, weight.end()) - weight.begin());
        const float hu = native.at(i, j, k);
        bool kept = weight[best] >= 0.5 ? hu >= rule.lowHu && hu <= rule.highHu
                                              : weight[best] >= rule.partialWeight && hu >= rule.coreLowHu && hu <= rule.coreHighHu;
        if (!kept && rule.besideBone && weight[best] >= 0.5 && hu > rule.highHu) {
          // Partial volume with the cortex: the brightest in-plane neighbour is bone and this
          // voxel's density lies nearer the muscle's than that bone's.
          const float brightestHu = brightestAround(native, i, j, k);
          kept = brightestHu >= rule.boneHu && hu < 0.5f * (rule.muscleHu + brightestHu);
        }
        if (kept) out[native.offset(i, j, k)] = static_cast<std::uint8_t>(best);
      }
    }
  }
  if (rule.besideBone)
    for (int ring = 0; ring < kBoneRingVoxels; ++ring) addBoneRing(out, native, rule);
  return out;
}

} // namespace iliometry::segmentation
