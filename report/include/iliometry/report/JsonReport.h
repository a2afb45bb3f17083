#pragma once
// measurements.json: the complete, machine-readable result of a run.
// The schema is documented field by field in docs/measurements.md.
#include "iliometry/core/Result.h"
#include "iliometry/report/MeasurementReport.h"

#include <filesystem>
#include <string>

namespace iliometry::report {

inline constexpr int kMeasurementsJsonSchemaVersion = 1;

// The JSON document, pretty-printed, ending in a newline.
std::string measurementsJson(const MeasurementReport& report);

// Writes measurementsJson(report) to `path` atomically; OutputFailed names the path.
Result<void> writeMeasurementsJson(const MeasurementReport& report, const std::filesystem::path& path);

} // namespace iliometry::report
