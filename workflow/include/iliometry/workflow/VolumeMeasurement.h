#pragma once
// Measuring a volume that is already loaded (the viewer's), and re-measuring after the labels
// were corrected by hand or the asymmetry options changed. runMeasure loads and writes files;
// these functions do the same segmentation and measurement on memory only, so that a GUI can
// show the result first and export it (writeMeasureOutputs) when the user asks.
#include "iliometry/core/Result.h"
#include "iliometry/core/Volume.h"
#include "iliometry/report/MeasurementReport.h"
#include "iliometry/workflow/MeasureOptions.h"
#include "iliometry/workflow/MeasureWorkflow.h"

#include <atomic>
#include <optional>

namespace iliometry::workflow {

struct VolumeMeasurement {
  LabelImage::Pointer labels;       // on the volume's voxel grid; values per core/Anatomy.h
  report::MeasurementReport report; // what measurements.json and .csv would hold
};

// Segments and measures `volume` (CT only, as runMeasure). options.inputPath is recorded in the
// report; options.outputDir is not used. Cancellation is checked at each progress step: when
// `cancelRequested` becomes true the run stops at the next step and returns std::nullopt.
// Errors: InvalidArgument (options), UnsupportedModality, SegmentationFailed, Internal.
Result<std::optional<VolumeMeasurement>> measureVolume(const Volume& volume, const MeasureOptions& options,
                                                       const ProgressCallback& progress = {},
                                                       const std::atomic<bool>* cancelRequested = nullptr);

// Recomputes everything that depends on the labels (CSA, volumes, asymmetry with `asymmetry`,
// psoas muscle index) from `labels`, keeping the levels, study and geometry of `previous`.
// `labels` must be on `image`'s grid (Internal otherwise); `previous.parameters.asymmetry` is
// replaced by `asymmetry`, which must be valid (InvalidArgument names the bad value).
Result<report::MeasurementReport> remeasureLabels(const IntensityImage& image, const LabelImage& labels,
                                                  const report::MeasurementReport& previous,
                                                  const AsymmetryOptions& asymmetry);

} // namespace iliometry::workflow
