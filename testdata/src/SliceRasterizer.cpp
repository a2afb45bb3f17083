#include "SliceRasterizer.h"

#include <algorithm>
#include <cmath>

namespace iliometry::testdata::detail {

namespace {
struct Candidate {
  const Primitive* primitive;
  double y0, y1; // extent in LPS y
};
} // namespace

void rasterizeSlice(const SliceScene& scene, const RasterGeometry& g, const TissueValues& values, float* intensity,
                    std::uint8_t* labels, std::vector<float>& scratch) {
  const double c = std::cos(g.rotationRad), s = std::sin(g.rotationRad);
  // Body frame (u, v) -> LPS: x = ox + c u - s v, y = oy + s u + c v.
  auto yExtent = [&](const Box& b) {
    double lo = 1e300, hi = -1e300;
    for (double u : {b.u0, b.u1})
      for (double v : {b.v0, b.v1}) {
        const double y = g.offsetYMm + s * u + c * v;
        lo = std::min(lo, y);
        hi = std::max(hi, y);
      }
    return std::pair{lo, hi};
  };
  std::vector<Candidate> all;
  all.reserve(scene.primitives.size());
  for (const auto& p : scene.primitives) {
    const auto [lo, hi] = yExtent(p->bodyBox);
    all.push_back({p.get(), lo, hi});
  }
  const auto [bodyY0, bodyY1] = yExtent(scene.body.box());
  const Box bodyBox = scene.body.box();

  const std::size_t gridW = 2 * g.columns + 1, gridH = 2 * g.rows + 1;
  scratch.assign(gridW * gridH, values[static_cast<std::size_t>(Tissue::Air)]);
  const double half = 0.5 * g.spacingMm;
  std::vector<const Primitive*> rowCandidates;

  for (std::size_t b = 0; b < gridH; ++b) {
    const double y = g.originYMm + (static_cast<double>(b) - 1.0) * half;
    float* gridRow = scratch.data() + b * gridW;
    const bool centreRow = (b % 2) == 1;
    std::uint8_t* labelRow = centreRow ? labels + (b / 2) * g.columns : nullptr;
    if (centreRow) std::fill(labelRow, labelRow + g.columns, kBackgroundLabel);
    if (y < bodyY0 || y > bodyY1) continue; // all air
    rowCandidates.clear();
    for (const auto& cand : all)
      if (y >= cand.y0 && y <= cand.y1) rowCandidates.push_back(cand.primitive);
    const double dy = y - g.offsetYMm;
    for (std::size_t a = 0; a < gridW; ++a) {
      const double dx = g.originXMm + (static_cast<double>(a) - 1.0) * half - g.offsetXMm;
      const double u = c * dx + s * dy, v = -s * dx + c * dy;
      if (!bodyBox.contains(u, v)) continue;
      Sample sample;
      if (!scene.body.sample(u, v, sample)) continue;
      for (const Primitive* p : rowCandidates)
        if (p->bodyBox.contains(u, v) && p->sample(u, v, sample)) break;
      gridRow[a] = values[static_cast<std::size_t>(sample.tissue)];
      if (centreRow && (a % 2) == 1) labelRow[a / 2] = sample.label;
    }
  }
  // 3x3 tent filter centred on each voxel centre (grid point 2i+1, 2j+1).
  for (std::size_t j = 0; j < g.rows; ++j) {
    const float* r0 = scratch.data() + (2 * j) * gridW;
    const float* r1 = r0 + gridW;
    const float* r2 = r1 + gridW;
    float* out = intensity + j * g.columns;
    for (std::size_t i = 0; i < g.columns; ++i) {
      const std::size_t a = 2 * i + 1;
      const float top = r0[a - 1] + 2 * r0[a] + r0[a + 1];
      const float mid = r1[a - 1] + 2 * r1[a] + r1[a + 1];
      const float bottom = r2[a - 1] + 2 * r2[a] + r2[a + 1];
      out[i] = (top + 2 * mid + bottom) / 16.0f;
    }
  }
}

} // namespace iliometry::testdata::detail
