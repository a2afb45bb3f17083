#include "SliceMask.h"

#include <itkBinaryFillholeImageFilter.h>
#include <itkConnectedComponentImageFilter.h>
#include <itkImage.h>
#include <itkMorphologicalWatershedImageFilter.h>
#include <itkSignedMaurerDistanceMapImageFilter.h>

#include <algorithm>
#include <cassert>
#include <cmath>

namespace iliometry::segmentation {

namespace {

using Mask2 = itk::Image<std::uint8_t, 2>;
using Float2 = itk::Image<float, 2>;
using Label2 = itk::Image<std::uint32_t, 2>;

// The masks are a few thousand pixels (a bounding box): splitting one over ITK's thread pool
// costs more in waking and joining threads than the work itself (a tenth of the segmentation's
// time went to the scheduler in a profile of bench_measure).
constexpr itk::ThreadIdType kWorkUnitsPerSlice = 1;

Mask2::Pointer toItk(const SliceMask& mask) {
  auto image = Mask2::New();
  Mask2::RegionType region;
  region.SetSize({static_cast<itk::SizeValueType>(mask.nx()), static_cast<itk::SizeValueType>(mask.ny())});
  image->SetRegions(region);
  const double spacing[2] = {mask.geometry().spacingXMm, mask.geometry().spacingYMm};
  image->SetSpacing(spacing);
  image->Allocate();
  std::copy(mask.values().begin(), mask.values().end(), image->GetBufferPointer());
  return image;
}

// The muscles are small against a whole slice: every filter below runs on the mask's
// bounding box grown by the margin the operation can reach, and pastes the result back.
template <typename Operation> SliceMask locally(const SliceMask& mask, int marginPx, Operation operation) {
  const PixelBox box = boundingBox(mask, marginPx);
  if (box.empty()) return SliceMask(mask.geometry());
  return pasteInto(mask.geometry(), operation(cropTo(mask, box)), box);
}

int pixelsFor(const SliceMask& mask, double mm) {
  return static_cast<int>(std::ceil(mm / std::min(mask.geometry().spacingXMm, mask.geometry().spacingYMm))) + 1;
}

// Signed distance in mm: negative inside the mask, positive outside.
std::vector<float> signedDistanceMm(const SliceMask& mask) {
  std::vector<float> out(mask.geometry().count());
  if (mask.empty()) {
    std::fill(out.begin(), out.end(), 1e9f);
    return out;
  }
  auto filter = itk::SignedMaurerDistanceMapImageFilter<Mask2, Float2>::New();
  filter->SetNumberOfWorkUnits(kWorkUnitsPerSlice);
  filter->SetInput(toItk(mask));
  filter->SetUseImageSpacing(true);
  filter->SetSquaredDistance(false);
  filter->SetInsideIsPositive(false);
  filter->SetBackgroundValue(0);
  filter->Update();
  std::copy_n(filter->GetOutput()->GetBufferPointer(), out.size(), out.begin());
  return out;
}

SliceMask fromPredicate(const SliceGeometry& geometry, const std::vector<float>& values, auto predicate) {
  SliceMask out(geometry);
  for (std::size_t n = 0; n < values.size(); ++n) out.set(n, predicate(values[n]));
  return out;
}

} // namespace

PixelBox boundingBox(const std::uint8_t* slice, int nx, int ny) {
  PixelBox box{nx, ny, 0, 0};
  for (int j = 0; j < ny; ++j) {
    const auto* row = slice + static_cast<std::size_t>(j) * nx;
    for (int i = 0; i < nx; ++i)
      if (row[i]) {
        box.i0 = std::min(box.i0, i), box.i1 = std::max(box.i1, i + 1);
        box.j0 = std::min(box.j0, j), box.j1 = std::max(box.j1, j + 1);
      }
  }
  return box.empty() ? PixelBox{} : box;
}

PixelBox boundingBox(const SliceMask& mask, int marginPx) {
  const PixelBox box = boundingBox(mask.values().data(), mask.nx(), mask.ny());
  if (box.empty()) return box;
  return PixelBox{std::max(0, box.i0 - marginPx), std::max(0, box.j0 - marginPx), std::min(mask.nx(), box.i1 + marginPx),
             std::min(mask.ny(), box.j1 + marginPx)};
}

SliceMask cropTo(const SliceMask& mask, const PixelBox& box) {
  SliceMask out(SliceGeometry{box.i1 - box.i0, box.j1 - box.j0, mask.geometry().spacingXMm, mask.geometry().spacingYMm});
  for (int j = box.j0; j < box.j1; ++j)
    for (int i = box.i0; i < box.i1; ++i) out.set(i - box.i0, j - box.j0, mask.at(i, j));
  return out;
}

SliceMask pasteInto(const SliceGeometry& full, const SliceMask& local, const PixelBox& box) {
  SliceMask out(full);
  for (int j = box.j0; j < box.j1; ++j)
    for (int i = box.i0; i < box.i1; ++i) out.set(i, j, local.at(i - box.i0, j - box.j0));
  return out;
}

std::size_t SliceMask::pixelCount() const {
  return static_cast<std::size_t>(std::count_if(m_values.begin(), m_values.end(), [](auto v) { return v != 0; }));
}

SliceMask SliceMask::operator&(const SliceMask& other) const {
  SliceMask out(m_geometry);
  for (std::size_t n = 0; n < m_values.size(); ++n) out.m_values[n] = m_values[n] && other.m_values[n];
  return out;
}

SliceMask SliceMask::operator|(const SliceMask& other) const {
  SliceMask out(m_geometry);
  for (std::size_t n = 0; n < m_values.size(); ++n) out.m_values[n] = m_values[n] || other.m_values[n];
  return out;
}

SliceMask SliceMask::minus(const SliceMask& other) const {
  SliceMask out(m_geometry);
  for (std::size_t n = 0; n < m_values.size(); ++n) out.m_values[n] = m_values[n] && !other.m_values[n];
  return out;
}

bool SliceMask::overlaps(const SliceMask& other) const {
  for (std::size_t n = 0; n < m_values.size(); ++n)
    if (m_values[n] && other.m_values[n]) return true;
  return false;
}

Centroid centroidOf(const SliceMask& mask) {
  double sx = 0, sy = 0;
  std::size_t count = 0;
  for (int j = 0; j < mask.ny(); ++j)
    for (int i = 0; i < mask.nx(); ++i)
      if (mask.at(i, j)) {
        sx += i;
        sy += j;
        ++count;
      }
  if (count == 0) return {};
  return {sx / count * mask.geometry().spacingXMm, sy / count * mask.geometry().spacingYMm};
}

SliceMask thresholdSlice(const float* values, const SliceGeometry& geometry, float lo, float hi) {
  SliceMask out(geometry);
  for (std::size_t n = 0; n < geometry.count(); ++n) out.set(n, values[n] >= lo && values[n] <= hi);
  return out;
}

std::vector<float> distanceToMaskMm(const SliceMask& mask) {
  auto d = signedDistanceMm(mask);
  for (auto& v : d) v = std::max(v, 0.0f);
  return d;
}

std::vector<float> depthInsideMaskMm(const SliceMask& mask) {
  auto d = signedDistanceMm(mask);
  for (auto& v : d) v = v < 0 ? -v : 0.0f;
  return d;
}

// Distances on the pixel grid often equal a radius that is a multiple of the pixel spacing, but
// rounding makes the computed value fall a hair above it in some directions and below it in
// others. Without a tolerance a dilation then grows one side more than the other, and outlines
// grown and shrunk slice after slice drift towards that side (a pixel over a vertebra's height).
constexpr float kDistanceTieMm = 1e-3f;

SliceMask dilate(const SliceMask& mask, double radiusMm) {
  // A closed disk: pixels at exactly the radius are taken on every side.
  return locally(mask, pixelsFor(mask, radiusMm), [radiusMm](const SliceMask& local) {
    return fromPredicate(local.geometry(), signedDistanceMm(local),
                         [r = static_cast<float>(radiusMm) + kDistanceTieMm](float d) { return d <= r; });
  });
}

SliceMask erode(const SliceMask& mask, double radiusMm) {
  // Inside, Maurer's map measures to the mask's own boundary pixels (which get 0), not to the
  // background pixels one step further: a pixel is kept when the background lies more than
  // `radiusMm` away, i.e. its boundary pixels more than radius minus one pixel (a closed disk of
  // that radius fits: background at exactly the radius removes the pixel, on every side).
  const double pixelMm = std::min(mask.geometry().spacingXMm, mask.geometry().spacingYMm);
  return locally(mask, 1, [&](const SliceMask& local) {
    return fromPredicate(local.geometry(), signedDistanceMm(local),
                         [limit = static_cast<float>(radiusMm - pixelMm) + kDistanceTieMm](float d) { return d < 0 && -d > limit; });
  });
}

SliceMask open(const SliceMask& mask, double radiusMm) { return dilate(erode(mask, radiusMm), radiusMm) & mask; }
// Beyond the slice is background. A dilation reaching the slice's edge is clipped there, and
// the erosion (which cannot see past the edge) would never take it back: a mask within the
// radius of the edge would grow a band along it. The closing is done on a padded copy.
SliceMask close(const SliceMask& mask, double radiusMm) {
  const int pad = pixelsFor(mask, radiusMm);
  SliceGeometry padded = mask.geometry();
  padded.nx += 2 * pad;
  padded.ny += 2 * pad;
  const PixelBox slice{pad, pad, pad + mask.nx(), pad + mask.ny()};
  return cropTo(erode(dilate(pasteInto(padded, mask, slice), radiusMm), radiusMm), slice) | mask;
}

SliceMask fillHoles(const SliceMask& mask) {
  return locally(mask, 1, [](const SliceMask& local) {
    auto filter = itk::BinaryFillholeImageFilter<Mask2>::New();
    filter->SetInput(toItk(local));
    filter->SetForegroundValue(1);
    filter->SetFullyConnected(false);
    filter->Update();
    SliceMask out(local.geometry());
    std::copy_n(filter->GetOutput()->GetBufferPointer(), out.values().size(), out.values().begin());
    return out;
  });
}

namespace {

struct ComponentLabels {
  std::vector<std::uint32_t> labels; // 0 background, 1..count
  std::vector<std::size_t> sizes;    // sizes[c - 1] pixels of component c
};

ComponentLabels labelComponents(const SliceMask& mask) {
  auto filter = itk::ConnectedComponentImageFilter<Mask2, Label2>::New();
  filter->SetNumberOfWorkUnits(kWorkUnitsPerSlice);
  filter->SetInput(toItk(mask));
  filter->SetFullyConnected(true);
  filter->Update();
  ComponentLabels result;
  result.labels.assign(filter->GetOutput()->GetBufferPointer(),
                       filter->GetOutput()->GetBufferPointer() + mask.geometry().count());
  result.sizes.assign(filter->GetObjectCount(), 0);
  for (auto label : result.labels)
    if (label > 0) ++result.sizes[label - 1];
  return result;
}

SliceMask maskOfLabels(const SliceGeometry& geometry, const ComponentLabels& c, const std::vector<bool>& keep) {
  SliceMask out(geometry);
  for (std::size_t n = 0; n < c.labels.size(); ++n)
    if (c.labels[n] > 0 && keep[c.labels[n] - 1]) out.set(n, true);
  return out;
}

} // namespace

std::vector<SliceMask> components(const SliceMask& mask, std::size_t minPixels) {
  const PixelBox box = boundingBox(mask, 1);
  if (box.empty()) return {};
  const auto local = cropTo(mask, box);
  const auto c = labelComponents(local);
  std::vector<std::size_t> order;
  for (std::size_t k = 0; k < c.sizes.size(); ++k)
    if (c.sizes[k] >= minPixels) order.push_back(k);
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return c.sizes[a] > c.sizes[b]; });
  std::vector<SliceMask> out;
  out.reserve(order.size());
  for (auto k : order) {
    std::vector<bool> keep(c.sizes.size(), false);
    keep[k] = true;
    out.push_back(pasteInto(mask.geometry(), maskOfLabels(local.geometry(), c, keep), box));
  }
  return out;
}

SliceMask componentsTouching(const SliceMask& mask, const SliceMask& seed) {
  const PixelBox box = boundingBox(mask, 1);
  if (box.empty()) return SliceMask(mask.geometry());
  const auto local = cropTo(mask, box), localSeed = cropTo(seed, box);
  const auto c = labelComponents(local);
  std::vector<bool> keep(c.sizes.size(), false);
  for (std::size_t n = 0; n < c.labels.size(); ++n)
    if (c.labels[n] > 0 && localSeed.at(n)) keep[c.labels[n] - 1] = true;
  return pasteInto(mask.geometry(), maskOfLabels(local.geometry(), c, keep), box);
}

SliceMask largestComponent(const SliceMask& mask) {
  const PixelBox box = boundingBox(mask, 1);
  if (box.empty()) return SliceMask(mask.geometry());
  const auto local = cropTo(mask, box);
  const auto c = labelComponents(local);
  std::vector<bool> keep(c.sizes.size(), false);
  if (!c.sizes.empty()) keep[std::max_element(c.sizes.begin(), c.sizes.end()) - c.sizes.begin()] = true;
  return pasteInto(mask.geometry(), maskOfLabels(local.geometry(), c, keep), box);
}

std::vector<std::uint32_t> watershedBasins(const std::vector<float>& relief, const SliceGeometry& geometry,
                                           float levelDepth) {
  auto image = Float2::New();
  Float2::RegionType region;
  region.SetSize({static_cast<itk::SizeValueType>(geometry.nx), static_cast<itk::SizeValueType>(geometry.ny)});
  image->SetRegions(region);
  const double spacing[2] = {geometry.spacingXMm, geometry.spacingYMm};
  image->SetSpacing(spacing);
  image->Allocate();
  std::copy(relief.begin(), relief.end(), image->GetBufferPointer());
  auto filter = itk::MorphologicalWatershedImageFilter<Float2, Label2>::New();
  filter->SetInput(image);
  filter->SetLevel(levelDepth);
  filter->SetMarkWatershedLine(false);
  filter->SetFullyConnected(true);
  filter->Update();
  return {filter->GetOutput()->GetBufferPointer(), filter->GetOutput()->GetBufferPointer() + geometry.count()};
}

} // namespace iliometry::segmentation
