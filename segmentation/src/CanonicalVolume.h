#pragma once
// The segmentation works on a canonical copy of the volume whose index axes run along the
// patient's LPS axes: i towards the patient's left, j towards posterior, k towards superior.
// All anatomical rules are then written once, in millimetres, whatever the input orientation.
#include "iliometry/core/ImageTypes.h"
#include "iliometry/core/Result.h"

#include <array>
#include <vector>

namespace iliometry::segmentation {

struct AxisMapping {
  int sourceAxis = 0; // which axis of the input image this canonical axis reads
  bool flipped = false;
};

class CanonicalVolume {
public:
  static Result<CanonicalVolume> fromImage(const IntensityImage& image);
  // The sub-volume of columns [i0, i0 + nx) and rows [j0, j0 + ny), all slices.
  CanonicalVolume cropped(int i0, int j0, int nx, int ny) const;

  // An empty volume of the given size and spacing (a working grid; it maps to no source).
  static CanonicalVolume blank(const std::array<int, 3>& size, const std::array<double, 3>& spacingMm);

  int nx() const { return m_size[0]; }
  int ny() const { return m_size[1]; }
  int nz() const { return m_size[2]; }
  double spacingMm(int axis) const { return m_spacingMm[axis]; }
  std::size_t sliceVoxels() const { return static_cast<std::size_t>(m_size[0]) * m_size[1]; }

  float at(int i, int j, int k) const { return m_values[offset(i, j, k)]; }
  const float* slice(int k) const { return m_values.data() + static_cast<std::size_t>(k) * sliceVoxels(); }
  std::vector<float>& values() { return m_values; }
  const std::vector<float>& values() const { return m_values; }

  // Index in the input image's third axis of canonical slice k.
  int sourceSliceIndex(int k) const { return m_axes[2].flipped ? m_size[2] - 1 - k : k; }

  // Writes canonical labels back onto the input image's grid.
  LabelImage::Pointer labelsOnSourceGrid(const std::vector<std::uint8_t>& canonicalLabels,
                                         const IntensityImage& source) const;

  std::size_t offset(int i, int j, int k) const {
    return (static_cast<std::size_t>(k) * m_size[1] + j) * m_size[0] + i;
  }

private:
  std::array<int, 3> m_size{};
  std::array<double, 3> m_spacingMm{};
  std::array<AxisMapping, 3> m_axes{};
  std::vector<float> m_values;
};

} // namespace iliometry::segmentation
