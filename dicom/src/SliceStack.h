#pragma once
// Ordering the frames of one series along the slice normal and deriving the volume geometry,
// refusing stacks that cannot be placed truthfully (gaps, varying spacing, tilt, duplicates).
#include "SeriesCatalog.h"

#include "iliometry/core/Result.h"

#include <array>
#include <string>
#include <vector>

namespace iliometry::dicom {

struct StackPlan {
  std::vector<FrameRef> slices; // stacking order: ascending position along the normal
  // Frames at the same position as slices[index]; loaded only to prove they are identical.
  std::vector<std::pair<std::size_t, FrameRef>> duplicates;
  std::array<double, 3> originMm{};  // position of slices.front()
  std::array<double, 3> spacingMm{}; // column spacing, row spacing, slice spacing
  std::array<double, 9> direction{}; // row-major; columns: row cosine, column cosine, normal
  std::vector<std::string> warnings;
};

// `group` must have passed judging (every frame has position, orientation and spacing).
// `skippedFiles` is mentioned when a gap is found, since a skipped file may be the missing slice.
Result<StackPlan> planStack(const SeriesGroup& group, const std::vector<std::string>& skippedFiles);

} // namespace iliometry::dicom
