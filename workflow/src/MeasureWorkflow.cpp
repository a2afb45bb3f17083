#include "iliometry/workflow/MeasureWorkflow.h"

#include "iliometry/dicom/InputLoader.h"
#include "iliometry/workflow/MeasureOutputs.h"
#include "iliometry/workflow/VolumeMeasurement.h"

#include <algorithm>

namespace iliometry::workflow {

namespace {

// Share of the run each stage takes, for the progress fraction (segmentation dominates).
constexpr double kLoadEnd = 0.10;
constexpr double kMeasureEnd = 0.90;

class ProgressReporter {
public:
  ProgressReporter(const ProgressCallback& callback, bool quiet) : m_callback(quiet ? nullptr : &callback) {}
  void operator()(const std::string& stage, double fraction) {
    // Never let the fraction run backwards, whatever a stage reports.
    m_fraction = std::max(m_fraction, std::clamp(fraction, 0.0, 1.0));
    if (m_callback != nullptr && *m_callback) (*m_callback)(stage, m_fraction);
  }

private:
  const ProgressCallback* m_callback;
  double m_fraction = 0.0;
};

} // namespace

Result<MeasureOutcome> runMeasure(const MeasureOptions& requestedOptions, const ProgressCallback& progress) {
  ProgressReporter reportProgress(progress, requestedOptions.quiet);
  auto validated = validateMeasureOptions(requestedOptions);
  if (!validated) return validated.error();
  const MeasureOptions& options = validated.value();

  reportProgress("loading " + options.inputPath.string(), 0.0);
  dicom::LoadOptions loadOptions;
  loadOptions.seriesInstanceUid = options.seriesInstanceUid;
  loadOptions.modalityOverride = options.modality; // NIfTI & co. carry no modality; DICOM ignores it
  loadOptions.dixonWaterPath = options.dixonWaterPath;
  loadOptions.dixonFatPath = options.dixonFatPath;
  auto loaded = dicom::loadInput(options.inputPath, loadOptions);
  if (!loaded) return loaded.error();
  Volume& volume = loaded.value().volume;
  if (!volume.image)
    return makeError(ErrorCode::Internal, "the loader returned no image for " + options.inputPath.string());

  if (auto usable = checkOutputFolder(options.outputDir); !usable) return usable.error();

  // The segmentation and measurement are the viewer's too (measureVolume); this entry point
  // adds loading and writing the outputs around them.
  auto measured = measureVolume(volume, options, [&](const std::string& stage, double fraction) {
    reportProgress(stage, kLoadEnd + (kMeasureEnd - kLoadEnd) * std::clamp(fraction, 0.0, 1.0));
  });
  if (!measured) return measured.error();
  VolumeMeasurement& result = *measured.value(); // no cancellation flag: always a result

  reportProgress("writing outputs", kMeasureEnd);
  report::MeasurementReport written;
  auto outputs = writeMeasureOutputs(options.outputDir, volume, *result.labels, result.report,
                                     ExportOptions{options.anonymizeSecret}, &written);
  if (!outputs) return outputs.error();
  reportProgress("done", 1.0);
  return MeasureOutcome{outputs.value(), std::move(written)};
}

} // namespace iliometry::workflow
