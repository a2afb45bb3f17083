#pragma once
// The cohort table: one row per finished study (cohort.csv and cohort.json), with identifiers,
// levels found, CSA per level, structure and side, volumes, asymmetry indices and flags,
// status and message. Columns are listed in docs/batch.md.
#include "iliometry/core/Result.h"
#include "iliometry/report/MeasurementReport.h"

#include <filesystem>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace iliometry::workflow {

// A cell: empty (not available), a flag, a count, a measurement or text.
using CohortValue = std::variant<std::monostate, bool, long long, double, std::string>;
using CohortCells = std::map<std::string, CohortValue>; // keyed by column name

inline constexpr const char* kCohortCsvFileName = "cohort.csv";
inline constexpr const char* kCohortJsonFileName = "cohort.json";
inline constexpr int kCohortSchemaVersion = 1;

// Every column, in order. The set is fixed (the same for every cohort), so that tables of
// different runs and shards line up.
const std::vector<std::string>& cohortColumns();

// The vertebral levels that get CSA columns, cranial to caudal: T12, T12/L1, ..., L5/S1.
const std::vector<std::string>& cohortLevels();

// The measurement columns of one measured study (identifiers, levels, CSA, volumes, asymmetry,
// psoas muscle index). Values are rounded as in measurements.csv/json (CSA 4 decimals cm2, ...).
CohortCells measurementCells(const report::MeasurementReport& report);

// A CSV cell: "" for empty, "true"/"false", shortest round-trip decimal, text RFC 4180-quoted.
std::string csvCell(const CohortValue& value);

struct CohortTableFiles {
  std::filesystem::path csvPath;
  std::filesystem::path jsonPath;
};

// Writes cohort.json, then cohort.csv, into `folder`, each atomically, rows in the given order.
// A column a row lacks is empty. OutputFailed names the file.
Result<CohortTableFiles> writeCohortTable(const std::filesystem::path& folder, const std::vector<CohortCells>& rows);

} // namespace iliometry::workflow
