#pragma once
// Correction of the label map: brush (paint one structure, over anything) and eraser (remove
// one structure only), in disks on a slice view, grouped into strokes that undo and redo as one.
#include "SliceImage.h"

#include "iliometry/core/Anatomy.h"

#include <QObject>
#include <QUndoStack>

#include <cstdint>
#include <map>

namespace iliometry::viewer {

class LabelEditor : public QObject {
  Q_OBJECT
public:
  explicit LabelEditor(ViewerState& state, QObject* parent = nullptr);
  QUndoStack* undoStack() { return &m_undoStack; }

  // One stroke: painting `structure`, or erasing it when `erase`.
  void beginStroke(Structure structure, bool erase);
  // A disk of `radiusMm` (in the slice plane) centred on image pixel `centre` of the view.
  void paintDisk(const SliceGeometry& geometry, int sliceIndex, QPointF centre, double radiusMm);
  void endStroke();
  bool strokeActive() const { return m_strokeActive; }

private:
  ViewerState& m_state;
  QUndoStack m_undoStack;
  bool m_strokeActive = false;
  LabelValue m_strokeLabel = 0;
  bool m_strokeErases = false;
  std::map<std::size_t, std::uint8_t> m_before; // voxel offset -> label before the stroke
};

} // namespace iliometry::viewer
