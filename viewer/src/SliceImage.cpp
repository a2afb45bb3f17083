#include "SliceImage.h"

#include "iliometry/plugin/StructureColors.h"

#include <algorithm>
#include <cstdint>

namespace iliometry::viewer {

namespace {

struct Strides {
  std::ptrdiff_t u, v, slice, origin; // origin: offset of pixel (0, 0) on slice 0
};

Strides stridesOf(const SliceGeometry& g, const std::array<int, 3>& size) {
  const std::array<std::ptrdiff_t, 3> axisStride{1, size[0], std::ptrdiff_t(size[0]) * size[1]};
  Strides s{axisStride[g.uAxis], axisStride[g.vAxis], axisStride[static_cast<int>(g.axis)], 0};
  if (g.flipV) {
    s.origin = s.v * (g.height - 1);
    s.v = -s.v;
  }
  return s;
}

std::array<int, 3> sizeOf(const itk::ImageBase<3>& image) {
  const auto size = image.GetLargestPossibleRegion().GetSize();
  return {int(size[0]), int(size[1]), int(size[2])};
}

} // namespace

SliceGeometry sliceGeometry(SliceAxis axis, const std::array<int, 3>& size, const std::array<double, 3>& spacingMm) {
  SliceGeometry g;
  g.axis = axis;
  switch (axis) {
  case SliceAxis::Axial: g.uAxis = 0, g.vAxis = 1, g.flipV = false; break;   // patient left on the right
  case SliceAxis::Coronal: g.uAxis = 0, g.vAxis = 2, g.flipV = true; break;  // cranial at the top
  case SliceAxis::Sagittal: g.uAxis = 1, g.vAxis = 2, g.flipV = true; break; // anterior on the left
  }
  g.width = size[g.uAxis];
  g.height = size[g.vAxis];
  g.uSpacingMm = spacingMm[g.uAxis];
  g.vSpacingMm = spacingMm[g.vAxis];
  g.sliceCount = size[static_cast<int>(axis)];
  return g;
}

std::array<int, 3> voxelAt(const SliceGeometry& g, int sliceIndex, int u, int v) {
  std::array<int, 3> voxel{};
  voxel[static_cast<int>(g.axis)] = sliceIndex;
  voxel[g.uAxis] = u;
  voxel[g.vAxis] = g.flipV ? g.height - 1 - v : v;
  return voxel;
}

std::array<int, 2> pixelOf(const SliceGeometry& g, const std::array<int, 3>& voxel) {
  const int v = voxel[g.vAxis];
  return {voxel[g.uAxis], g.flipV ? g.height - 1 - v : v};
}

QImage intensitySlice(const IntensityImage& image, const SliceGeometry& g, int sliceIndex, WindowLevel wl) {
  QImage out(g.width, g.height, QImage::Format_Grayscale8);
  const Strides s = stridesOf(g, sizeOf(image));
  const float* voxels = image.GetBufferPointer() + s.origin + s.slice * sliceIndex;
  const float low = float(wl.centreHu - wl.widthHu / 2);
  const float scale = float(255.0 / wl.widthHu);
  for (int v = 0; v < g.height; ++v) {
    const float* row = voxels + s.v * v;
    std::uint8_t* line = out.scanLine(v);
    for (int u = 0; u < g.width; ++u)
      line[u] = static_cast<std::uint8_t>(std::clamp((row[s.u * u] - low) * scale, 0.0f, 255.0f));
  }
  return out;
}

QImage labelSlice(const LabelImage& labels, const SliceGeometry& g, int sliceIndex, double fillOpacity) {
  QImage out(g.width, g.height, QImage::Format_ARGB32_Premultiplied);
  out.fill(Qt::transparent);
  const Strides s = stridesOf(g, sizeOf(labels));
  const std::uint8_t* voxels = labels.GetBufferPointer() + s.origin + s.slice * sliceIndex;
  std::array<QRgb, kStructures.size() + 1> fill{}, outline{};
  const int alpha = std::clamp(int(fillOpacity * 255 + 0.5), 0, 255);
  for (const Structure structure : kStructures) {
    const QColor colour = plugin::structureColor(structure);
    outline[labelOf(structure)] = colour.rgba();
    fill[labelOf(structure)] = qPremultiply(qRgba(colour.red(), colour.green(), colour.blue(), alpha));
  }
  auto at = [&](int u, int v) -> std::uint8_t { return voxels[s.v * v + s.u * u]; };
  for (int v = 0; v < g.height; ++v) {
    auto* line = reinterpret_cast<QRgb*>(out.scanLine(v));
    for (int u = 0; u < g.width; ++u) {
      const std::uint8_t label = at(u, v);
      if (label == 0 || label > kStructures.size()) continue;
      const bool edge = u == 0 || v == 0 || u == g.width - 1 || v == g.height - 1 || at(u - 1, v) != label ||
                        at(u + 1, v) != label || at(u, v - 1) != label || at(u, v + 1) != label;
      line[u] = edge ? outline[label] : fill[label];
    }
  }
  return out;
}

} // namespace iliometry::viewer
