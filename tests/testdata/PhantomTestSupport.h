#pragma once
// Helpers shared by the phantom tests: label statistics computed directly from the buffers.
#include "iliometry/testdata/Phantom.h"

#include <cmath>
#include <cstdint>
#include <vector>

namespace iliometry::testdata::test {

struct Centroid {
  double x = 0, y = 0;
  std::size_t count = 0;
};

// In-plane centroid (LPS mm) of a label on one slice.
inline Centroid labelCentroid(const Phantom& phantom, LabelValue label, int sliceIndex) {
  Centroid c;
  const auto size = phantom.labels->GetLargestPossibleRegion().GetSize();
  for (unsigned j = 0; j < size[1]; ++j)
    for (unsigned i = 0; i < size[0]; ++i) {
      const LabelImage::IndexType index{{i, j, sliceIndex}};
      if (phantom.labels->GetPixel(index) != label) continue;
      LabelImage::PointType p;
      phantom.labels->TransformIndexToPhysicalPoint(index, p);
      c.x += p[0];
      c.y += p[1];
      ++c.count;
    }
  if (c.count) {
    c.x /= static_cast<double>(c.count);
    c.y /= static_cast<double>(c.count);
  }
  return c;
}

inline std::vector<float> intensitiesOf(const Phantom& phantom, LabelValue label) {
  std::vector<float> values;
  const std::size_t n = phantom.labels->GetLargestPossibleRegion().GetNumberOfPixels();
  const auto* labels = phantom.labels->GetBufferPointer();
  const auto* pixels = phantom.volume.image->GetBufferPointer();
  for (std::size_t i = 0; i < n; ++i)
    if (labels[i] == label) values.push_back(pixels[i]);
  return values;
}

inline int levelSlice(const Phantom& phantom, const std::string& name) {
  const auto* level = phantom.levels.find(name);
  return level ? level->sliceIndex : -1;
}

} // namespace iliometry::testdata::test
