#include "iliometry/segmentation/CtSegmenter.h"

namespace iliometry::segmentation {

Result<SegmentationResult> segmentCt(const IntensityImage&, const ProgressCallback&) {
  return makeError(ErrorCode::Internal, "CT segmentation is not implemented yet");
}

} // namespace iliometry::segmentation
