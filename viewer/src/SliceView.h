#pragma once
// One slice view (axial, coronal or sagittal) drawn with QPainter: grey values, label overlay,
// linked crosshair, vertebral levels, orientation letters and the usual corner text.
// Wheel: next/previous slice; Ctrl+wheel: zoom; middle drag or Shift+drag: pan; right drag:
// window/level; left click: move the crosshair, or paint/erase with the brush tools.
#include "LabelEditor.h"
#include "SliceImage.h"

#include <QWidget>

namespace iliometry::viewer {

enum class EditTool { Navigate, Brush, Eraser };

class SliceView : public QWidget {
  Q_OBJECT
public:
  SliceView(ViewerState& state, LabelEditor& editor, SliceAxis axis, QWidget* parent = nullptr);
  void setTool(EditTool tool, Structure structure, double radiusMm);
  SliceAxis axis() const { return m_axis; }
  void resetView();

protected:
  void paintEvent(QPaintEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void leaveEvent(QEvent* event) override;

private:
  enum class Drag { None, Pan, WindowLevel, Paint };
  SliceGeometry geometry() const;
  int sliceIndex() const;
  QRectF imageRect(const SliceGeometry& g) const; // widget rectangle of the whole slice image
  QPointF toImage(QPointF widgetPoint, const SliceGeometry& g) const;
  QPointF toWidget(QPointF imagePoint, const SliceGeometry& g) const;
  void moveCrosshairTo(QPointF widgetPoint);
  void paintAt(QPointF widgetPoint);
  void drawCornerText(QPainter& painter, const SliceGeometry& g);
  void drawLevels(QPainter& painter, const SliceGeometry& g);
  void drawOrientation(QPainter& painter);

  ViewerState& m_state;
  LabelEditor& m_editor;
  SliceAxis m_axis;
  EditTool m_tool = EditTool::Navigate;
  Structure m_structure{Muscle::PsoasMajor, Side::Left};
  double m_brushRadiusMm = 4.0;
  double m_zoom = 1.0;
  QPointF m_panPx;
  Drag m_drag = Drag::None;
  QPointF m_dragStart;
  QPointF m_panAtDragStart;
  WindowLevel m_windowLevelAtDragStart;
  QPointF m_mouse{-1, -1};

  // The last slice images drawn: scrolling another view only moves this view's crosshair,
  // which must not cost a new slice extraction.
  struct CachedSlice {
    int sliceIndex = -1;
    QImage image;
  };
  CachedSlice m_intensityCache, m_labelCache;
  void invalidateIntensity() { m_intensityCache.sliceIndex = -1; }
  void invalidateLabels() { m_labelCache.sliceIndex = -1; }
};

} // namespace iliometry::viewer
