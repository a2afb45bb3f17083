#include "iliometry/workflow/MeasureWorkflow.h"

#include "iliometry/core/Asymmetry.h"
#include "iliometry/core/Measurement.h"
#include "iliometry/dicom/InputLoader.h"
#include "iliometry/report/PsoasMuscleIndex.h"
#include "iliometry/report/VolumeGeometry.h"
#include "iliometry/segmentation/CtSegmenter.h"
#include "iliometry/workflow/CoverageCheck.h"
#include "iliometry/workflow/ModalityCheck.h"

#include <algorithm>

namespace iliometry::workflow {

namespace {

// Share of the run each stage takes, for the progress fraction (segmentation dominates).
constexpr double kLoadEnd = 0.10;
constexpr double kSegmentationEnd = 0.80;
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

void addWarnings(std::vector<report::ReportWarning>& to, const std::string& source,
                 const std::vector<std::string>& messages) {
  for (const auto& message : messages)
    to.push_back({source, message});
}

Result<void> requireSameGrid(const IntensityImage& input, const LabelImage& labels) {
  if (report::sameGrid(report::geometryOf(input), report::geometryOf(labels))) return {};
  return makeError(ErrorCode::Internal, "the segmentation's label map is not on the input volume's voxel grid");
}

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
  auto loaded = dicom::loadInput(options.inputPath, loadOptions);
  if (!loaded) return loaded.error();
  Volume& volume = loaded.value().volume;
  if (!volume.image)
    return makeError(ErrorCode::Internal, "the loader returned no image for " + options.inputPath.string());

  std::vector<std::string> workflowWarnings;
  auto pipeline = requireCtPipeline(volume.info, options.modality, workflowWarnings);
  if (!pipeline) return pipeline.error();
  if (auto usable = checkOutputFolder(options.outputDir); !usable) return usable.error();

  reportProgress("segmenting", kLoadEnd);
  auto segmented = segmentation::segmentCt(*volume.image, [&](const std::string& stage, double fraction) {
    reportProgress("segmenting: " + stage, kLoadEnd + (kSegmentationEnd - kLoadEnd) * std::clamp(fraction, 0.0, 1.0));
  });
  if (!segmented) return segmented.error();
  segmentation::SegmentationResult& segmentation = segmented.value();
  if (!segmentation.labels) return makeError(ErrorCode::Internal, "the segmentation returned no label map");
  if (auto grid = requireSameGrid(*volume.image, *segmentation.labels); !grid) return grid.error();

  reportProgress("measuring", kSegmentationEnd);
  report::MeasurementReport result;
  result.software = {softwareName(), softwareVersion()};
  result.createdUtc = report::utcTimestampNow();
  result.inputPath = options.inputPath.string();
  result.study = volume.info;
  result.pipeline = pipeline.value();
  result.parameters = {options.seriesInstanceUid, options.heightM, options.modality, options.asymmetry};
  result.geometry = report::geometryOf(*volume.image);
  result.levels = segmentation.levels;
  result.measurements = measureStructures(*volume.image, *segmentation.labels);

  const CoverageAdjustment coverage = adjustBasisForCoverage(result.measurements, options.asymmetry);
  result.asymmetry = assessAsymmetry(result.measurements, result.levels, coverage.options);
  annotateVerdicts(result.asymmetry, coverage.fallbacks);
  for (const auto& fallback : coverage.fallbacks)
    workflowWarnings.push_back(fallback.reason);
  for (const auto& verdict : result.asymmetry.verdicts)
    if (!verdict.indexPercent)
      workflowWarnings.push_back(muscleDisplayName(verdict.muscle) + ": no asymmetry verdict (" + verdict.note + ")");

  result.psoasMuscleIndex =
      report::computePsoasMuscleIndex(result.measurements, result.levels, options.heightM, volume.info.patientHeightM);
  addWarnings(result.warnings, "loader", volume.warnings);
  addWarnings(result.warnings, "segmentation", segmentation.warnings);
  // "warnings" is the complete list: level warnings the segmenter did not repeat are added too.
  for (const auto& levelWarning : result.levels.warnings)
    if (std::find(segmentation.warnings.begin(), segmentation.warnings.end(), levelWarning) ==
        segmentation.warnings.end())
      result.warnings.push_back({"segmentation", levelWarning});
  addWarnings(result.warnings, "workflow", workflowWarnings);

  reportProgress("writing outputs", kMeasureEnd);
  auto outputs = writeMeasureOutputs(options.outputDir, *segmentation.labels, result);
  if (!outputs) return outputs.error();
  reportProgress("done", 1.0);
  return MeasureOutcome{outputs.value(), std::move(result)};
}

} // namespace iliometry::workflow
