#include "CanonicalVolume.h"

#include <algorithm>
#include <cmath>

namespace iliometry::segmentation {

namespace {

// For each LPS axis, the input axis whose direction is closest to it.
Result<std::array<AxisMapping, 3>> mapAxes(const IntensityImage::DirectionType& direction) {
  std::array<AxisMapping, 3> axes{};
  std::array<bool, 3> used{};
  for (int lps = 0; lps < 3; ++lps) {
    int best = -1;
    double bestWeight = 0.0;
    for (int source = 0; source < 3; ++source) {
      const double weight = std::abs(direction[lps][source]);
      if (!used[source] && weight > bestWeight) {
        best = source;
        bestWeight = weight;
      }
    }
    if (best < 0) return makeError(ErrorCode::InvalidSeries, "volume direction matrix is degenerate");
    used[best] = true;
    axes[lps] = AxisMapping{best, direction[lps][best] < 0};
  }
  if (axes[2].sourceAxis != 2)
    return makeError(ErrorCode::SegmentationFailed,
                     "the volume's slices are not axial (its third axis does not run head-feet); "
                     "give an axial series");
  return axes;
}

} // namespace

Result<CanonicalVolume> CanonicalVolume::fromImage(const IntensityImage& image) {
  auto axes = mapAxes(image.GetDirection());
  if (!axes) return axes.error();
  CanonicalVolume volume;
  volume.m_axes = axes.value();
  const auto size = image.GetLargestPossibleRegion().GetSize();
  const auto start = image.GetLargestPossibleRegion().GetIndex();
  for (int a = 0; a < 3; ++a) {
    volume.m_size[a] = static_cast<int>(size[volume.m_axes[a].sourceAxis]);
    volume.m_spacingMm[a] = image.GetSpacing()[volume.m_axes[a].sourceAxis];
  }
  volume.m_values.resize(static_cast<std::size_t>(volume.m_size[0]) * volume.m_size[1] * volume.m_size[2]);
  IntensityImage::IndexType source;
  std::array<int, 3> c{};
  for (c[2] = 0; c[2] < volume.m_size[2]; ++c[2])
    for (c[1] = 0; c[1] < volume.m_size[1]; ++c[1])
      for (c[0] = 0; c[0] < volume.m_size[0]; ++c[0]) {
        for (int a = 0; a < 3; ++a) {
          const auto& m = volume.m_axes[a];
          source[m.sourceAxis] = start[m.sourceAxis] + (m.flipped ? volume.m_size[a] - 1 - c[a] : c[a]);
        }
        volume.m_values[volume.offset(c[0], c[1], c[2])] = image.GetPixel(source);
      }
  return volume;
}

CanonicalVolume CanonicalVolume::cropped(int i0, int j0, int nx, int ny) const {
  CanonicalVolume out = blank({nx, ny, m_size[2]}, m_spacingMm);
  for (int k = 0; k < m_size[2]; ++k)
    for (int j = 0; j < ny; ++j)
      std::copy_n(m_values.begin() + static_cast<std::ptrdiff_t>(offset(i0, j0 + j, k)), nx,
                  out.m_values.begin() + static_cast<std::ptrdiff_t>(out.offset(0, j, k)));
  return out;
}

CanonicalVolume CanonicalVolume::blank(const std::array<int, 3>& size, const std::array<double, 3>& spacingMm) {
  CanonicalVolume volume;
  volume.m_size = size;
  volume.m_spacingMm = spacingMm;
  for (int a = 0; a < 3; ++a) volume.m_axes[a] = AxisMapping{a, false};
  volume.m_values.assign(static_cast<std::size_t>(size[0]) * size[1] * size[2], 0.0f);
  return volume;
}

LabelImage::Pointer CanonicalVolume::labelsOnSourceGrid(const std::vector<std::uint8_t>& canonicalLabels,
                                                        const IntensityImage& sourceImage) const {
  auto labels = LabelImage::New();
  labels->CopyInformation(&sourceImage);
  labels->SetRegions(sourceImage.GetLargestPossibleRegion());
  labels->Allocate(true);
  const auto start = sourceImage.GetLargestPossibleRegion().GetIndex();
  LabelImage::IndexType source;
  std::array<int, 3> c{};
  for (c[2] = 0; c[2] < m_size[2]; ++c[2])
    for (c[1] = 0; c[1] < m_size[1]; ++c[1])
      for (c[0] = 0; c[0] < m_size[0]; ++c[0]) {
        const auto label = canonicalLabels[offset(c[0], c[1], c[2])];
        if (label == 0) continue;
        for (int a = 0; a < 3; ++a) {
          const auto& m = m_axes[a];
          source[m.sourceAxis] = start[m.sourceAxis] + (m.flipped ? m_size[a] - 1 - c[a] : c[a]);
        }
        labels->SetPixel(source, label);
      }
  return labels;
}

} // namespace iliometry::segmentation
