#include "ReportFixture.h"

#include "iliometry/report/JsonReport.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace iliometry;
using namespace iliometry::report;
using nlohmann::json;

namespace {

json parsedReport(const MeasurementReport& report) { return json::parse(measurementsJson(report)); }

} // namespace

TEST(JsonReport, CarriesSoftwareInputAndStudyIdentifiers) {
  const json j = parsedReport(fixture::makeReport());
  EXPECT_EQ(j["schema_version"], kMeasurementsJsonSchemaVersion);
  EXPECT_EQ(j["software"]["name"], "iliometry");
  EXPECT_EQ(j["software"]["version"], "9.8.7");
  EXPECT_EQ(j["created_utc"], "2024-05-01T12:00:00Z");
  EXPECT_EQ(j["input"]["path"], "/data/case,1");
  EXPECT_EQ(j["input"]["format"], "DICOM");
  EXPECT_EQ(j["input"]["pipeline"], "CT");
  EXPECT_EQ(j["study"]["patient_id"], "PAT,\"7\"");
  EXPECT_EQ(j["study"]["study_instance_uid"], "1.2.3");
  EXPECT_EQ(j["study"]["series_instance_uid"], "1.2.3.4");
  EXPECT_EQ(j["study"]["modality"], "CT");
  EXPECT_DOUBLE_EQ(j["study"]["patient_height_m"].get<double>(), 1.7);
  EXPECT_TRUE(j["study"]["patient_weight_kg"].is_null());
}

TEST(JsonReport, RecordsTheRunParametersForReproduction) {
  auto report = fixture::makeReport();
  report.parameters.heightM = 1.82;
  report.parameters.modalityOverride = Modality::CT;
  report.parameters.asymmetry.iliacusPrimaryBasis = "L4/L5";
  const json p = parsedReport(report)["parameters"];
  EXPECT_TRUE(p["series_instance_uid"].is_null());
  EXPECT_DOUBLE_EQ(p["height_m"].get<double>(), 1.82);
  EXPECT_EQ(p["modality_override"], "CT");
  EXPECT_DOUBLE_EQ(p["asymmetry_threshold_percent"].get<double>(), 10.0);
  EXPECT_EQ(p["psoas_major_basis"], "volume");
  EXPECT_EQ(p["iliacus_basis"], "L4/L5");
}

TEST(JsonReport, DescribesTheVolumeGrid) {
  const json v = parsedReport(fixture::makeReport())["volume"];
  EXPECT_EQ(v["size_voxels"], json::array({4, 4, 5}));
  EXPECT_EQ(v["spacing_mm"], json::array({1.0, 1.0, 2.5}));
  EXPECT_EQ(v["origin_lps_mm"], json::array({-10.0, -20.0, 100.0}));
  EXPECT_EQ(v["direction"], json::parse("[[1,0,0],[0,1,0],[0,0,1]]"));
}

TEST(JsonReport, ListsLevelsWithKindSliceAndConfidence) {
  const json j = parsedReport(fixture::makeReport());
  ASSERT_EQ(j["levels"].size(), 2u);
  EXPECT_EQ(j["levels"][0]["name"], "L3");
  EXPECT_EQ(j["levels"][0]["kind"], "vertebra");
  EXPECT_EQ(j["levels"][0]["slice_index"], 1);
  EXPECT_DOUBLE_EQ(j["levels"][0]["z_mm"].get<double>(), 102.5);
  EXPECT_DOUBLE_EQ(j["levels"][0]["confidence"].get<double>(), 0.9);
  EXPECT_EQ(j["levels"][1]["name"], "L4/L5");
  EXPECT_EQ(j["levels"][1]["kind"], "disc");
  EXPECT_EQ(j["level_method"], "hand-built");
  EXPECT_DOUBLE_EQ(j["level_confidence"].get<double>(), 0.85);
  EXPECT_EQ(j["level_warnings"], json::array({"sacrum not in view"}));
}

TEST(JsonReport, GivesCsaOfAllFourStructuresOnEverySliceInCm2) {
  const json slices = parsedReport(fixture::makeReport())["slices"];
  ASSERT_EQ(slices.size(), 5u);
  const json& s2 = slices[2];
  EXPECT_EQ(s2["slice_index"], 2);
  EXPECT_DOUBLE_EQ(s2["z_mm"].get<double>(), 105.0);
  EXPECT_DOUBLE_EQ(s2["csa_cm2"]["psoas_major_left"].get<double>(), 3.0);
  EXPECT_DOUBLE_EQ(s2["csa_cm2"]["psoas_major_right"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(s2["csa_cm2"]["iliacus_left"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(s2["csa_cm2"]["iliacus_right"].get<double>(), 0.0);
  EXPECT_EQ(s2["csa_cm2"].size(), 4u);
  EXPECT_EQ(slices[1]["levels"], json::array({"L3"}));
  EXPECT_EQ(slices[3]["levels"], json::array({"L4/L5"}));
  EXPECT_TRUE(slices[0]["levels"].empty());
}

TEST(JsonReport, GivesCsaAtEachLevelByStructure) {
  const json rows = parsedReport(fixture::makeReport())["level_csa"];
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["level"], "L3");
  EXPECT_EQ(rows[0]["slice_index"], 1);
  EXPECT_DOUBLE_EQ(rows[0]["csa_cm2"]["psoas_major_left"].get<double>(), 2.0);
  EXPECT_DOUBLE_EQ(rows[0]["csa_cm2"]["psoas_major_right"].get<double>(), 1.0);
  EXPECT_EQ(rows[1]["level"], "L4/L5");
  EXPECT_DOUBLE_EQ(rows[1]["csa_cm2"]["iliacus_left"].get<double>(), 0.6);
}

TEST(JsonReport, LeavesOutLevelCsaForLevelsOutsideTheVolume) {
  auto report = fixture::makeReport();
  report.levels.levels.push_back({"S1", LevelKind::VertebralBody, 9, 122.5, 0.4});
  const json j = parsedReport(report);
  EXPECT_EQ(j["levels"].size(), 3u);
  EXPECT_EQ(j["level_csa"].size(), 2u);
}

TEST(JsonReport, SummarisesEachStructureWithUnitsInNames) {
  const json s = parsedReport(fixture::makeReport())["structures"];
  ASSERT_EQ(s.size(), 4u);
  const json& pl = s["psoas_major_left"];
  EXPECT_EQ(pl["muscle"], "psoas_major");
  EXPECT_EQ(pl["side"], "left");
  EXPECT_EQ(pl["label_value"], 1);
  EXPECT_EQ(pl["voxel_count"], 600);
  EXPECT_DOUBLE_EQ(pl["volume_cm3"].get<double>(), 1.5);
  EXPECT_DOUBLE_EQ(pl["max_csa_cm2"].get<double>(), 3.0);
  EXPECT_EQ(pl["max_csa_slice_index"], 2);
  EXPECT_DOUBLE_EQ(pl["mean_hu"].get<double>(), 45.5);
  EXPECT_EQ(pl["first_slice_index"], 0);
  EXPECT_EQ(pl["last_slice_index"], 2);
  EXPECT_EQ(s["iliacus_right"]["label_value"], 4);
}

TEST(JsonReport, EmptyStructureHasNullSliceIndicesAndMeanHu) {
  const json ir = parsedReport(fixture::makeReport())["structures"]["iliacus_right"];
  EXPECT_DOUBLE_EQ(ir["volume_cm3"].get<double>(), 0.0);
  EXPECT_TRUE(ir["max_csa_slice_index"].is_null());
  EXPECT_TRUE(ir["mean_hu"].is_null());
  EXPECT_TRUE(ir["first_slice_index"].is_null());
  EXPECT_TRUE(ir["last_slice_index"].is_null());
}

TEST(JsonReport, ListsEveryAsymmetryEntryWithTheUnitOfItsBasis) {
  const json entries = parsedReport(fixture::makeReport())["asymmetry"]["entries"];
  // 2 muscles x (volume, max_csa, L3, L4/L5)
  ASSERT_EQ(entries.size(), 8u);
  const json& volume = entries[0];
  EXPECT_EQ(volume["muscle"], "psoas_major");
  EXPECT_EQ(volume["basis"], "volume");
  EXPECT_DOUBLE_EQ(volume["left_cm3"].get<double>(), 1.5);
  EXPECT_DOUBLE_EQ(volume["right_cm3"].get<double>(), 0.75);
  EXPECT_NEAR(volume["index_percent"].get<double>(), 200.0 / 3.0, 1e-9);
  EXPECT_FALSE(volume.contains("left_cm2"));
  const json& l3 = entries[2];
  EXPECT_EQ(l3["basis"], "L3");
  EXPECT_DOUBLE_EQ(l3["left_cm2"].get<double>(), 2.0);
  EXPECT_DOUBLE_EQ(l3["right_cm2"].get<double>(), 1.0);
}

TEST(JsonReport, StatesTheVerdictPerMuscle) {
  const json verdicts = parsedReport(fixture::makeReport())["asymmetry"]["verdicts"];
  ASSERT_EQ(verdicts.size(), 2u);
  EXPECT_EQ(verdicts[0]["muscle"], "psoas_major");
  EXPECT_EQ(verdicts[0]["basis"], "volume");
  EXPECT_DOUBLE_EQ(verdicts[0]["threshold_percent"].get<double>(), 10.0);
  EXPECT_NEAR(verdicts[0]["index_percent"].get<double>(), 200.0 / 3.0, 1e-9);
  EXPECT_EQ(verdicts[0]["asymmetric_hypertrophy"], true);
  EXPECT_EQ(verdicts[0]["larger_side"], "left");
  EXPECT_EQ(verdicts[0]["note"], "");
  EXPECT_EQ(verdicts[1]["muscle"], "iliacus");
}

TEST(JsonReport, UnflaggedVerdictHasNoLargerSide) {
  auto report = fixture::makeReport();
  report.asymmetry.verdicts[0].asymmetricHypertrophy = false;
  report.asymmetry.verdicts[0].largerSide.reset();
  report.asymmetry.verdicts[0].indexPercent.reset();
  const json v = parsedReport(report)["asymmetry"]["verdicts"][0];
  EXPECT_EQ(v["asymmetric_hypertrophy"], false);
  EXPECT_TRUE(v["larger_side"].is_null());
  EXPECT_TRUE(v["index_percent"].is_null());
}

TEST(JsonReport, GivesPsoasMuscleIndexFromL3AndHeight) {
  const json j = parsedReport(fixture::makeReport());
  const double expected = 3.0 / (1.7 * 1.7);
  EXPECT_NEAR(j["psoas_muscle_index_cm2_per_m2"].get<double>(), expected, 1e-12);
  EXPECT_NEAR(j["psoas_muscle_index"]["value_cm2_per_m2"].get<double>(), expected, 1e-12);
  EXPECT_DOUBLE_EQ(j["psoas_muscle_index"]["psoas_major_csa_cm2"].get<double>(), 3.0);
  EXPECT_EQ(j["psoas_muscle_index"]["slice_index"], 1);
  EXPECT_EQ(j["psoas_muscle_index"]["height_source"], "dicom");
}

TEST(JsonReport, PsoasMuscleIndexIsNullWithANoteWhenHeightIsUnknown) {
  auto report = fixture::makeReport();
  report.psoasMuscleIndex = computePsoasMuscleIndex(report.measurements, report.levels, std::nullopt, std::nullopt);
  const json j = parsedReport(report);
  EXPECT_TRUE(j["psoas_muscle_index_cm2_per_m2"].is_null());
  EXPECT_TRUE(j["psoas_muscle_index"]["height_m"].is_null());
  EXPECT_TRUE(j["psoas_muscle_index"]["height_source"].is_null());
  EXPECT_NE(j["psoas_muscle_index"]["note"].get<std::string>().find("height"), std::string::npos);
}

TEST(JsonReport, ListsWarningsWithTheirSource) {
  const json w = parsedReport(fixture::makeReport())["warnings"];
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0]["source"], "loader");
  EXPECT_EQ(w[0]["message"], "skipped 1 file");
  EXPECT_EQ(w[1]["message"], "something, with \"quotes\"");
}

TEST(JsonReport, InvalidUtf8InDicomTextDoesNotBreakTheDocument) {
  auto report = fixture::makeReport();
  report.study.patientName = "M\xfcller"; // Latin-1, not UTF-8
  const json j = parsedReport(report);
  EXPECT_EQ(j["study"]["patient_name"].get<std::string>().substr(0, 1), "M");
}

TEST(JsonReport, WritesTheDocumentToAFile) {
  const auto folder = std::filesystem::temp_directory_path() / ("iliometry-json-" + std::to_string(::getpid()));
  const auto path = folder / "measurements.json";
  ASSERT_TRUE(writeMeasurementsJson(fixture::makeReport(), path));
  std::ifstream in(path);
  const json j = json::parse(in);
  EXPECT_EQ(j["software"]["version"], "9.8.7");
  std::filesystem::remove_all(folder);
}

TEST(JsonReport, WritingUnderARegularFileFailsNamingThePath) {
  const auto file = std::filesystem::temp_directory_path() / ("iliometry-json-file-" + std::to_string(::getpid()));
  std::ofstream(file) << "not a folder";
  const auto result = writeMeasurementsJson(fixture::makeReport(), file / "measurements.json");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::OutputFailed);
  EXPECT_NE(result.error().message.find(file.string()), std::string::npos);
  std::filesystem::remove(file);
}
