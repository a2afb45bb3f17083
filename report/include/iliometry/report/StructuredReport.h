#pragma once
// sr.dcm: a DICOM Comprehensive 3D SR holding a TID 1500 Measurement Report, built with DCMTK's
// dcmsr/cmr classes. One TID 1411 volumetric measurement group per structure and side (finding
// site with laterality, tracking identifier and UID, the segment in seg.dcm, the source series):
// CSA at each level (level coded as a modifier), maximum CSA, volume, mean HU. One TID 1501
// group per muscle holds the left/right asymmetry index, its basis and the flag. Codes:
// docs/reports.md.
#include "iliometry/core/Result.h"
#include "iliometry/report/DicomExport.h"
#include "iliometry/report/MeasurementReport.h"
#include "iliometry/report/SegmentationObject.h"

#include <filesystem>

namespace iliometry::report {

// `segmentationPath` is the seg.dcm that `segmentation` describes (read for the segment
// references). Written atomically; OutputFailed names the path.
Result<void> writeStructuredReport(const MeasurementReport& report, const DicomExportContext& context,
                                   const WrittenSegmentation& segmentation,
                                   const std::filesystem::path& segmentationPath, const std::filesystem::path& path);

} // namespace iliometry::report
