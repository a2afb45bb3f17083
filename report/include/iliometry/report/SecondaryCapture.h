#pragma once
// The key images as one DICOM Secondary Capture (RGB), in the source study, so that a plain
// PACS viewer shows the result: the same panels as report.pdf (mid-L3, mid-L4, largest iliacus
// CSA) with coloured outlines and the CSA per side. No patient identifier is drawn into the
// pixels (Burned In Annotation NO).
#include "iliometry/core/ImageTypes.h"
#include "iliometry/core/Result.h"
#include "iliometry/report/DicomExport.h"
#include "iliometry/report/MeasurementReport.h"

#include <filesystem>

namespace iliometry::report {

Result<void> writeKeyImageSecondaryCapture(const MeasurementReport& report, const IntensityImage& intensity,
                                           const LabelImage& labels, const DicomExportContext& context,
                                           const std::filesystem::path& path);

} // namespace iliometry::report
