#include "iliometry/workflow/MeasureOutputs.h"

#include "iliometry/dicom/SeriesWriter.h"
#include "iliometry/report/CsvReport.h"
#include "iliometry/report/JsonReport.h"
#include "iliometry/workflow/MeasureOptions.h"

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace iliometry::workflow {
namespace fs = std::filesystem;

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
  const MeasureOutputs outputs{outputDir / kLabelsFileName, outputDir / kMeasurementsJsonFileName,
                               outputDir / kMeasurementsCsvFileName};
  std::error_code ec;
  fs::create_directories(outputDir, ec);
  if (ec) return makeError(ErrorCode::OutputFailed, "cannot create output folder " + outputDir.string(), ec.message());
  if (auto written = dicom::writeLabelFile(labels, outputs.labelsPath); !written) return written.error();
  if (auto written = report::writeMeasurementsCsv(report, outputs.csvPath); !written) return written.error();
  if (auto written = report::writeMeasurementsJson(report, outputs.jsonPath); !written) return written.error();
  return outputs;
}

} // namespace iliometry::workflow
