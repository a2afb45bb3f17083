#include "CsaPlotPainter.h"

#include "CairoText.h"
#include "iliometry/report/StructureStyle.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace iliometry::report::drawing {

namespace {

// A "nice" tick step (1, 2 or 5 x 10^n) giving about `targetTicks` ticks over `range`.
double tickStep(double range, int targetTicks) {
  const double raw = range / std::max(1, targetTicks);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  for (double multiple : {1.0, 2.0, 5.0})
    if (raw <= multiple * magnitude) return multiple * magnitude;
  return 10.0 * magnitude;
}

std::string number(double value, double step) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", step < 1.0 ? 1 : 0, value);
  return text;
}

} // namespace

void paintCsaPlot(cairo_t* cr, double x, double y, double width, double height, const MeasurementReport& report) {
  const MeasurementSet& m = report.measurements;
  const int slices = m.sliceCount;
  if (slices <= 0) return;
  double zMinMm = report.geometry.sliceCentreZMm(0), zMaxMm = zMinMm;
  for (int k = 0; k < slices; ++k) {
    zMinMm = std::min(zMinMm, report.geometry.sliceCentreZMm(k));
    zMaxMm = std::max(zMaxMm, report.geometry.sliceCentreZMm(k));
  }
  if (zMaxMm - zMinMm < 1e-6) zMaxMm = zMinMm + 1.0;
  double csaMaxCm2 = 1.0;
  for (const auto& s : m.structures) csaMaxCm2 = std::max(csaMaxCm2, s.maxCsaMm2 / kMm2PerCm2);
  const double yStep = tickStep(csaMaxCm2, 5);
  csaMaxCm2 = std::ceil(csaMaxCm2 / yStep) * yStep;

  // Plot area inside the rectangle: room for axis labels left and below, levels above.
  const double left = x + 38.0, right = x + width - 8.0, top = y + 22.0, bottom = y + height - 44.0;
  auto px = [&](double zMm) { return left + (zMm - zMinMm) / (zMaxMm - zMinMm) * (right - left); };
  auto py = [&](double cm2) { return bottom - cm2 / csaMaxCm2 * (bottom - top); };

  // Grid and axes.
  cairo_set_line_width(cr, 0.4);
  setFont(cr, 7.0);
  for (double v = 0.0; v <= csaMaxCm2 + 1e-9; v += yStep) {
    setColour(cr, 0.88, 0.88, 0.88);
    cairo_move_to(cr, left, py(v));
    cairo_line_to(cr, right, py(v));
    cairo_stroke(cr);
    setColour(cr, 0.25, 0.25, 0.25);
    drawText(cr, left - 4.0, py(v) + 2.5, number(v, yStep), Align::Right);
  }
  const double xStep = tickStep(zMaxMm - zMinMm, 8);
  for (double z = std::ceil(zMinMm / xStep) * xStep; z <= zMaxMm + 1e-9; z += xStep) {
    setColour(cr, 0.25, 0.25, 0.25);
    cairo_move_to(cr, px(z), bottom);
    cairo_line_to(cr, px(z), bottom + 3.0);
    cairo_stroke(cr);
    drawText(cr, px(z), bottom + 11.0, number(z, xStep), Align::Centre);
  }
  setColour(cr, 0.2, 0.2, 0.2);
  cairo_set_line_width(cr, 0.8);
  cairo_move_to(cr, left, top);
  cairo_line_to(cr, left, bottom);
  cairo_line_to(cr, right, bottom);
  cairo_stroke(cr);
  setFont(cr, 7.5);
  drawText(cr, (left + right) / 2.0, bottom + 23.0, "z (mm, patient LPS; superior \u2192)", Align::Centre);
  cairo_save(cr);
  cairo_translate(cr, x + 9.0, (top + bottom) / 2.0);
  cairo_rotate(cr, -M_PI / 2.0);
  drawText(cr, 0.0, 0.0, "CSA (cm\u00b2)", Align::Centre);
  cairo_restore(cr);

  // Vertebral levels: dotted lines for vertebral mid-slices, lighter for discs.
  setFont(cr, 6.5, true);
  for (const auto& level : report.levels.levels) {
    if (level.sliceIndex < 0 || level.sliceIndex >= slices) continue;
    const double lx = px(report.geometry.sliceCentreZMm(level.sliceIndex));
    const bool disc = level.kind == LevelKind::Disc;
    const double dash[] = {1.5, 1.5};
    cairo_set_dash(cr, dash, 2, 0.0);
    cairo_set_line_width(cr, disc ? 0.4 : 0.7);
    setColour(cr, disc ? 0.65 : 0.35, disc ? 0.65 : 0.35, disc ? 0.65 : 0.35);
    cairo_move_to(cr, lx, top);
    cairo_line_to(cr, lx, bottom);
    cairo_stroke(cr);
    cairo_set_dash(cr, nullptr, 0, 0.0);
    if (!disc) drawText(cr, lx, top - 4.0, level.name, Align::Centre);
  }

  // One line per structure; right side dashed so that the sides differ without colour too.
  for (Structure structure : kStructures) {
    const auto& s = m.of(structure);
    const RgbColour colour = structureColour(structure);
    cairo_set_source_rgb(cr, colour.red * 0.85, colour.green * 0.85, colour.blue * 0.85);
    cairo_set_line_width(cr, 1.3);
    const double dash[] = {4.0, 2.0};
    cairo_set_dash(cr, dash, structure.side == Side::Right ? 2 : 0, 0.0);
    bool drawing = false;
    for (int k = 0; k < slices; ++k) {
      const double cm2 = s.csaMm2PerSlice[static_cast<std::size_t>(k)] / kMm2PerCm2;
      const bool inside = k >= s.firstSliceIndex && k <= s.lastSliceIndex && s.firstSliceIndex >= 0;
      if (!inside) { drawing = false; continue; }
      const double sx = px(report.geometry.sliceCentreZMm(k)), sy = py(cm2);
      if (drawing) cairo_line_to(cr, sx, sy); else cairo_move_to(cr, sx, sy);
      drawing = true;
    }
    cairo_stroke(cr);
    cairo_set_dash(cr, nullptr, 0, 0.0);
  }

  // Legend in one row under the axis title, clear of the data and the level labels.
  setFont(cr, 7.0);
  const double legendY = y + height - 4.0;
  const double legendStep = (right - left) / 4.0;
  for (Structure structure : kStructures) {
    const RgbColour colour = structureColour(structure);
    const double legendX = left + legendStep * static_cast<double>(indexOf(structure)) + 10.0;
    cairo_set_source_rgb(cr, colour.red * 0.85, colour.green * 0.85, colour.blue * 0.85);
    cairo_set_line_width(cr, 1.3);
    const double dash[] = {4.0, 2.0};
    cairo_set_dash(cr, dash, structure.side == Side::Right ? 2 : 0, 0.0);
    cairo_move_to(cr, legendX, legendY - 2.5);
    cairo_line_to(cr, legendX + 16.0, legendY - 2.5);
    cairo_stroke(cr);
    cairo_set_dash(cr, nullptr, 0, 0.0);
    setColour(cr, 0.15, 0.15, 0.15);
    drawText(cr, legendX + 20.0, legendY, structureDisplayName(structure));
  }
}

} // namespace iliometry::report::drawing
