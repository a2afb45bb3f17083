#pragma once
// A binary mask on one axial slice of the canonical volume, with morphology in millimetres.
// The operations wrap ITK's 2-D filters (distance maps, connected components, hole filling).
#include <cstdint>
#include <vector>

namespace iliometry::segmentation {

struct SliceGeometry {
  int nx = 0, ny = 0;
  double spacingXMm = 1.0, spacingYMm = 1.0;
  std::size_t count() const { return static_cast<std::size_t>(nx) * ny; }
  double pixelAreaMm2() const { return spacingXMm * spacingYMm; }
};

class SliceMask {
public:
  SliceMask() = default;
  explicit SliceMask(const SliceGeometry& geometry) : m_geometry(geometry), m_values(geometry.count(), 0) {}

  const SliceGeometry& geometry() const { return m_geometry; }
  int nx() const { return m_geometry.nx; }
  int ny() const { return m_geometry.ny; }
  bool at(int i, int j) const { return m_values[static_cast<std::size_t>(j) * m_geometry.nx + i] != 0; }
  void set(int i, int j, bool on) { m_values[static_cast<std::size_t>(j) * m_geometry.nx + i] = on ? 1 : 0; }
  bool at(std::size_t n) const { return m_values[n] != 0; }
  void set(std::size_t n, bool on) { m_values[n] = on ? 1 : 0; }
  const std::vector<std::uint8_t>& values() const { return m_values; }
  std::vector<std::uint8_t>& values() { return m_values; }

  std::size_t pixelCount() const;
  double areaMm2() const { return static_cast<double>(pixelCount()) * m_geometry.pixelAreaMm2(); }
  bool empty() const { return pixelCount() == 0; }

  SliceMask operator&(const SliceMask& other) const;
  SliceMask operator|(const SliceMask& other) const;
  SliceMask minus(const SliceMask& other) const;
  bool overlaps(const SliceMask& other) const;

private:
  SliceGeometry m_geometry;
  std::vector<std::uint8_t> m_values;
};

struct Centroid {
  double xMm = 0.0, yMm = 0.0; // in-slice position, mm from the slice's first pixel centre
};

Centroid centroidOf(const SliceMask& mask);

// Pixels with lo <= value <= hi.
SliceMask thresholdSlice(const float* values, const SliceGeometry& geometry, float lo, float hi);

// Euclidean distance in mm from each pixel to the nearest pixel of `mask` (0 inside it).
std::vector<float> distanceToMaskMm(const SliceMask& mask);
// Distance in mm from each pixel inside `mask` to the mask's own border pixels (0 on the border
// and outside).
std::vector<float> depthInsideMaskMm(const SliceMask& mask);

SliceMask dilate(const SliceMask& mask, double radiusMm);
SliceMask erode(const SliceMask& mask, double radiusMm);
SliceMask open(const SliceMask& mask, double radiusMm);
SliceMask close(const SliceMask& mask, double radiusMm);
SliceMask fillHoles(const SliceMask& mask);

// 8-connected components of at least `minPixels` pixels, largest first.
std::vector<SliceMask> components(const SliceMask& mask, std::size_t minPixels);
// The union of the components of `mask` that overlap `seed`.
SliceMask componentsTouching(const SliceMask& mask, const SliceMask& seed);
SliceMask largestComponent(const SliceMask& mask);

// A rectangle of pixels, half-open: [i0, i1) x [j0, j1).
struct PixelBox {
  int i0 = 0, j0 = 0, i1 = 0, j1 = 0;
  bool empty() const { return i1 <= i0 || j1 <= j0; }
};
// The bounding box of `mask`'s pixels grown by `marginPx` (clipped to the slice); empty for an
// empty mask.
PixelBox boundingBox(const SliceMask& mask, int marginPx);
// The bounding box of the non-zero values of an nx x ny slice stored row by row (a slice of a
// label volume); empty when there are none.
PixelBox boundingBox(const std::uint8_t* slice, int nx, int ny);
SliceMask cropTo(const SliceMask& mask, const PixelBox& box);
// `local` (the size of `box`) placed at `box` on an otherwise empty slice of geometry `full`.
SliceMask pasteInto(const SliceGeometry& full, const SliceMask& local, const PixelBox& box);

} // namespace iliometry::segmentation

namespace iliometry::segmentation {

// Catchment basins of `relief` (one value per pixel of `geometry`): label 1..n per pixel.
// Minima shallower than `levelDepth` are merged into their neighbours.
std::vector<std::uint32_t> watershedBasins(const std::vector<float>& relief, const SliceGeometry& geometry,
                                           float levelDepth);

} // namespace iliometry::segmentation
