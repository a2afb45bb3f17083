#include "KeyImagePainter.h"

#include "CairoText.h"
#include "iliometry/report/RadiologicalView.h"
#include "iliometry/report/StructureStyle.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <memory>
#include <vector>

namespace iliometry::report::drawing {

namespace {

// Voxels above this are inside the body (air is about -1000 HU); the image is cropped to them.
constexpr double kBodyThresholdHu = -500.0;
constexpr int kCropMarginPixels = 6;

struct SliceRaster {
  int columns = 0, rows = 0;
  std::vector<float> hu;
  std::vector<LabelValue> labels;
  float huAt(int c, int r) const { return hu[static_cast<std::size_t>(r * columns + c)]; }
  LabelValue labelAt(int c, int r) const {
    if (c < 0 || r < 0 || c >= columns || r >= rows) return kBackgroundLabel;
    return labels[static_cast<std::size_t>(r * columns + c)];
  }
};

SliceRaster rasterOf(const IntensityImage& intensity, const LabelImage& labels, const RadiologicalView& view,
                     int slice) {
  SliceRaster raster;
  raster.columns = view.displayColumns;
  raster.rows = view.displayRows;
  raster.hu.resize(static_cast<std::size_t>(raster.columns * raster.rows));
  raster.labels.resize(raster.hu.size());
  for (int r = 0; r < raster.rows; ++r)
    for (int c = 0; c < raster.columns; ++c) {
      const auto i = view.volumeIndex(c, r, slice);
      const IntensityImage::IndexType index{{i[0], i[1], i[2]}};
      const auto at = static_cast<std::size_t>(r * raster.columns + c);
      raster.hu[at] = intensity.GetPixel(index);
      raster.labels[at] = labels.GetPixel(index);
    }
  return raster;
}

struct PixelBox {
  int left = 0, top = 0, right = 0, bottom = 0; // inclusive
  bool empty() const { return right < left; }
};

PixelBox bodyBox(const SliceRaster& raster) {
  PixelBox box{raster.columns, raster.rows, -1, -1};
  for (int r = 0; r < raster.rows; ++r)
    for (int c = 0; c < raster.columns; ++c)
      if (raster.huAt(c, r) > kBodyThresholdHu || raster.labelAt(c, r) != kBackgroundLabel) {
        box.left = std::min(box.left, c);
        box.right = std::max(box.right, c);
        box.top = std::min(box.top, r);
        box.bottom = std::max(box.bottom, r);
      }
  if (box.empty()) return {0, 0, raster.columns - 1, raster.rows - 1};
  return {std::max(0, box.left - kCropMarginPixels), std::max(0, box.top - kCropMarginPixels),
          std::min(raster.columns - 1, box.right + kCropMarginPixels),
          std::min(raster.rows - 1, box.bottom + kCropMarginPixels)};
}

using SurfacePtr = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;

SurfacePtr greyscaleSurface(const SliceRaster& raster, const PixelBox& box) {
  const int width = box.right - box.left + 1, height = box.bottom - box.top + 1;
  SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height), &cairo_surface_destroy);
  cairo_surface_flush(surface.get());
  unsigned char* data = cairo_image_surface_get_data(surface.get());
  const int stride = cairo_image_surface_get_stride(surface.get());
  const double lowHu = kWindowLevelHu - kWindowWidthHu / 2.0;
  for (int r = 0; r < height; ++r) {
    auto* row = reinterpret_cast<std::uint32_t*>(data + r * stride);
    for (int c = 0; c < width; ++c) {
      const double fraction = std::clamp((raster.huAt(box.left + c, box.top + r) - lowHu) / kWindowWidthHu, 0.0, 1.0);
      const auto grey = static_cast<std::uint32_t>(std::lround(fraction * 255.0));
      row[c] = (grey << 16) | (grey << 8) | grey;
    }
  }
  cairo_surface_mark_dirty(surface.get());
  return surface;
}

// The outline of one label: every edge between one of its pixels and a pixel of another label.
void addOutlinePath(cairo_t* cr, const SliceRaster& raster, const PixelBox& box, LabelValue label) {
  for (int r = box.top; r <= box.bottom; ++r)
    for (int c = box.left; c <= box.right; ++c) {
      if (raster.labelAt(c, r) != label) continue;
      const double x = c - box.left, y = r - box.top;
      if (raster.labelAt(c, r - 1) != label) { cairo_move_to(cr, x, y); cairo_line_to(cr, x + 1, y); }
      if (raster.labelAt(c, r + 1) != label) { cairo_move_to(cr, x, y + 1); cairo_line_to(cr, x + 1, y + 1); }
      if (raster.labelAt(c - 1, r) != label) { cairo_move_to(cr, x, y); cairo_line_to(cr, x, y + 1); }
      if (raster.labelAt(c + 1, r) != label) { cairo_move_to(cr, x + 1, y); cairo_line_to(cr, x + 1, y + 1); }
    }
}

struct LabelExtent {
  int count = 0;
  double sumColumn = 0.0, sumRow = 0.0;
  int left = 1 << 30, right = -1, top = 1 << 30, bottom = -1;
};

std::array<LabelExtent, 4> extentsOf(const SliceRaster& raster) {
  std::array<LabelExtent, 4> extents;
  for (int r = 0; r < raster.rows; ++r)
    for (int c = 0; c < raster.columns; ++c) {
      const LabelValue label = raster.labelAt(c, r);
      if (label == kBackgroundLabel || label > extents.size()) continue;
      LabelExtent& e = extents[label - 1u];
      ++e.count;
      e.sumColumn += c;
      e.sumRow += r;
      e.left = std::min(e.left, c);
      e.right = std::max(e.right, c);
      e.top = std::min(e.top, r);
      e.bottom = std::max(e.bottom, r);
    }
  return extents;
}

// Text on a dark box so that it reads on any grey.
void drawLabelText(cairo_t* cr, double x, double y, const std::string& text, Align align, const RgbColour& colour) {
  const double width = textWidth(cr, text);
  const double left = align == Align::Left ? x : align == Align::Centre ? x - width / 2.0 : x - width;
  cairo_font_extents_t font;
  cairo_font_extents(cr, &font);
  cairo_set_source_rgba(cr, 0.0, 0.0, 0.0, 0.65);
  cairo_rectangle(cr, left - 1.5, y - font.ascent - 1.0, width + 3.0, font.ascent + font.descent + 2.0);
  cairo_fill(cr);
  setColour(cr, colour.red, colour.green, colour.blue);
  drawText(cr, left, y, text);
}

} // namespace

void paintKeyImage(cairo_t* cr, double x, double y, double width, double height, const KeySlice& slice,
                   const IntensityImage& intensity, const LabelImage& labels, const MeasurementSet& measurements,
                   const VolumeGeometry& geometry) {
  assert(slice.sliceIndex >= 0 && slice.sliceIndex < static_cast<int>(geometry.sizeVoxels[2]));
  const RadiologicalView view = radiologicalViewOf(geometry);
  const SliceRaster raster = rasterOf(intensity, labels, view, slice.sliceIndex);
  const PixelBox box = bodyBox(raster);
  const double boxWidthMm = (box.right - box.left + 1) * view.columnSpacingMm;
  const double boxHeightMm = (box.bottom - box.top + 1) * view.rowSpacingMm;

  cairo_save(cr);
  cairo_rectangle(cr, x, y, width, height);
  cairo_set_source_rgb(cr, 0.0, 0.0, 0.0);
  cairo_fill_preserve(cr);
  cairo_clip(cr);

  // The image keeps its physical aspect ratio, centred under a title band and above a legend band.
  const double unit = std::min(width, height) / 100.0; // text scales with the panel
  const double titleBand = 7.0 * unit, legendBand = 12.0 * unit;
  const double available = height - titleBand - legendBand;
  const double scale = std::min(width / boxWidthMm, available / boxHeightMm); // user units per mm
  const double imageLeft = x + (width - boxWidthMm * scale) / 2.0;
  const double imageTop = y + titleBand + (available - boxHeightMm * scale) / 2.0;

  cairo_save(cr);
  cairo_translate(cr, imageLeft, imageTop);
  cairo_scale(cr, scale * view.columnSpacingMm, scale * view.rowSpacingMm); // now one unit = one pixel
  SurfacePtr grey = greyscaleSurface(raster, box);
  cairo_set_source_surface(cr, grey.get(), 0.0, 0.0);
  cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_BILINEAR);
  cairo_paint(cr);
  for (Structure structure : kStructures) {
    const RgbColour colour = structureColour(structure);
    cairo_new_path(cr);
    addOutlinePath(cr, raster, box, labelOf(structure));
    cairo_save(cr);
    cairo_identity_matrix(cr); // line width in device-independent units, not pixels
    cairo_set_line_width(cr, std::max(0.6, 0.35 * unit));
    cairo_set_source_rgb(cr, colour.red, colour.green, colour.blue);
    cairo_stroke(cr);
    cairo_restore(cr);
  }
  cairo_restore(cr);

  // CSA beside each structure: psoas above it (anterior), iliacus lateral to it.
  setFont(cr, 3.2 * unit, true);
  const auto extents = extentsOf(raster);
  auto toUserX = [&](double column) { return imageLeft + (column - box.left) * view.columnSpacingMm * scale; };
  auto toUserY = [&](double row) { return imageTop + (row - box.top) * view.rowSpacingMm * scale; };
  for (Structure structure : kStructures) {
    const LabelExtent& e = extents[indexOf(structure)];
    if (e.count == 0) continue;
    const std::string text = fixed(measurements.csaMm2(structure, slice.sliceIndex) / kMm2PerCm2, 1);
    const RgbColour colour = structureColour(structure);
    const double centreRow = toUserY(e.sumRow / e.count + 0.5);
    if (structure.muscle == Muscle::PsoasMajor) {
      drawLabelText(cr, toUserX(e.sumColumn / e.count + 0.5), toUserY(e.top) - 1.2 * unit, text, Align::Centre, colour);
    } else if (structure.side == Side::Left) { // displayed on the image's right
      drawLabelText(cr, toUserX(e.right + 1) + 1.0 * unit, centreRow, text, Align::Left, colour);
    } else {
      drawLabelText(cr, toUserX(e.left) - 1.0 * unit, centreRow, text, Align::Right, colour);
    }
  }

  // Title and orientation letters.
  setColour(cr, 1.0, 1.0, 1.0);
  setFont(cr, 3.6 * unit, true);
  drawText(cr, x + 2.0 * unit, y + 5.0 * unit, slice.title);
  setFont(cr, 3.0 * unit);
  char position[96];
  std::snprintf(position, sizeof position, "slice %d  z %.1f mm", slice.sliceIndex + 1,
                geometry.sliceCentreZMm(slice.sliceIndex));
  drawText(cr, x + width - 2.0 * unit, y + 5.0 * unit, position, Align::Right);
  setFont(cr, 3.4 * unit, true);
  setColour(cr, 0.85, 0.85, 0.85);
  const double middleY = imageTop + boxHeightMm * scale / 2.0;
  drawText(cr, x + 1.5 * unit, middleY, "R");
  drawText(cr, x + width - 1.5 * unit, middleY, "L", Align::Right);
  drawText(cr, imageLeft + boxWidthMm * scale / 2.0, imageTop + 3.5 * unit, "A", Align::Centre);
  drawText(cr, imageLeft + boxWidthMm * scale / 2.0, imageTop + boxHeightMm * scale - 1.0 * unit, "P", Align::Centre);

  // Legend: CSA per structure and side on this slice, right side first as displayed.
  setFont(cr, 3.0 * unit);
  const double columnWidth = (width - 4.0 * unit) / 2.0;
  int entry = 0;
  for (Muscle muscle : kMuscles)
    for (Side side : {Side::Right, Side::Left}) {
      const Structure structure{muscle, side};
      const RgbColour colour = structureColour(structure);
      const double left = x + 2.0 * unit + (entry % 2) * columnWidth;
      const double baseline = y + height - legendBand + 4.5 * unit + (entry / 2) * 4.8 * unit;
      cairo_set_source_rgb(cr, colour.red, colour.green, colour.blue);
      cairo_rectangle(cr, left, baseline - 2.4 * unit, 2.4 * unit, 2.4 * unit);
      cairo_fill(cr);
      setColour(cr, 1.0, 1.0, 1.0);
      drawText(cr, left + 3.4 * unit, baseline,
               structureShortName(structure) + "  " +
                   fixed(measurements.csaMm2(structure, slice.sliceIndex) / kMm2PerCm2, 1) + " cm\u00b2");
      ++entry;
    }
  cairo_restore(cr);
}

} // namespace iliometry::report::drawing
