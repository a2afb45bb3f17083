#pragma once
// CT pipeline: body, spine and vertebral levels, then psoas major and iliacus on both sides.
#include "iliometry/core/ImageTypes.h"
#include "iliometry/core/Level.h"
#include "iliometry/core/Result.h"

#include <functional>
#include <string>
#include <vector>

namespace iliometry::segmentation {

using ProgressCallback = std::function<void(const std::string& stage, double fraction)>;

struct SegmentationResult {
  LabelImage::Pointer labels; // same grid as the input; values per core/Anatomy.h
  LevelSet levels;
  std::vector<std::string> warnings;
};

// `hu` is a CT volume in Hounsfield units whose third axis runs along the body axis.
Result<SegmentationResult> segmentCt(const IntensityImage& hu, const ProgressCallback& progress = {});

} // namespace iliometry::segmentation
