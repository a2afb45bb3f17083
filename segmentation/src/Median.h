#pragma once
// The median of a sample (the upper middle value of an even count), by a partial sort of a
// copy: robust statistics of densities and positions all over the segmentation.
#include <algorithm>
#include <cstddef>
#include <vector>

namespace iliometry::segmentation {

// T{} for an empty sample.
template <typename T> T medianOf(std::vector<T> values) {
  if (values.empty()) return T{};
  const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  return *middle;
}

} // namespace iliometry::segmentation
