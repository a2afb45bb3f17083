#include "WindowLevelPresets.h"

#include <QObject>

#include <algorithm>
#include <vector>

namespace iliometry::viewer {

const std::vector<WindowLevelPreset>& ctPresets() {
  static const std::vector<WindowLevelPreset> presets{
      {QObject::tr("CT soft tissue"), {400, 40}},
      {QObject::tr("CT bone"), {1800, 400}},
  };
  return presets;
}

WindowLevel automaticWindowLevel(const IntensityImage& image) {
  const std::size_t count = image.GetLargestPossibleRegion().GetNumberOfPixels();
  const float* voxels = image.GetBufferPointer();
  // A sparse sample is plenty for two percentiles and keeps opening a study instant.
  const std::size_t step = std::max<std::size_t>(1, count / 200000);
  const float minimum = *std::min_element(voxels, voxels + count);
  std::vector<float> sample;
  for (std::size_t i = 0; i < count; i += step)
    if (voxels[i] > minimum) sample.push_back(voxels[i]);
  if (sample.size() < 2) return {std::max(1.0f, minimum), minimum};
  auto at = [&](double fraction) {
    auto nth = sample.begin() + std::ptrdiff_t(fraction * double(sample.size() - 1));
    std::nth_element(sample.begin(), nth, sample.end());
    return double(*nth);
  };
  const double low = at(0.01), high = at(0.99);
  return {std::max(1.0, high - low), (high + low) / 2};
}

} // namespace iliometry::viewer
