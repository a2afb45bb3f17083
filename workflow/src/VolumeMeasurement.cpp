#include "iliometry/workflow/VolumeMeasurement.h"

#include "iliometry/core/Asymmetry.h"
#include "iliometry/core/Measurement.h"
#include "iliometry/report/PsoasMuscleIndex.h"
#include "iliometry/report/VolumeGeometry.h"
#include "iliometry/core/FatFraction.h"
#include "iliometry/segmentation/CtSegmenter.h"
#include "iliometry/segmentation/MrSegmenter.h"
#include "iliometry/workflow/CoverageCheck.h"
#include "iliometry/workflow/ModalityCheck.h"

#include <algorithm>

namespace iliometry::workflow {

namespace {

// Thrown from the progress callback to leave the segmenter between two of its stages; it is
// not an itk::ExceptionObject, so the segmenter does not turn it into an error of its own.
struct CancelledRun {};

// The same split of the run as runMeasure's progress (segmentation dominates).
constexpr double kSegmentationEnd = 0.85;

void addWarnings(std::vector<report::ReportWarning>& to, const std::string& source,
                 const std::vector<std::string>& messages) {
  for (const auto& message : messages)
    to.push_back({source, message});
}

// Fills the label-dependent parts of `result` (measurements, asymmetry, PMI) and returns the
// workflow warnings they raise (coverage fallbacks, missing verdicts).
std::vector<std::string> measureInto(report::MeasurementReport& result, const IntensityImage& image,
                                     const LabelImage& labels) {
  std::vector<std::string> warnings;
  result.measurements = measureStructures(image, labels);
  const CoverageAdjustment coverage = adjustBasisForCoverage(result.measurements, result.parameters.asymmetry);
  result.asymmetry = assessAsymmetry(result.measurements, result.levels, coverage.options);
  annotateVerdicts(result.asymmetry, coverage.fallbacks);
  for (const auto& fallback : coverage.fallbacks)
    warnings.push_back(fallback.reason);
  for (const auto& verdict : result.asymmetry.verdicts)
    if (!verdict.indexPercent)
      warnings.push_back(muscleDisplayName(verdict.muscle) + ": no asymmetry verdict (" + verdict.note + ")");
  result.psoasMuscleIndex = report::computePsoasMuscleIndex(result.measurements, result.levels,
                                                            result.parameters.heightM, result.study.patientHeightM);
  return warnings;
}

Result<MeasureOptions> validateInMemoryOptions(const MeasureOptions& options) {
  MeasureOptions checked = options;
  // Nothing is written here, but the shared validation insists on an output folder.
  if (checked.outputDir.empty()) checked.outputDir = ".";
  if (checked.inputPath.empty()) checked.inputPath = "(loaded volume)";
  auto valid = validateMeasureOptions(checked);
  if (!valid) return valid.error();
  valid.value().outputDir = options.outputDir;
  return valid;
}

} // namespace

Result<std::optional<VolumeMeasurement>> measureVolume(const Volume& volume, const MeasureOptions& requested,
                                                       const ProgressCallback& progress,
                                                       const std::atomic<bool>* cancelRequested) {
  auto validated = validateInMemoryOptions(requested);
  if (!validated) return validated.error();
  const MeasureOptions& options = validated.value();
  if (!volume.image) return makeError(ErrorCode::Internal, "no volume is loaded to measure");

  auto step = [&](const std::string& stage, double fraction) {
    if (cancelRequested != nullptr && cancelRequested->load()) throw CancelledRun{};
    if (progress && !options.quiet) progress(stage, std::clamp(fraction, 0.0, 1.0));
  };

  std::vector<std::string> workflowWarnings;
  auto pipeline = choosePipeline(volume.info, options.modality, workflowWarnings);
  if (!pipeline) return pipeline.error();
  const bool dixon = pipeline.value() == Modality::MR && volume.dixonWater && volume.dixonFat;

  try {
    step("segmenting", 0.0);
    const segmentation::ProgressCallback segmentationProgress = [&](const std::string& stage, double fraction) {
      step("segmenting: " + stage, kSegmentationEnd * fraction);
    };
    auto segmented = pipeline.value() == Modality::MR
                         ? segmentation::segmentMr({volume.image.GetPointer(), dixon ? volume.dixonWater.GetPointer() : nullptr,
                                                    dixon ? volume.dixonFat.GetPointer() : nullptr},
                                                   segmentationProgress)
                         : segmentation::segmentCt(*volume.image, segmentationProgress);
    if (!segmented) {
      Error error = segmented.error(); // the segmenter does not know the file: name it here
      error.message = options.inputPath.string() + ": " + error.message;
      return error;
    }
    segmentation::SegmentationResult& segmentation = segmented.value();
    if (!segmentation.labels) return makeError(ErrorCode::Internal, "the segmentation returned no label map");
    if (!report::sameGrid(report::geometryOf(*volume.image), report::geometryOf(*segmentation.labels)))
      return makeError(ErrorCode::Internal, "the segmentation's label map is not on the volume's voxel grid");

    step("measuring", kSegmentationEnd);
    report::MeasurementReport result;
    result.software = {softwareName(), softwareVersion()};
    result.createdUtc = report::utcTimestampNow();
    result.inputPath = options.inputPath.string();
    result.study = volume.info;
    result.pipeline = pipeline.value();
    result.parameters = {options.seriesInstanceUid, options.heightM, options.modality, options.asymmetry};
    result.geometry = report::geometryOf(*volume.image);
    result.levels = segmentation.levels;
    if (dixon) result.fatFraction = measureFatFraction(*volume.dixonWater, *volume.dixonFat, *segmentation.labels);
    const auto measureWarnings = measureInto(result, *volume.image, *segmentation.labels);
    workflowWarnings.insert(workflowWarnings.end(), measureWarnings.begin(), measureWarnings.end());

    addWarnings(result.warnings, "loader", volume.warnings);
    addWarnings(result.warnings, "segmentation", segmentation.warnings);
    for (const auto& levelWarning : result.levels.warnings)
      if (std::find(segmentation.warnings.begin(), segmentation.warnings.end(), levelWarning) ==
          segmentation.warnings.end())
        result.warnings.push_back({"segmentation", levelWarning});
    addWarnings(result.warnings, "workflow", workflowWarnings);
    step("done", 1.0);
    return std::optional<VolumeMeasurement>(VolumeMeasurement{segmentation.labels, std::move(result)});
  } catch (const CancelledRun&) {
    return std::optional<VolumeMeasurement>{};
  }
}

Result<report::MeasurementReport> remeasureLabels(const IntensityImage& image, const LabelImage& labels,
                                                  const report::MeasurementReport& previous,
                                                  const AsymmetryOptions& asymmetry) {
  if (!report::sameGrid(report::geometryOf(image), report::geometryOf(labels)))
    return makeError(ErrorCode::Internal, "the corrected label map is not on the volume's voxel grid");
  MeasureOptions check;
  check.asymmetry = asymmetry;
  auto valid = validateInMemoryOptions(check);
  if (!valid) return valid.error();

  report::MeasurementReport result = previous;
  result.createdUtc = report::utcTimestampNow();
  result.parameters.asymmetry = valid.value().asymmetry;
  // Workflow warnings depend on the labels and are recomputed; loader and segmentation
  // warnings describe the input and the automatic run and stay.
  std::erase_if(result.warnings, [](const report::ReportWarning& w) { return w.source == "workflow"; });
  addWarnings(result.warnings, "workflow", measureInto(result, image, labels));
  if (result.fatFraction) {
    // The Dixon images are not at hand here: a stale fat fraction would describe other outlines.
    result.fatFraction.reset();
    result.warnings.push_back({"workflow", "fat fraction not recomputed after the outlines were edited; run measure again"});
  }
  return result;
}

} // namespace iliometry::workflow
