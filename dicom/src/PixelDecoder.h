#pragma once
// Decoding the stored pixels of a DICOM file into float modality values
// (Rescale Slope x stored + Rescale Intercept: Hounsfield units for CT).
#include "DicomHeader.h"

#include "iliometry/core/Result.h"

#include <vector>

namespace iliometry::dicom {

struct FrameTarget {
  const FrameHeader* frame = nullptr; // which frame, and its rescale
  float* destination = nullptr;       // rows x columns values, row by row
};

// Loads `header.file` once and decodes the requested frames. DCMTK decodes every transfer
// syntax it has a codec for; JPEG 2000 goes through GDCM. When `invertMonochrome1` is set,
// MONOCHROME1 stored values are mirrored before rescaling so that larger means brighter.
// Never throws; the error names the file and what was wrong.
Result<void> decodeFrames(const DicomHeader& header, const std::vector<FrameTarget>& targets, bool invertMonochrome1);

} // namespace iliometry::dicom
