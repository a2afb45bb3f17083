#pragma once
// What every view shows: the volume, the label overlay and its levels, the linked crosshair
// (a voxel index), window/level and overlay opacity. Views listen to its signals; nobody
// else keeps a copy of these.
#include "iliometry/core/Level.h"
#include "iliometry/core/Volume.h"

#include <QObject>

#include <array>
#include <memory>

namespace iliometry::viewer {

enum class SliceAxis { Sagittal = 0, Coronal = 1, Axial = 2 }; // the volume axis a view cuts across

struct WindowLevel {
  double widthHu = 400, centreHu = 40;
};

class ViewerState : public QObject {
  Q_OBJECT
public:
  void setVolume(std::shared_ptr<const Volume> volume);
  const std::shared_ptr<const Volume>& volume() const { return m_volume; }
  bool hasVolume() const { return m_volume && m_volume->image; }
  std::array<int, 3> size() const { return m_size; }
  std::array<double, 3> spacingMm() const;

  void setLabels(LabelImage::Pointer labels, LevelSet levels);
  LabelImage* labels() const { return m_labels.GetPointer(); }
  const LevelSet& levels() const { return m_levels; }
  // Brush, eraser, undo and redo changed label voxels (after the change).
  void notifyLabelsEdited(bool strokeFinished);

  std::array<int, 3> cursor() const { return m_cursor; }
  void setCursor(std::array<int, 3> voxel);
  void setCursorOnAxis(SliceAxis axis, int sliceIndex);

  WindowLevel windowLevel() const { return m_windowLevel; }
  void setWindowLevel(WindowLevel windowLevel);
  double overlayOpacity() const { return m_overlayOpacity; }
  void setOverlayOpacity(double opacity);

signals:
  void volumeChanged();
  void labelsReplaced();
  // strokeFinished: false while a brush stroke is under way (views repaint), true when the
  // change is complete (measurements and surfaces update).
  void labelsEdited(bool strokeFinished);
  void cursorChanged();
  void displayChanged();

private:
  std::shared_ptr<const Volume> m_volume;
  std::array<int, 3> m_size{0, 0, 0};
  LabelImage::Pointer m_labels;
  LevelSet m_levels;
  std::array<int, 3> m_cursor{0, 0, 0};
  WindowLevel m_windowLevel;
  double m_overlayOpacity = 0.45;
};

} // namespace iliometry::viewer
