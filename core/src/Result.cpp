#include "iliometry/core/Result.h"

namespace iliometry {

int exitCodeFor(ErrorCode code) { return static_cast<int>(code); }

const char* errorCodeName(ErrorCode code) {
  switch (code) {
  case ErrorCode::InvalidArgument: return "invalid_argument";
  case ErrorCode::InputNotFound: return "input_not_found";
  case ErrorCode::NoImageSeries: return "no_image_series";
  case ErrorCode::UnsupportedModality: return "unsupported_modality";
  case ErrorCode::InvalidSeries: return "invalid_series";
  case ErrorCode::SegmentationFailed: return "segmentation_failed";
  case ErrorCode::OutputFailed: return "output_failed";
  case ErrorCode::Internal: return "internal";
  }
  return "internal";
}

} // namespace iliometry
