#include "CsaPlot.h"

#include "iliometry/plugin/StructureColors.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace iliometry::plugin {

namespace {
constexpr double kLeftMarginPx = 52, kRightMarginPx = 10, kTopMarginPx = 22, kBottomMarginPx = 28;

// A round axis maximum (1, 2, 5 x 10^n cm2) at or above `value`.
double niceCeiling(double value) {
  if (value <= 0) return 1.0;
  const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
  for (double step : {1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0})
    if (step * magnitude >= value) return step * magnitude;
  return 10.0 * magnitude;
}
} // namespace

CsaPlot::CsaPlot(QWidget* parent) : QWidget(parent) {
  setMinimumHeight(220);
  setToolTip(tr("CSA along the body axis (cranial at the top). Click to go to a slice."));
}

void CsaPlot::setData(const MeasurementSet& measurements, const LevelSet& levels) {
  m_measurements = measurements;
  m_levels = levels;
  update();
}

void CsaPlot::setCurrentSlice(int sliceIndex) {
  m_currentSlice = sliceIndex;
  update();
}

QRectF CsaPlot::plotArea() const {
  return QRectF(kLeftMarginPx, kTopMarginPx, width() - kLeftMarginPx - kRightMarginPx,
                height() - kTopMarginPx - kBottomMarginPx);
}

// Slice 0 (caudal) at the bottom.
int CsaPlot::sliceAtY(double y) const {
  const QRectF area = plotArea();
  if (m_measurements.sliceCount < 1) return -1;
  const double fromBottom = (area.bottom() - y) / area.height();
  return std::clamp(static_cast<int>(std::lround(fromBottom * (m_measurements.sliceCount - 1))), 0,
                    m_measurements.sliceCount - 1);
}

void CsaPlot::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.fillRect(rect(), QColor(24, 26, 30));
  const QRectF area = plotArea();
  painter.setPen(QColor(70, 74, 82));
  painter.drawRect(area);
  painter.setPen(QColor(190, 194, 200));
  painter.drawText(QRectF(0, 2, width(), kTopMarginPx - 4), Qt::AlignCenter, tr("CSA along the body axis (cm\u00b2)"));
  const int slices = m_measurements.sliceCount;
  if (slices < 2 || area.width() < 10 || area.height() < 10) return;

  double maxCm2 = 0;
  for (const auto& structure : m_measurements.structures)
    maxCm2 = std::max(maxCm2, structure.maxCsaMm2 / kMm2PerCm2);
  const double axisMaxCm2 = niceCeiling(maxCm2);
  auto xOf = [&](double cm2) { return area.left() + area.width() * cm2 / axisMaxCm2; };
  auto yOf = [&](int slice) { return area.bottom() - area.height() * slice / double(slices - 1); };

  // CSA ticks along the bottom.
  painter.setPen(QColor(150, 154, 160));
  for (int tick = 0; tick <= 4; ++tick) {
    const double cm2 = axisMaxCm2 * tick / 4.0;
    const double x = xOf(cm2);
    painter.setPen(QColor(50, 54, 60));
    painter.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()));
    painter.setPen(QColor(150, 154, 160));
    painter.drawText(QRectF(x - 30, area.bottom() + 2, 60, kBottomMarginPx - 4), Qt::AlignHCenter | Qt::AlignTop,
                     QString::number(cm2, 'g', 3));
  }
  // Levels along the left edge.
  for (const auto& level : m_levels.levels) {
    if (level.sliceIndex < 0 || level.sliceIndex >= slices) continue;
    const double y = yOf(level.sliceIndex);
    const bool disc = level.kind == LevelKind::Disc;
    painter.setPen(QPen(QColor(90, 96, 108), 1, disc ? Qt::DotLine : Qt::SolidLine));
    painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y));
    if (!disc) {
      painter.setPen(QColor(210, 214, 220));
      painter.drawText(QRectF(2, y - 8, kLeftMarginPx - 6, 16), Qt::AlignRight | Qt::AlignVCenter,
                       QString::fromStdString(level.name));
    }
  }
  painter.setRenderHint(QPainter::Antialiasing, true);
  for (const Structure structure : kStructures) {
    const auto& csa = m_measurements.of(structure).csaMm2PerSlice;
    QPainterPath path;
    bool drawing = false;
    for (int slice = 0; slice < slices && slice < static_cast<int>(csa.size()); ++slice) {
      const double cm2 = csa[static_cast<std::size_t>(slice)] / kMm2PerCm2;
      if (cm2 <= 0) {
        drawing = false;
        continue;
      }
      const QPointF point(xOf(cm2), yOf(slice));
      if (drawing) path.lineTo(point);
      else path.moveTo(point);
      drawing = true;
    }
    painter.setPen(QPen(structureColor(structure), 1.6));
    painter.drawPath(path);
  }
  if (m_currentSlice >= 0 && m_currentSlice < slices) {
    const double y = yOf(m_currentSlice);
    painter.setPen(QPen(QColor(80, 255, 120), 1.2, Qt::DashLine));
    painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y));
  }
}

void CsaPlot::mousePressEvent(QMouseEvent* event) {
  const int slice = sliceAtY(event->position().y());
  if (slice >= 0) emit sliceRequested(slice);
}

} // namespace iliometry::plugin
