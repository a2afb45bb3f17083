#include "SliceView.h"

#include "iliometry/plugin/StructureColors.h"

#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace iliometry::viewer {

namespace {

const QColor kCrosshairColour(90, 230, 120);
const QColor kTextColour(225, 228, 232);

QString axisName(SliceAxis axis) {
  switch (axis) {
  case SliceAxis::Axial: return QObject::tr("Axial");
  case SliceAxis::Coronal: return QObject::tr("Coronal");
  case SliceAxis::Sagittal: return QObject::tr("Sagittal");
  }
  return {};
}

// The patient direction a volume axis points to, as a radiologist's letter (LPS: +x = L).
QString letterOf(const itk::Vector<double, 3>& direction, bool positive) {
  int dominant = 0;
  for (int c = 1; c < 3; ++c)
    if (std::abs(direction[c]) > std::abs(direction[dominant])) dominant = c;
  const bool towardsPositive = (direction[dominant] > 0) == positive;
  static const char* letters[3][2] = {{"R", "L"}, {"A", "P"}, {"I", "S"}};
  return QString::fromLatin1(letters[dominant][towardsPositive ? 1 : 0]);
}

} // namespace

SliceView::SliceView(ViewerState& state, LabelEditor& editor, SliceAxis axis, QWidget* parent)
    : QWidget(parent), m_state(state), m_editor(editor), m_axis(axis) {
  setObjectName(axisName(axis).toLower() + QStringLiteral("View"));
  setMouseTracking(true);
  setMinimumSize(200, 200);
  setAttribute(Qt::WA_OpaquePaintEvent);
  connect(&m_state, &ViewerState::volumeChanged, this, [this] {
    invalidateIntensity();
    invalidateLabels();
    resetView();
  });
  connect(&m_state, &ViewerState::cursorChanged, this, qOverload<>(&QWidget::update));
  connect(&m_state, &ViewerState::displayChanged, this, [this] {
    invalidateIntensity();
    invalidateLabels();
    update();
  });
  connect(&m_state, &ViewerState::labelsReplaced, this, [this] {
    invalidateLabels();
    update();
  });
  connect(&m_state, &ViewerState::labelsEdited, this, [this] {
    invalidateLabels();
    update();
  });
}

void SliceView::setTool(EditTool tool, Structure structure, double radiusMm) {
  m_tool = tool;
  m_structure = structure;
  m_brushRadiusMm = radiusMm;
  setCursor(tool == EditTool::Navigate ? Qt::CrossCursor : Qt::BlankCursor);
  update();
}

void SliceView::resetView() {
  m_zoom = 1.0;
  m_panPx = {};
  update();
}

SliceGeometry SliceView::geometry() const { return sliceGeometry(m_axis, m_state.size(), m_state.spacingMm()); }

int SliceView::sliceIndex() const { return m_state.cursor()[static_cast<int>(m_axis)]; }

QRectF SliceView::imageRect(const SliceGeometry& g) const {
  const double widthMm = g.width * g.uSpacingMm, heightMm = g.height * g.vSpacingMm;
  const double pxPerMm = std::min(width() / widthMm, height() / heightMm) * m_zoom;
  const QSizeF size(widthMm * pxPerMm, heightMm * pxPerMm);
  const QPointF topLeft(QPointF(width() - size.width(), height() - size.height()) / 2 + m_panPx);
  return {topLeft, size};
}

QPointF SliceView::toImage(QPointF p, const SliceGeometry& g) const {
  const QRectF r = imageRect(g);
  return {(p.x() - r.left()) / r.width() * g.width, (p.y() - r.top()) / r.height() * g.height};
}

QPointF SliceView::toWidget(QPointF p, const SliceGeometry& g) const {
  const QRectF r = imageRect(g);
  return {r.left() + p.x() / g.width * r.width(), r.top() + p.y() / g.height * r.height()};
}

void SliceView::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.fillRect(rect(), Qt::black);
  if (!m_state.hasVolume()) {
    painter.setPen(kTextColour);
    painter.drawText(rect(), Qt::AlignCenter, tr("%1\nOpen a study: File menu, drag and drop, or the command line").arg(axisName(m_axis)));
    return;
  }
  const SliceGeometry g = geometry();
  const int slice = sliceIndex();
  const QRectF target = imageRect(g);
  painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
  if (m_intensityCache.sliceIndex != slice)
    m_intensityCache = {slice, intensitySlice(*m_state.volume()->image, g, slice, m_state.windowLevel())};
  painter.drawImage(target, m_intensityCache.image);
  if (m_state.labels() != nullptr) {
    if (m_labelCache.sliceIndex != slice)
      m_labelCache = {slice, labelSlice(*m_state.labels(), g, slice, m_state.overlayOpacity())};
    // Nearest neighbour: the overlay shows voxels exactly as they are measured.
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    painter.drawImage(target, m_labelCache.image);
  }

  // Crosshair through the centre of the cursor voxel, with a gap so the voxel itself stays visible.
  const auto pixel = pixelOf(g, m_state.cursor());
  const QPointF centre = toWidget(QPointF(pixel[0] + 0.5, pixel[1] + 0.5), g);
  constexpr double kGapPx = 12;
  painter.setPen(QPen(kCrosshairColour, 1));
  painter.drawLine(QPointF(target.left(), centre.y()), QPointF(centre.x() - kGapPx, centre.y()));
  painter.drawLine(QPointF(centre.x() + kGapPx, centre.y()), QPointF(target.right(), centre.y()));
  painter.drawLine(QPointF(centre.x(), target.top()), QPointF(centre.x(), centre.y() - kGapPx));
  painter.drawLine(QPointF(centre.x(), centre.y() + kGapPx), QPointF(centre.x(), target.bottom()));

  drawLevels(painter, g);
  drawOrientation(painter);
  drawCornerText(painter, g);

  if (m_tool != EditTool::Navigate && rect().contains(m_mouse.toPoint())) {
    const double pxPerMm = target.width() / (g.width * g.uSpacingMm);
    const double radiusPx = m_brushRadiusMm * pxPerMm;
    QColor colour = plugin::structureColor(m_structure);
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setPen(QPen(colour, 1.5, m_tool == EditTool::Eraser ? Qt::DashLine : Qt::SolidLine));
    painter.setBrush(Qt::NoBrush);
    painter.drawEllipse(m_mouse, radiusPx, radiusPx);
  }
}

void SliceView::drawLevels(QPainter& painter, const SliceGeometry& g) {
  const auto& levels = m_state.levels().levels;
  if (levels.empty()) return;
  QFont font = painter.font();
  font.setPointSizeF(font.pointSizeF() * 0.9);
  painter.setFont(font);
  if (m_axis == SliceAxis::Axial) return; // the axial view names its level in the corner text
  const QRectF target = imageRect(g);
  for (const auto& level : levels) {
    if (level.sliceIndex < 0 || level.sliceIndex >= g.height) continue;
    std::array<int, 3> voxel = m_state.cursor();
    voxel[2] = level.sliceIndex;
    const double y = toWidget(QPointF(0, pixelOf(g, voxel)[1] + 0.5), g).y();
    const bool disc = level.kind == LevelKind::Disc;
    painter.setPen(QPen(QColor(255, 225, 120, disc ? 110 : 200), 1, disc ? Qt::DotLine : Qt::SolidLine));
    painter.drawLine(QPointF(target.left(), y), QPointF(target.left() + (disc ? 14 : 24), y));
    if (!disc) {
      painter.setPen(QColor(255, 225, 120));
      painter.drawText(QPointF(target.left() + 27, y + 4), QString::fromStdString(level.name));
    }
  }
}

void SliceView::drawOrientation(QPainter& painter) {
  const auto direction = m_state.volume()->image->GetDirection();
  const SliceGeometry g = geometry();
  auto column = [&](int axis) {
    itk::Vector<double, 3> c;
    for (int r = 0; r < 3; ++r)
      c[r] = direction[r][axis];
    return c;
  };
  const QString right = letterOf(column(g.uAxis), true), left = letterOf(column(g.uAxis), false);
  const QString bottom = letterOf(column(g.vAxis), !g.flipV), top = letterOf(column(g.vAxis), g.flipV);
  painter.setPen(QColor(255, 200, 90));
  const QRect r = rect().adjusted(6, 4, -6, -4);
  painter.drawText(r, Qt::AlignLeft | Qt::AlignVCenter, left);
  painter.drawText(r, Qt::AlignRight | Qt::AlignVCenter, right);
  painter.drawText(r, Qt::AlignHCenter | Qt::AlignTop, top);
  painter.drawText(r, Qt::AlignHCenter | Qt::AlignBottom, bottom);
}

void SliceView::drawCornerText(QPainter& painter, const SliceGeometry& g) {
  const auto& info = m_state.volume()->info;
  const QRect r = rect().adjusted(8, 6, -8, -6);
  painter.setPen(kTextColour);
  const int slice = sliceIndex();
  QString position = tr("%1  %2/%3").arg(axisName(m_axis)).arg(slice + 1).arg(g.sliceCount);
  if (m_axis == SliceAxis::Axial) {
    const auto cursor = m_state.cursor();
    itk::Index<3> index{{cursor[0], cursor[1], cursor[2]}};
    itk::Point<double, 3> point;
    m_state.volume()->image->TransformIndexToPhysicalPoint(index, point);
    position += tr("   z %1 mm").arg(point[2], 0, 'f', 1);
    for (const auto& level : m_state.levels().levels)
      if (level.sliceIndex == slice) position += QStringLiteral("   ") + QString::fromStdString(level.name);
    painter.drawText(r, Qt::AlignLeft | Qt::AlignTop,
                     QStringLiteral("%1\n%2\n%3")
                         .arg(QString::fromStdString(info.patientName.empty() ? std::string("(no name)") : info.patientName),
                              QString::fromStdString(info.patientId), QString::fromStdString(info.studyDate)));
    painter.drawText(r, Qt::AlignRight | Qt::AlignTop,
                     QStringLiteral("%1\n%2")
                         .arg(QString::fromStdString(info.seriesDescription), QString::fromStdString(modalityName(info.modality))));
  }
  const WindowLevel wl = m_state.windowLevel();
  painter.drawText(r, Qt::AlignLeft | Qt::AlignBottom, position);
  painter.drawText(r, Qt::AlignRight | Qt::AlignBottom,
                   tr("W %1  L %2   %3%").arg(wl.widthHu, 0, 'f', 0).arg(wl.centreHu, 0, 'f', 0).arg(m_zoom * 100, 0, 'f', 0));
}

void SliceView::wheelEvent(QWheelEvent* event) {
  if (!m_state.hasVolume()) return;
  const int steps = event->angleDelta().y() / 120 != 0 ? event->angleDelta().y() / 120 : (event->angleDelta().y() > 0 ? 1 : -1);
  if (event->modifiers() & Qt::ControlModifier) {
    m_zoom = std::clamp(m_zoom * std::pow(1.15, steps), 0.25, 16.0);
    update();
  } else {
    // Wheel up moves cranially / towards the viewer's top, as in PACS viewers.
    m_state.setCursorOnAxis(m_axis, sliceIndex() + steps);
  }
  event->accept();
}

void SliceView::moveCrosshairTo(QPointF widgetPoint) {
  const SliceGeometry g = geometry();
  const QPointF p = toImage(widgetPoint, g);
  const int u = std::clamp(int(std::floor(p.x())), 0, g.width - 1), v = std::clamp(int(std::floor(p.y())), 0, g.height - 1);
  m_state.setCursor(voxelAt(g, sliceIndex(), u, v));
}

void SliceView::paintAt(QPointF widgetPoint) {
  const SliceGeometry g = geometry();
  m_editor.paintDisk(g, sliceIndex(), toImage(widgetPoint, g), m_brushRadiusMm);
}

void SliceView::mousePressEvent(QMouseEvent* event) {
  if (!m_state.hasVolume()) return;
  m_dragStart = event->position();
  m_panAtDragStart = m_panPx;
  m_windowLevelAtDragStart = m_state.windowLevel();
  if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && (event->modifiers() & Qt::ShiftModifier))) {
    m_drag = Drag::Pan;
  } else if (event->button() == Qt::RightButton) {
    m_drag = Drag::WindowLevel;
  } else if (event->button() == Qt::LeftButton && m_tool != EditTool::Navigate && m_state.labels() != nullptr) {
    m_drag = Drag::Paint;
    m_editor.beginStroke(m_structure, m_tool == EditTool::Eraser);
    paintAt(event->position());
  } else if (event->button() == Qt::LeftButton) {
    moveCrosshairTo(event->position());
  }
}

void SliceView::mouseMoveEvent(QMouseEvent* event) {
  m_mouse = event->position();
  const QPointF delta = event->position() - m_dragStart;
  switch (m_drag) {
  case Drag::Pan:
    m_panPx = m_panAtDragStart + delta;
    update();
    break;
  case Drag::WindowLevel: {
    WindowLevel wl = m_windowLevelAtDragStart;
    wl.widthHu = std::max(1.0, wl.widthHu + delta.x() * 4.0);
    wl.centreHu -= delta.y() * 2.0;
    m_state.setWindowLevel(wl);
    break;
  }
  case Drag::Paint: paintAt(event->position()); break;
  case Drag::None:
    if (event->buttons() & Qt::LeftButton) moveCrosshairTo(event->position());
    else if (m_tool != EditTool::Navigate) update(); // the brush outline follows the mouse
    break;
  }
}

void SliceView::mouseReleaseEvent(QMouseEvent*) {
  if (m_drag == Drag::Paint) m_editor.endStroke();
  m_drag = Drag::None;
}

void SliceView::leaveEvent(QEvent*) {
  m_mouse = {-1, -1};
  update();
}

} // namespace iliometry::viewer
