#include "iliometry/core/FatFraction.h"

#include "iliometry/core/ImageGrid.h"
#include <algorithm>

#include <cassert>

namespace iliometry {

IntensityImage::Pointer fatFractionImage(const IntensityImage& water, const IntensityImage& fat) {
  assert(water.GetBufferedRegion() == fat.GetBufferedRegion());
  auto out = allocateLike(water);
  const std::size_t count = water.GetBufferedRegion().GetNumberOfPixels();
  const float* w = water.GetBufferPointer();
  const float* f = fat.GetBufferPointer();
  float* ff = out->GetBufferPointer();
  for (std::size_t n = 0; n < count; ++n) {
    const float total = w[n] + f[n];
    ff[n] = total > 0.f ? std::clamp(f[n] / total, 0.f, 1.f) : 0.f;
  }
  return out;
}

FatFractionSet measureFatFraction(const IntensityImage& water, const IntensityImage& fat, const LabelImage& labels) {
  assert(water.GetBufferedRegion() == labels.GetBufferedRegion() && fat.GetBufferedRegion() == labels.GetBufferedRegion());
  const auto size = labels.GetBufferedRegion().GetSize();
  const std::size_t sliceVoxels = size[0] * size[1];
  const std::size_t sliceCount = size[2];
  struct Sums {
    double fat = 0.0, total = 0.0;
  };
  std::array<std::vector<Sums>, 4> perSlice;
  for (auto& sums : perSlice) sums.assign(sliceCount, {});
  const float* w = water.GetBufferPointer();
  const float* f = fat.GetBufferPointer();
  const LabelValue* l = labels.GetBufferPointer();
  for (std::size_t k = 0; k < sliceCount; ++k)
    for (std::size_t n = k * sliceVoxels; n < (k + 1) * sliceVoxels; ++n) {
      if (l[n] == kBackgroundLabel || l[n] > 4) continue;
      Sums& sums = perSlice[l[n] - 1u][k];
      sums.fat += f[n];
      sums.total += static_cast<double>(w[n]) + f[n];
    }

  FatFractionSet set;
  for (Structure s : kStructures) {
    StructureFatFraction& out = set.structures[indexOf(s)];
    out.structure = s;
    out.percentPerSlice.resize(sliceCount);
    Sums whole;
    for (std::size_t k = 0; k < sliceCount; ++k) {
      const Sums& sums = perSlice[indexOf(s)][k];
      if (sums.total > 0.0) out.percentPerSlice[k] = 100.0 * sums.fat / sums.total;
      whole.fat += sums.fat;
      whole.total += sums.total;
    }
    if (whole.total > 0.0) out.volumePercent = 100.0 * whole.fat / whole.total;
  }
  return set;
}

} // namespace iliometry
