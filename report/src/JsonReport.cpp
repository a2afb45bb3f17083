#include "iliometry/report/JsonReport.h"

#include "iliometry/core/AtomicFile.h"

#include <nlohmann/json.hpp>

namespace iliometry::report {

// ordered_json keeps the documented field order, which makes the file readable by eye.
using Json = nlohmann::ordered_json;

namespace {

template <typename T> Json optionalValue(const std::optional<T>& value) { return value ? Json(*value) : Json(nullptr); }

Json sliceIndexOrNull(int sliceIndex) { return sliceIndex >= 0 ? Json(sliceIndex) : Json(nullptr); }

Json emptyToNull(const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); }

Json softwareJson(const SoftwareInfo& software) { return Json{{"name", software.name}, {"version", software.version}}; }

Json inputJson(const MeasurementReport& report) {
  return Json{{"path", report.inputPath.empty() ? report.study.sourcePath : report.inputPath},
              {"format", report.study.sourceFormat},
              {"modality", modalityName(report.study.modality)},
              {"pipeline", modalityName(report.pipeline)}};
}

Json studyJson(const StudyInfo& study) {
  return Json{{"patient_name", study.patientName},
              {"patient_id", study.patientId},
              {"patient_sex", study.patientSex},
              {"patient_age", study.patientAge},
              {"patient_height_m", optionalValue(study.patientHeightM)},
              {"patient_weight_kg", optionalValue(study.patientWeightKg)},
              {"study_instance_uid", study.studyInstanceUid},
              {"series_instance_uid", study.seriesInstanceUid},
              {"frame_of_reference_uid", study.frameOfReferenceUid},
              {"study_date", study.studyDate},
              {"series_date", study.seriesDate},
              {"study_description", study.studyDescription},
              {"series_description", study.seriesDescription},
              {"accession_number", study.accessionNumber},
              {"modality", modalityName(study.modality)},
              {"manufacturer", study.manufacturer},
              {"body_part", study.bodyPart}};
}

Json parametersJson(const RunParameters& parameters) {
  return Json{{"series_instance_uid", emptyToNull(parameters.requestedSeriesUid)},
              {"height_m", optionalValue(parameters.heightM)},
              {"modality_override",
               parameters.modalityOverride ? Json(modalityName(*parameters.modalityOverride)) : Json(nullptr)},
              {"asymmetry_threshold_percent", parameters.asymmetry.thresholdPercent},
              {"psoas_major_basis", parameters.asymmetry.psoasPrimaryBasis},
              {"iliacus_basis", parameters.asymmetry.iliacusPrimaryBasis}};
}

Json geometryJson(const VolumeGeometry& geometry) {
  Json direction = Json::array();
  for (const auto& row : geometry.direction)
    direction.push_back(row);
  return Json{{"size_voxels", geometry.sizeVoxels},
              {"spacing_mm", geometry.spacingMm},
              {"origin_lps_mm", geometry.originLpsMm},
              {"direction", direction}};
}

Json levelsJson(const LevelSet& levels) {
  Json items = Json::array();
  for (const auto& level : levels.levels)
    items.push_back(Json{{"name", level.name},
                         {"kind", levelKindKey(level.kind)},
                         {"slice_index", sliceIndexOrNull(level.sliceIndex)},
                         {"z_mm", level.zMm},
                         {"confidence", level.confidence}});
  return items;
}

Json csaCm2OnSlice(const MeasurementSet& measurements, int sliceIndex) {
  Json csa = Json::object();
  for (Structure s : kStructures)
    csa[structureKey(s)] = measurements.csaMm2(s, sliceIndex) / kMm2PerCm2;
  return csa;
}

// Per structure on one slice: the fat fraction (%) on Dixon studies, null where not measured.
Json fatFractionOnSlice(const MeasurementReport& report, int sliceIndex) {
  Json percent = Json::object();
  for (Structure s : kStructures)
    percent[structureKey(s)] = optionalValue(fatFractionPercent(report, s, sliceIndex));
  return percent;
}

Json slicesJson(const MeasurementReport& report) {
  Json slices = Json::array();
  for (int k = 0; k < report.measurements.sliceCount; ++k) {
    Json slice{{"slice_index", k},
               {"z_mm", report.geometry.sliceCentreZMm(k)},
               {"levels", levelNamesAtSlice(report.levels, k)},
               {"csa_cm2", csaCm2OnSlice(report.measurements, k)}};
    if (report.fatFraction) slice["fat_fraction_percent"] = fatFractionOnSlice(report, k);
    slices.push_back(slice);
  }
  return slices;
}

Json levelCsaJson(const MeasurementReport& report) {
  Json rows = Json::array();
  for (const auto& level : report.levels.levels) {
    if (level.sliceIndex < 0 || level.sliceIndex >= report.measurements.sliceCount) continue;
    Json row{{"level", level.name},
             {"kind", levelKindKey(level.kind)},
             {"slice_index", level.sliceIndex},
             {"z_mm", level.zMm},
             {"csa_cm2", csaCm2OnSlice(report.measurements, level.sliceIndex)}};
    if (report.fatFraction) row["fat_fraction_percent"] = fatFractionOnSlice(report, level.sliceIndex);
    rows.push_back(row);
  }
  return rows;
}

Json structuresJson(const MeasurementReport& report) {
  const MeasurementSet& measurements = report.measurements;
  // Hounsfield units only mean something on CT; MR reports the mean signal in the series' own
  // (arbitrary, coil-dependent) units under another key.
  const bool ct = report.pipeline == Modality::CT;
  Json structures = Json::object();
  for (Structure s : kStructures) {
    const StructureMeasurement& m = measurements.of(s);
    const std::optional<double> fatPercent =
        report.fatFraction ? report.fatFraction->of(s).volumePercent : std::optional<double>();
    structures[structureKey(s)] = Json{{"muscle", muscleKey(s.muscle)},
                                       {"side", sideKey(s.side)},
                                       {"label_value", labelOf(s)},
                                       {"voxel_count", m.voxelCount},
                                       {"volume_cm3", m.volumeMm3 / kMm3PerCm3},
                                       {"max_csa_cm2", m.maxCsaMm2 / kMm2PerCm2},
                                       {"max_csa_slice_index", sliceIndexOrNull(m.maxCsaSliceIndex)},
                                       {"mean_hu", ct ? optionalValue(m.meanIntensity) : Json(nullptr)},
                                       {"mean_signal", ct ? Json(nullptr) : optionalValue(m.meanIntensity)},
                                       {"fat_fraction_percent", optionalValue(fatPercent)},
                                       {"first_slice_index", sliceIndexOrNull(m.firstSliceIndex)},
                                       {"last_slice_index", sliceIndexOrNull(m.lastSliceIndex)}};
  }
  return structures;
}

Json asymmetryEntryJson(const AsymmetryEntry& entry) {
  // Entries hold mm3 (volume basis) or mm2 (any CSA basis); the keys carry the unit.
  const bool isVolume = entry.basis == "volume";
  const double scale = isVolume ? kMm3PerCm3 : kMm2PerCm2;
  const std::string unit = isVolume ? "_cm3" : "_cm2";
  return Json{{"muscle", muscleKey(entry.muscle)},
              {"basis", entry.basis},
              {"left" + unit, entry.left / scale},
              {"right" + unit, entry.right / scale},
              {"index_percent", optionalValue(entry.indexPercent)}};
}

Json asymmetryVerdictJson(const AsymmetryVerdict& verdict) {
  return Json{{"muscle", muscleKey(verdict.muscle)},
              {"basis", verdict.basis},
              {"threshold_percent", verdict.thresholdPercent},
              {"index_percent", optionalValue(verdict.indexPercent)},
              {"asymmetric_hypertrophy", verdict.asymmetricHypertrophy},
              {"larger_side", verdict.largerSide ? Json(sideKey(*verdict.largerSide)) : Json(nullptr)},
              {"note", verdict.note}};
}

Json asymmetryJson(const AsymmetryReport& asymmetry) {
  Json entries = Json::array(), verdicts = Json::array();
  for (const auto& entry : asymmetry.entries)
    entries.push_back(asymmetryEntryJson(entry));
  for (const auto& verdict : asymmetry.verdicts)
    verdicts.push_back(asymmetryVerdictJson(verdict));
  return Json{{"formula", "(left - right) / ((left + right) / 2) x 100"}, {"entries", entries}, {"verdicts", verdicts}};
}

Json psoasMuscleIndexJson(const PsoasMuscleIndex& index) {
  return Json{{"value_cm2_per_m2", optionalValue(index.valueCm2PerM2)},
              {"level", "L3"},
              {"slice_index", optionalValue(index.sliceIndex)},
              {"psoas_major_csa_cm2", optionalValue(index.psoasCsaCm2)},
              {"height_m", optionalValue(index.heightM)},
              {"height_source", emptyToNull(index.heightSource)},
              {"note", index.note}};
}

Json warningsJson(const std::vector<ReportWarning>& warnings) {
  Json items = Json::array();
  for (const auto& warning : warnings)
    items.push_back(Json{{"source", warning.source}, {"message", warning.message}});
  return items;
}

} // namespace

std::string measurementsJson(const MeasurementReport& report) {
  const Json document{{"schema_version", kMeasurementsJsonSchemaVersion},
                      {"software", softwareJson(report.software)},
                      {"created_utc", report.createdUtc},
                      {"input", inputJson(report)},
                      {"study", studyJson(report.study)},
                      {"parameters", parametersJson(report.parameters)},
                      {"volume", geometryJson(report.geometry)},
                      {"levels", levelsJson(report.levels)},
                      {"level_method", report.levels.method},
                      {"level_confidence", report.levels.confidence},
                      {"level_warnings", report.levels.warnings},
                      {"structures", structuresJson(report)},
                      {"level_csa", levelCsaJson(report)},
                      {"slices", slicesJson(report)},
                      {"asymmetry", asymmetryJson(report.asymmetry)},
                      {"psoas_muscle_index_cm2_per_m2", optionalValue(report.psoasMuscleIndex.valueCm2PerM2)},
                      {"psoas_muscle_index", psoasMuscleIndexJson(report.psoasMuscleIndex)},
                      {"warnings", warningsJson(report.warnings)}};
  // Replace rather than throw on invalid UTF-8 (patient names from old DICOM character sets).
  return document.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

Result<void> writeMeasurementsJson(const MeasurementReport& report, const std::filesystem::path& path) {
  return writeFileAtomically(path, measurementsJson(report));
}

} // namespace iliometry::report
