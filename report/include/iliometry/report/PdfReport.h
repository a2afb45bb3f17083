#pragma once
// report.pdf: a page set a radiologist can sign off: patient/study header, asymmetry verdicts
// with their threshold and basis, key axial images with coloured outlines and the CSA per side,
// a plot of CSA along the body axis with the vertebral levels, a level-by-structure table,
// method, software version, warnings and a decision-support disclaimer. Drawn with cairo: no
// display and no GUI toolkit needed.
#include "iliometry/core/ImageTypes.h"
#include "iliometry/core/Result.h"
#include "iliometry/report/MeasurementReport.h"

#include <filesystem>

namespace iliometry::report {

// `intensity` and `labels` share the report's voxel grid (asserted). Written atomically;
// OutputFailed names the path.
Result<void> writePdfReport(const MeasurementReport& report, const IntensityImage& intensity,
                            const LabelImage& labels, const std::filesystem::path& path);

} // namespace iliometry::report
