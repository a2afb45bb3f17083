#include "iliometry/workflow/MeasureOutputs.h"

#include "iliometry/dicom/SeriesWriter.h"
#include "iliometry/report/CsvReport.h"
#include "iliometry/report/DicomExport.h"
#include "iliometry/report/JsonReport.h"
#include "iliometry/report/PdfReport.h"
#include "iliometry/report/Pseudonym.h"
#include "iliometry/report/SecondaryCapture.h"
#include "iliometry/report/SegmentationObject.h"
#include "iliometry/report/StructuredReport.h"
#include "iliometry/workflow/MeasureOptions.h"

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace iliometry::workflow {
namespace fs = std::filesystem;

namespace {

MeasureOutputs basicOutputs(const fs::path& outputDir) {
  MeasureOutputs outputs;
  outputs.labelsPath = outputDir / kLabelsFileName;
  outputs.jsonPath = outputDir / kMeasurementsJsonFileName;
  outputs.csvPath = outputDir / kMeasurementsCsvFileName;
  return outputs;
}

} // namespace

Result<void> checkOutputFolder(const fs::path& outputDir) {
  std::error_code ec;
  fs::path existing = fs::absolute(outputDir, ec);
  if (ec) return makeError(ErrorCode::OutputFailed, "cannot resolve output folder " + outputDir.string(), ec.message());
  while (!fs::exists(existing, ec) && existing.has_parent_path() && existing != existing.parent_path())
    existing = existing.parent_path();
  if (!fs::is_directory(existing, ec)) {
    if (existing == fs::absolute(outputDir))
      return makeError(ErrorCode::OutputFailed, "output path " + outputDir.string() + " exists and is not a folder");
    return makeError(ErrorCode::OutputFailed, "cannot create output folder " + outputDir.string() + ": " +
                                                  existing.string() + " is not a folder");
  }
  if (::access(existing.c_str(), W_OK | X_OK) != 0)
    return makeError(ErrorCode::OutputFailed,
                     "cannot write into output folder " + outputDir.string() + ": " + existing.string() +
                         " is not writable",
                     std::strerror(errno));
  return {};
}

Result<MeasureOutputs> writeMeasureOutputs(const fs::path& outputDir, const LabelImage& labels,
                                           const report::MeasurementReport& report) {
  const MeasureOutputs outputs = basicOutputs(outputDir);
  std::error_code ec;
  fs::create_directories(outputDir, ec);
  if (ec) return makeError(ErrorCode::OutputFailed, "cannot create output folder " + outputDir.string(), ec.message());
  if (auto written = dicom::writeLabelFile(labels, outputs.labelsPath); !written) return written.error();
  if (auto written = report::writeMeasurementsCsv(report, outputs.csvPath); !written) return written.error();
  if (auto written = report::writeMeasurementsJson(report, outputs.jsonPath); !written) return written.error();
  return outputs;
}

namespace {

Result<void> createFolder(const fs::path& outputDir) {
  std::error_code ec;
  fs::create_directories(outputDir, ec);
  if (ec) return makeError(ErrorCode::OutputFailed, "cannot create output folder " + outputDir.string(), ec.message());
  return {};
}

// SEG, SR and the Secondary Capture, in that order (the SR references the SEG's segments).
Result<void> writeDicomExports(const fs::path& outputDir, const Volume& volume, const LabelImage& labels,
                               const report::MeasurementReport& report, const report::DicomExportContext& context,
                               MeasureOutputs& outputs) {
  const fs::path segPath = outputDir / kSegmentationFileName;
  auto segmentation = report::writeSegmentationObject(labels, context, segPath);
  if (!segmentation) return segmentation.error();
  outputs.segmentationPath = segPath;
  const fs::path srPath = outputDir / kStructuredReportFileName;
  if (auto written = report::writeStructuredReport(report, context, segmentation.value(), segPath, srPath); !written)
    return written.error();
  outputs.structuredReportPath = srPath;
  const fs::path keyImagePath = outputDir / kKeyImageFileName;
  if (auto written = report::writeKeyImageSecondaryCapture(report, *volume.image, labels, context, keyImagePath); !written)
    return written.error();
  outputs.keyImagePath = keyImagePath;
  return {};
}

} // namespace

Result<MeasureOutputs> writeMeasureOutputs(const fs::path& outputDir, const Volume& volume, const LabelImage& labels,
                                           const report::MeasurementReport& measured, const ExportOptions& exportOptions,
                                           report::MeasurementReport* written) {
  if (!volume.image) return makeError(ErrorCode::Internal, "writeMeasureOutputs was given a volume without an image");
  MeasureOutputs outputs = basicOutputs(outputDir);
  if (auto created = createFolder(outputDir); !created) return created.error();

  report::MeasurementReport report =
      exportOptions.anonymizeSecret ? report::anonymizedReport(measured, *exportOptions.anonymizeSecret) : measured;
  report::DicomExportContext context;
  context.study = report.study;
  context.study.sourceFormat = volume.info.sourceFormat; // what the exports can reference is the volume's
  context.sourceSlices = volume.slices;
  context.software = report.software;
  context.patientIdentityRemoved = exportOptions.anonymizeSecret.has_value();
  if (auto source = report::requireDicomSource(context, report.measurements.sliceCount); !source) {
    const std::string note = "seg.dcm, sr.dcm and keyimages.dcm not written: " + source.error().message;
    outputs.notes.push_back(note);
    report.warnings.push_back({"workflow", note});
  }

  if (auto labelsWritten = dicom::writeLabelFile(labels, outputs.labelsPath); !labelsWritten) return labelsWritten.error();
  const fs::path pdfPath = outputDir / kReportPdfFileName;
  if (auto pdf = report::writePdfReport(report, *volume.image, labels, pdfPath); !pdf) return pdf.error();
  outputs.pdfPath = pdfPath;
  if (outputs.notes.empty())
    if (auto dicomWritten = writeDicomExports(outputDir, volume, labels, report, context, outputs); !dicomWritten)
      return dicomWritten.error();
  if (auto csv = report::writeMeasurementsCsv(report, outputs.csvPath); !csv) return csv.error();
  if (auto json = report::writeMeasurementsJson(report, outputs.jsonPath); !json) return json.error();
  if (written != nullptr) *written = std::move(report);
  return outputs;
}

} // namespace iliometry::workflow
