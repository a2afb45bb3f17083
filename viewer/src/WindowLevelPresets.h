#pragma once
// Window/level presets. CT values are Hounsfield units; MR has no fixed scale, so its
// window comes from the image's own intensity percentiles.
#include "ViewerState.h"

#include <QString>

#include <vector>

namespace iliometry::viewer {

struct WindowLevelPreset {
  QString name;
  WindowLevel windowLevel;
};

// CT soft tissue (W 400, L 40) first, then bone (W 1800, L 400).
const std::vector<WindowLevelPreset>& ctPresets();

// The 1st to 99th percentile of the image's non-background intensities as the window (MR).
WindowLevel automaticWindowLevel(const IntensityImage& image);

} // namespace iliometry::viewer
