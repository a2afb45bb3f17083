#pragma once
// Grouping DICOM frames into series (split where orientation or size changes), judging which
// are measurable axial CT/MR volumes, and choosing one.
#include "DicomHeader.h"

#include "iliometry/core/Result.h"
#include "iliometry/dicom/InputLoader.h"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace iliometry::dicom {

struct FrameRef {
  const DicomHeader* header = nullptr;
  const FrameHeader* frame = nullptr;
};

// Why a group is not a volume candidate; the order is the order of the checks.
enum class Rejection {
  None,
  Modality,
  NotImage,
  NoPixels,
  Localizer,
  NotGreyscale,
  PixelFormat,
  NoGeometry,
  TooFewImages,
  NotAxial
};

struct SeriesGroup {
  SeriesSummary summary;
  Rejection rejection = Rejection::None;
  std::vector<FrameRef> frames; // in file order; sorted later by position
  double coverageMm = 0.0;      // extent along the slice normal
  // A human label for messages: "series 1.2.3" or "series 1.2.3 (part 2)".
  std::string label() const;
};

// `headers` must outlive the returned groups (they point into it).
std::vector<SeriesGroup> groupIntoSeries(const std::vector<DicomHeader>& headers);

// The group to load: the best candidate, or the best part of the series named by
// `seriesInstanceUid`. The error says what was found instead.
Result<std::size_t> chooseSeries(const std::vector<SeriesGroup>& groups, const std::string& seriesInstanceUid);

// "axial", "coronal", "sagittal", with " oblique" appended when the normal is more than
// about 18 degrees off the nearest axis.
std::string orientationLabel(const std::array<double, 6>& orientation);

} // namespace iliometry::dicom
