#include "iliometry/workflow/BatchTable.h"

#include "BatchJson.h"

#include "iliometry/core/AtomicFile.h"
#include "iliometry/report/CsvReport.h"
#include "iliometry/workflow/MeasureWorkflow.h"

#include <charconv>
#include <cmath>

namespace iliometry::workflow {

namespace fs = std::filesystem;

namespace {

// Decimals kept per kind of value, as in measurements.csv/json.
constexpr int kCsaDecimals = 4;    // cm2: 0.01 mm2
constexpr int kVolumeDecimals = 3; // cm3: 1 mm3
constexpr int kPercentDecimals = 2;
constexpr int kHuDecimals = 1;
constexpr int kIndexDecimals = 3; // cm2/m2, confidence

double rounded(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

CohortValue roundedOrEmpty(const std::optional<double>& value, int decimals) {
  if (!value) return std::monostate{};
  return rounded(*value, decimals);
}

// "L4/L5" -> "L4_L5": column names stay plain identifiers for R and pandas.
std::string levelColumnPrefix(const std::string& level) {
  std::string prefix = level;
  for (char& c : prefix)
    if (c == '/') c = '_';
  return prefix;
}

std::string levelCsaColumn(const std::string& level, Structure structure) {
  return levelColumnPrefix(level) + "_" + structureKey(structure) + "_csa_cm2";
}

const std::vector<std::string> kIdentityColumns{"id",
                                                "status",
                                                "error_code",
                                                "message",
                                                "input_path",
                                                "output_folder",
                                                "series_instance_uid",
                                                "patient_id",
                                                "study_instance_uid",
                                                "accession_number",
                                                "study_date",
                                                "modality",
                                                "slice_count",
                                                "levels_found",
                                                "level_confidence"};
const std::vector<std::string> kRunColumns{"warning_count", "elapsed_s", "finished_utc"};

std::vector<std::string> buildColumns() {
  std::vector<std::string> columns = kIdentityColumns;
  for (Structure structure : kStructures)
    for (const char* quantity : {"_volume_cm3", "_max_csa_cm2", "_mean_hu", "_mean_mr_signal", "_fat_fraction_percent"})
      columns.push_back(structureKey(structure) + quantity);
  for (Muscle muscle : kMuscles)
    for (const char* quantity : {"_asymmetry_basis", "_asymmetry_index_percent", "_asymmetric_hypertrophy",
                                 "_larger_side", "_volume_asymmetry_index_percent", "_max_csa_asymmetry_index_percent"})
      columns.push_back(muscleKey(muscle) + quantity);
  columns.push_back("psoas_muscle_index_cm2_per_m2");
  for (const std::string& level : cohortLevels())
    for (Structure structure : kStructures)
      columns.push_back(levelCsaColumn(level, structure));
  columns.insert(columns.end(), kRunColumns.begin(), kRunColumns.end());
  return columns;
}

void addAsymmetryCells(CohortCells& cells, const AsymmetryReport& asymmetry) {
  for (const AsymmetryVerdict& verdict : asymmetry.verdicts) {
    const std::string prefix = muscleKey(verdict.muscle);
    cells[prefix + "_asymmetry_basis"] = verdict.basis;
    cells[prefix + "_asymmetry_index_percent"] = roundedOrEmpty(verdict.indexPercent, kPercentDecimals);
    if (verdict.indexPercent) cells[prefix + "_asymmetric_hypertrophy"] = verdict.asymmetricHypertrophy;
    cells[prefix + "_larger_side"] = verdict.largerSide ? CohortValue(sideKey(*verdict.largerSide)) : std::monostate{};
  }
  for (const AsymmetryEntry& entry : asymmetry.entries)
    if (entry.basis == "volume" || entry.basis == "max_csa")
      cells[muscleKey(entry.muscle) + "_" + entry.basis + "_asymmetry_index_percent"] =
          roundedOrEmpty(entry.indexPercent, kPercentDecimals);
}

void addLevelCells(CohortCells& cells, const report::MeasurementReport& report) {
  const MeasurementSet& measurements = report.measurements;
  std::string found;
  for (const VertebralLevel& level : report.levels.levels) {
    const bool inVolume = level.sliceIndex >= 0 && level.sliceIndex < measurements.sliceCount;
    if (!inVolume) continue;
    found += (found.empty() ? "" : ";") + level.name;
    for (Structure structure : kStructures)
      cells[levelCsaColumn(level.name, structure)] =
          rounded(measurements.csaMm2(structure, level.sliceIndex) / kMm2PerCm2, kCsaDecimals);
  }
  cells["levels_found"] = found;
  cells["level_confidence"] = rounded(report.levels.confidence, kIndexDecimals);
}

std::string shortestDecimal(double value) {
  char text[32];
  const auto [end, error] = std::to_chars(text, text + sizeof text, value);
  return error == std::errc() ? std::string(text, end) : std::string();
}

} // namespace

const std::vector<std::string>& cohortLevels() {
  static const std::vector<std::string> levels{"T12", "T12/L1", "L1", "L1/L2", "L2", "L2/L3",
                                               "L3",  "L3/L4",  "L4", "L4/L5", "L5", "L5/S1"};
  return levels;
}

const std::vector<std::string>& cohortColumns() {
  static const std::vector<std::string> columns = buildColumns();
  return columns;
}

CohortCells measurementCells(const report::MeasurementReport& report) {
  CohortCells cells;
  const StudyInfo& study = report.study;
  cells["series_instance_uid"] = study.seriesInstanceUid;
  cells["patient_id"] = study.patientId;
  cells["study_instance_uid"] = study.studyInstanceUid;
  cells["accession_number"] = study.accessionNumber;
  cells["study_date"] = study.studyDate;
  cells["modality"] = modalityName(study.modality);
  cells["slice_count"] = static_cast<long long>(report.measurements.sliceCount);
  for (const StructureMeasurement& structure : report.measurements.structures) {
    const std::string prefix = structureKey(structure.structure);
    cells[prefix + "_volume_cm3"] = rounded(structure.volumeMm3 / kMm3PerCm3, kVolumeDecimals);
    cells[prefix + "_max_csa_cm2"] = rounded(structure.maxCsaMm2 / kMm2PerCm2, kCsaDecimals);
    // HU on CT, the series' own signal units on MR: separate columns, never mixed in one.
    const bool ct = report.pipeline == Modality::CT;
    cells[prefix + "_mean_hu"] = roundedOrEmpty(ct ? structure.meanIntensity : std::nullopt, kHuDecimals);
    cells[prefix + "_mean_mr_signal"] = roundedOrEmpty(ct ? std::nullopt : structure.meanIntensity, kHuDecimals);
    cells[prefix + "_fat_fraction_percent"] = roundedOrEmpty(
        report.fatFraction ? report.fatFraction->of(structure.structure).volumePercent : std::nullopt, kHuDecimals);
  }
  addAsymmetryCells(cells, report.asymmetry);
  cells["psoas_muscle_index_cm2_per_m2"] = roundedOrEmpty(report.psoasMuscleIndex.valueCm2PerM2, kIndexDecimals);
  addLevelCells(cells, report);
  cells["warning_count"] = static_cast<long long>(report.warnings.size());
  return cells;
}

std::string csvCell(const CohortValue& value) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>)
          return {};
        else if constexpr (std::is_same_v<T, bool>)
          return v ? "true" : "false";
        else if constexpr (std::is_same_v<T, long long>)
          return std::to_string(v);
        else if constexpr (std::is_same_v<T, double>)
          return shortestDecimal(v);
        else
          return report::csvField(v);
      },
      value);
}

Result<CohortTableFiles> writeCohortTable(const fs::path& folder, const std::vector<CohortCells>& rows) {
  const std::vector<std::string>& columns = cohortColumns();
  nlohmann::ordered_json document;
  document["schema_version"] = kCohortSchemaVersion;
  document["software"] = {{"name", softwareName()}, {"version", softwareVersion()}};
  document["columns"] = columns;
  document["studies"] = nlohmann::ordered_json::array();
  std::string csv;
  for (std::size_t c = 0; c < columns.size(); ++c)
    csv += (c ? "," : "") + columns[c];
  csv += '\n';
  for (const CohortCells& row : rows) {
    nlohmann::ordered_json study = nlohmann::ordered_json::object();
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const auto it = row.find(columns[c]);
      const CohortValue value = it == row.end() ? CohortValue{} : it->second;
      study[columns[c]] = detail::toJson(value);
      if (c) csv += ',';
      csv += csvCell(value);
    }
    csv += '\n';
    document["studies"].push_back(std::move(study));
  }
  const CohortTableFiles files{folder / kCohortCsvFileName, folder / kCohortJsonFileName};
  // JSON first: a kill between the two renames leaves the CSV one study behind, never ahead.
  const std::string json = document.dump(2) + "\n";
  if (auto written = writeFilesAtomically({{files.jsonPath, json}, {files.csvPath, csv}}); !written)
    return written.error();
  return files;
}

} // namespace iliometry::workflow
