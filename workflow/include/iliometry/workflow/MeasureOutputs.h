#pragma once
// The files a measurement run leaves in its output folder, each written atomically.
#include "iliometry/core/ImageTypes.h"
#include "iliometry/core/Result.h"
#include "iliometry/core/Volume.h"
#include "iliometry/report/MeasurementReport.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace iliometry::workflow {

struct MeasureOutputs {
  std::filesystem::path labelsPath; // labels.nii.gz on the input's voxel grid
  std::filesystem::path jsonPath;   // measurements.json
  std::filesystem::path csvPath;    // measurements.csv
  // Written by the full writeMeasureOutputs; unset when not written (see `notes`).
  std::optional<std::filesystem::path> pdfPath;              // report.pdf
  std::optional<std::filesystem::path> segmentationPath;     // seg.dcm (DICOM input only)
  std::optional<std::filesystem::path> structuredReportPath; // sr.dcm (DICOM input only)
  std::optional<std::filesystem::path> keyImagePath;         // keyimages.dcm (DICOM input only)
  std::vector<std::string> notes; // why an output was not written (also in the report's warnings)
};

struct ExportOptions {
  std::optional<std::string> anonymizeSecret; // MeasureOptions::anonymizeSecret
};

// Checks, without creating anything, that `outputDir` is a writable folder or could be created
// (its nearest existing ancestor is a writable folder), so that an unusable output is reported
// before minutes of segmentation. OutputFailed names the folder.
Result<void> checkOutputFolder(const std::filesystem::path& outputDir);

// Creates `outputDir` if needed and writes labels, CSV, then JSON (last, so a complete JSON means a complete run).
Result<MeasureOutputs> writeMeasureOutputs(const std::filesystem::path& outputDir, const LabelImage& labels,
                                           const report::MeasurementReport& report);

// Everything: labels.nii.gz, report.pdf, and for DICOM input seg.dcm, sr.dcm and the key-image
// Secondary Capture keyimages.dcm (for other input a warning says why they are missing), then
// measurements.csv and measurements.json last. `volume` is the measured input (its image on
// the labels' grid, its source slices referenced by SEG/SR). With an anonymize secret every
// output carries the pseudonym instead of the patient's identifiers. Returns the report as
// written (pseudonymised, with the added warnings) in `written` when given.
Result<MeasureOutputs> writeMeasureOutputs(const std::filesystem::path& outputDir, const Volume& volume,
                                           const LabelImage& labels, const report::MeasurementReport& report,
                                           const ExportOptions& exportOptions,
                                           report::MeasurementReport* written = nullptr);

} // namespace iliometry::workflow
