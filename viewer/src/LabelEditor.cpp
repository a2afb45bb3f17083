#include "LabelEditor.h"

#include <cmath>
#include <utility>
#include <vector>

namespace iliometry::viewer {

namespace {

struct VoxelChange {
  std::size_t offset;
  std::uint8_t before, after;
};

// A finished stroke. Pushed after the voxels were already painted, so its first redo() does nothing.
class StrokeCommand : public QUndoCommand {
public:
  StrokeCommand(ViewerState& state, std::vector<VoxelChange> changes, const QString& text)
      : QUndoCommand(text), m_state(state), m_changes(std::move(changes)) {}
  void undo() override { apply(false); }
  void redo() override {
    if (m_firstRedo) {
      m_firstRedo = false;
      return;
    }
    apply(true);
  }

private:
  void apply(bool forward) {
    LabelImage* labels = m_state.labels();
    if (labels == nullptr) return;
    std::uint8_t* voxels = labels->GetBufferPointer();
    for (const auto& change : m_changes)
      voxels[change.offset] = forward ? change.after : change.before;
    labels->Modified();
    m_state.notifyLabelsEdited(true);
  }
  ViewerState& m_state;
  std::vector<VoxelChange> m_changes;
  bool m_firstRedo = true;
};

} // namespace

LabelEditor::LabelEditor(ViewerState& state, QObject* parent) : QObject(parent), m_state(state) {
  // Undo history belongs to one label map.
  connect(&m_state, &ViewerState::labelsReplaced, this, [this] { m_undoStack.clear(); });
}

void LabelEditor::beginStroke(Structure structure, bool erase) {
  m_strokeActive = m_state.labels() != nullptr;
  m_strokeLabel = labelOf(structure);
  m_strokeErases = erase;
  m_before.clear();
}

void LabelEditor::paintDisk(const SliceGeometry& g, int sliceIndex, QPointF centre, double radiusMm) {
  LabelImage* labels = m_state.labels();
  if (!m_strokeActive || labels == nullptr) return;
  const auto size = m_state.size();
  std::uint8_t* voxels = labels->GetBufferPointer();
  const int reachU = int(std::ceil(radiusMm / g.uSpacingMm)), reachV = int(std::ceil(radiusMm / g.vSpacingMm));
  const int cu = int(std::floor(centre.x())), cv = int(std::floor(centre.y()));
  bool changed = false;
  for (int v = cv - reachV; v <= cv + reachV; ++v) {
    for (int u = cu - reachU; u <= cu + reachU; ++u) {
      if (u < 0 || v < 0 || u >= g.width || v >= g.height) continue;
      const double du = (u + 0.5 - centre.x()) * g.uSpacingMm, dv = (v + 0.5 - centre.y()) * g.vSpacingMm;
      if (du * du + dv * dv > radiusMm * radiusMm) continue;
      const auto voxel = voxelAt(g, sliceIndex, u, v);
      const std::size_t offset = std::size_t(voxel[0]) + std::size_t(size[0]) * (std::size_t(voxel[1]) + std::size_t(size[1]) * std::size_t(voxel[2]));
      const std::uint8_t current = voxels[offset];
      std::uint8_t wanted = current;
      if (m_strokeErases) {
        if (current == m_strokeLabel) wanted = kBackgroundLabel;
      } else {
        wanted = m_strokeLabel;
      }
      if (wanted == current) continue;
      m_before.emplace(offset, current); // keeps the first value seen in this stroke
      voxels[offset] = wanted;
      changed = true;
    }
  }
  if (changed) {
    labels->Modified();
    m_state.notifyLabelsEdited(false);
  }
}

void LabelEditor::endStroke() {
  if (!m_strokeActive) return;
  m_strokeActive = false;
  LabelImage* labels = m_state.labels();
  std::vector<VoxelChange> changes;
  if (labels != nullptr)
    for (const auto& [offset, before] : m_before)
      if (labels->GetBufferPointer()[offset] != before)
        changes.push_back({offset, before, labels->GetBufferPointer()[offset]});
  m_before.clear();
  if (changes.empty()) return;
  const Structure structure = kStructures[m_strokeLabel - 1u];
  const QString text = (m_strokeErases ? tr("Erase %1") : tr("Paint %1"))
                           .arg(QString::fromStdString(structureDisplayName(structure)));
  m_undoStack.push(new StrokeCommand(m_state, std::move(changes), text));
  m_state.notifyLabelsEdited(true);
}

} // namespace iliometry::viewer
