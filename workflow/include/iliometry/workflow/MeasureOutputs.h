#pragma once
// The files a measurement run leaves in its output folder, each written atomically.
#include "iliometry/core/ImageTypes.h"
#include "iliometry/core/Result.h"
#include "iliometry/report/MeasurementReport.h"

#include <filesystem>

namespace iliometry::workflow {

struct MeasureOutputs {
  std::filesystem::path labelsPath; // labels.nii.gz on the input's voxel grid
  std::filesystem::path jsonPath;   // measurements.json
  std::filesystem::path csvPath;    // measurements.csv
};

// Checks, without creating anything, that `outputDir` is a writable folder or could be created
// (its nearest existing ancestor is a writable folder), so that an unusable output is reported
// before minutes of segmentation. OutputFailed names the folder.
Result<void> checkOutputFolder(const std::filesystem::path& outputDir);

// Creates `outputDir` if needed and writes labels, CSV, then JSON (last, so a complete JSON means a complete run).
Result<MeasureOutputs> writeMeasureOutputs(const std::filesystem::path& outputDir, const LabelImage& labels,
                                           const report::MeasurementReport& report);

} // namespace iliometry::workflow
