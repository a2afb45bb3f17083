#pragma once
// CSA along the body axis: one curve per structure, drawn with the body axis vertical
// (cranial at the top, like the coronal and sagittal views), levels ticked, the current slice
// marked. Clicking picks a slice.
#include "iliometry/core/Level.h"
#include "iliometry/core/Measurement.h"

#include <QWidget>

namespace iliometry::plugin {

class CsaPlot : public QWidget {
  Q_OBJECT
public:
  explicit CsaPlot(QWidget* parent = nullptr);
  void setData(const MeasurementSet& measurements, const LevelSet& levels);
  void setCurrentSlice(int sliceIndex);
  QSize sizeHint() const override { return {320, 300}; }

signals:
  void sliceRequested(int sliceIndex);

protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;

private:
  QRectF plotArea() const;
  int sliceAtY(double y) const;

  MeasurementSet m_measurements;
  LevelSet m_levels;
  int m_currentSlice = -1;
};

} // namespace iliometry::plugin
