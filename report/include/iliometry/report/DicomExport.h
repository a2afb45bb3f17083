#pragma once
// What the DICOM exports (SEG, SR, Secondary Capture) need to know about their source: the
// identity to write (already pseudonymised when anonymizing), the study/series/frame of
// reference UIDs and the measured images, one per slice.
#include "iliometry/core/Result.h"
#include "iliometry/core/StudyInfo.h"
#include "iliometry/core/Volume.h"
#include "iliometry/report/MeasurementReport.h"

#include <string>
#include <vector>

namespace iliometry::report {

// Series numbers of the exported objects, fixed so that a PACS shows them in a stable order
// after the source series.
inline constexpr int kSegmentationSeriesNumber = 9001;
inline constexpr int kStructuredReportSeriesNumber = 9002;
inline constexpr int kKeyImageSeriesNumber = 9003;

struct DicomExportContext {
  StudyInfo study;                       // identity and UIDs written into the objects
  std::vector<SourceSlice> sourceSlices; // the measured images, one per slice index
  SoftwareInfo software;
  bool patientIdentityRemoved = false;   // set (0012,0062) and say how in (0012,0063)
};

// Succeeds when the exports can reference their source: DICOM input with study, series and
// frame of reference UIDs and one referenced image per slice (`sliceCount`). Otherwise
// InvalidArgument saying what is missing ("SR and SEG need DICOM input; the input was NIfTI").
Result<void> requireDicomSource(const DicomExportContext& context, int sliceCount);

} // namespace iliometry::report
