#include "iliometry/report/CsvReport.h"

#include "iliometry/core/AtomicFile.h"

#include <cstdio>

namespace iliometry::report {

namespace {

std::string fixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::string joined(const std::vector<std::string>& parts, const char* separator) {
  std::string text;
  for (const auto& part : parts)
    text += (text.empty() ? "" : separator) + part;
  return text;
}

void appendRow(std::string& csv, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) csv += ',';
    csv += csvField(fields[i]);
  }
  csv += '\n';
}

} // namespace

const std::vector<std::string>& measurementsCsvColumns() {
  static const std::vector<std::string> columns{"patient_id",
                                                "study_instance_uid",
                                                "series_instance_uid",
                                                "slice_index",
                                                "z_mm",
                                                "structure",
                                                "muscle",
                                                "side",
                                                "csa_cm2",
                                                "level",
                                                "fat_fraction_percent"};
  return columns;
}

std::string csvField(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string measurementsCsv(const MeasurementReport& report) {
  std::string csv;
  appendRow(csv, measurementsCsvColumns());
  for (int k = 0; k < report.measurements.sliceCount; ++k) {
    // 3 decimals of a mm for positions; 4 decimals of a cm2 (0.01 mm2) for areas, well
    // below one voxel's area at any clinical resolution.
    const std::string zMm = fixed(report.geometry.sliceCentreZMm(k), 3);
    const std::string level = joined(levelNamesAtSlice(report.levels, k), ";");
    for (Structure s : kStructures) {
      const auto fatPercent = fatFractionPercent(report, s, k); // Dixon MR only; empty otherwise
      appendRow(csv, {report.study.patientId, report.study.studyInstanceUid, report.study.seriesInstanceUid,
                      std::to_string(k), zMm, structureKey(s), muscleKey(s.muscle), sideKey(s.side),
                      fixed(report.measurements.csaMm2(s, k) / kMm2PerCm2, 4), level,
                      fatPercent ? fixed(*fatPercent, 2) : std::string()});
    }
  }
  return csv;
}

Result<void> writeMeasurementsCsv(const MeasurementReport& report, const std::filesystem::path& path) {
  return writeFileAtomically(path, measurementsCsv(report));
}

} // namespace iliometry::report
