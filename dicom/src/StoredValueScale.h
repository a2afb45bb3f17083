#pragma once
// Mapping float intensities onto DICOM stored integers with Rescale Slope/Intercept.
#include <cstdint>

namespace iliometry::dicom {

struct StoredValueScale {
  double slope = 1.0, intercept = 0.0; // exactly as written to the DS attributes
  std::uint16_t bitsAllocated = 16;
  bool isSigned = true;
  std::int32_t minStored = -32768, maxStored = 32767;
  double windowCenter = 0.0, windowWidth = 1.0;
  std::int32_t toStored(float value) const;
};

// Whole-number values that fit the stored range keep slope 1 (exact HU); otherwise the range
// [min, max] is spread over the stored range. eightBit: uint8 (JPEG baseline), else int16.
StoredValueScale chooseStoredValueScale(const float* begin, const float* end, bool eightBit);

} // namespace iliometry::dicom
