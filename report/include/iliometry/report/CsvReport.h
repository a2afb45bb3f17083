#pragma once
// measurements.csv: one tidy row per slice and structure (slices x 4 rows), for spreadsheets
// and data frames. Columns are documented in docs/measurements.md.
#include "iliometry/core/Result.h"
#include "iliometry/report/MeasurementReport.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace iliometry::report {

// The header line's column names, in order.
const std::vector<std::string>& measurementsCsvColumns();

// RFC 4180 quoting: a field holding a comma, a double quote, CR or LF is enclosed in double
// quotes, with its own double quotes doubled; any other field is written as it is.
std::string csvField(std::string_view text);

// Header plus one row per slice and structure; lines end in "\n".
std::string measurementsCsv(const MeasurementReport& report);

// Writes measurementsCsv(report) to `path` atomically; OutputFailed names the path.
Result<void> writeMeasurementsCsv(const MeasurementReport& report, const std::filesystem::path& path);

} // namespace iliometry::report
