#include "ViewerState.h"

#include <algorithm>

namespace iliometry::viewer {

void ViewerState::setVolume(std::shared_ptr<const Volume> volume) {
  m_volume = std::move(volume);
  m_labels = nullptr;
  m_levels = {};
  m_size = {0, 0, 0};
  if (hasVolume()) {
    const auto region = m_volume->image->GetLargestPossibleRegion().GetSize();
    m_size = {static_cast<int>(region[0]), static_cast<int>(region[1]), static_cast<int>(region[2])};
  }
  m_cursor = {m_size[0] / 2, m_size[1] / 2, m_size[2] / 2};
  emit volumeChanged();
  emit cursorChanged();
}

std::array<double, 3> ViewerState::spacingMm() const {
  if (!hasVolume()) return {1, 1, 1};
  const auto spacing = m_volume->image->GetSpacing();
  return {spacing[0], spacing[1], spacing[2]};
}

void ViewerState::setLabels(LabelImage::Pointer labels, LevelSet levels) {
  m_labels = std::move(labels);
  m_levels = std::move(levels);
  emit labelsReplaced();
}

void ViewerState::notifyLabelsEdited(bool strokeFinished) { emit labelsEdited(strokeFinished); }

void ViewerState::setCursor(std::array<int, 3> voxel) {
  for (int axis = 0; axis < 3; ++axis)
    voxel[axis] = std::clamp(voxel[axis], 0, std::max(0, m_size[axis] - 1));
  if (voxel == m_cursor) return;
  m_cursor = voxel;
  emit cursorChanged();
}

void ViewerState::setCursorOnAxis(SliceAxis axis, int sliceIndex) {
  auto voxel = m_cursor;
  voxel[static_cast<int>(axis)] = sliceIndex;
  setCursor(voxel);
}

void ViewerState::setWindowLevel(WindowLevel windowLevel) {
  windowLevel.widthHu = std::max(1.0, windowLevel.widthHu);
  m_windowLevel = windowLevel;
  emit displayChanged();
}

void ViewerState::setOverlayOpacity(double opacity) {
  m_overlayOpacity = std::clamp(opacity, 0.0, 1.0);
  emit displayChanged();
}

} // namespace iliometry::viewer
