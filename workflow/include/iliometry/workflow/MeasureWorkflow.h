#pragma once
// The one entry point of a measurement: load -> require CT -> segment -> measure -> asymmetry
// -> psoas muscle index -> write labels.nii.gz, measurements.json, measurements.csv.
// The command line, the GUI plugin and batch runs all call runMeasure.
#include "iliometry/core/Result.h"
#include "iliometry/report/MeasurementReport.h"
#include "iliometry/workflow/MeasureOptions.h"
#include "iliometry/workflow/MeasureOutputs.h"

#include <functional>
#include <string>

namespace iliometry::workflow {

// `stage` is short text for a person ("loading", "segmenting: psoas"); `fraction` runs from 0
// to 1 and never decreases within a run.
using ProgressCallback = std::function<void(const std::string& stage, double fraction)>;

struct MeasureOutcome {
  MeasureOutputs outputs;
  report::MeasurementReport report; // exactly what measurements.json and .csv hold
};

// Errors: InvalidArgument (options), the loader's (InputNotFound, NoImageSeries, InvalidSeries,
// ...), UnsupportedModality (MR, or unknown modality), SegmentationFailed, OutputFailed (names
// the path). Nothing is created or written in the output folder unless segmentation succeeded.
Result<MeasureOutcome> runMeasure(const MeasureOptions& options, const ProgressCallback& progress = {});

// "iliometry" and the project version, as written into every report.
const char* softwareName();
const char* softwareVersion();

} // namespace iliometry::workflow
